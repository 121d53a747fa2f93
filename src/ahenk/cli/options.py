"""Option decorators shared by several commands, so spelling and help stay identical."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from ahenk.formats.registry import Kind, handlers

F = TypeVar("F", bound=Callable)


def format_names(kind: Kind, *, writing: bool = False) -> list[str]:
    return [h.name for h in handlers(kind) if (h.can_write if writing else h.can_read)]


def from_format(kind: Kind) -> Callable[[F], F]:
    return click.option(
        "--from",
        "from_format",
        type=click.Choice(format_names(kind)),
        default=None,
        help="Input format (default: by extension, then by content).",
    )


def to_format(kind: Kind) -> Callable[[F], F]:
    return click.option(
        "--to",
        "to_format",
        type=click.Choice(format_names(kind, writing=True)),
        default=None,
        help="Output format (default: by the output file's extension).",
    )


def output_format(*choices: str, default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="How to print the result.",
    )
