"""``ahenk formats``: list the format registry (what ahenk reads and writes)."""

from __future__ import annotations

import click

from ahenk.cli.render import table
from ahenk.formats.registry import handlers


@click.command("formats")
def command() -> None:
    """List every registered file format: name, kind, extensions, read/write."""
    rows = [[h.name, h.kind.value, " ".join("." + e for e in h.extensions),
             ("r" if h.can_read else "-") + ("w" if h.can_write else "-"), h.description]
            for h in handlers()]
    click.echo(table(rows, ["format", "kind", "extensions", "rw", "description"]))
