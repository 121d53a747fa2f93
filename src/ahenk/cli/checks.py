"""``ahenk checks``: list the checks and explain one, generated from the check registry."""

from __future__ import annotations

import click

from ahenk.check.reference import explain
from ahenk.check.registry import all_checks


@click.group("checks")
def command() -> None:
    """List the translation checks and explain what each one finds."""


@command.command("list")
def list_checks() -> None:
    """Every check: id, default severity, scope and name."""
    rows = [("id", "severity", "scope", "name")]
    rows += [(cls.id, cls.severity.value, cls.scope.value, cls.name) for cls in all_checks()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[3]]))


@command.command("explain")
@click.argument("check_id", metavar="ID")
def explain_check(check_id: str) -> None:
    """What check ID finds, its default severity and scope, and an example."""
    click.echo(explain(check_id))
