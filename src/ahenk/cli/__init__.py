"""ahenk's command line: thin click commands over library functions.

The one error boundary lives in :class:`AhenkGroup`: an :class:`~ahenk.errors.AhenkError` from
anywhere becomes a one-line ``ahenk: error: path:line:col: message`` on stderr and exit code 2;
a command that returns an int (1 for findings) exits with it. Commands hold no logic beyond
parsing options and rendering results.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from typing import Any, TextIO

import click

from ahenk import __version__
from ahenk.errors import AhenkError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2

# Each module defines a click command or group named ``command`` and is added under its name.
_COMMAND_MODULES = (
    "align",
    "build",
    "check",
    "checks",
    "corpus",
    "formats",
    "glossary",
    "segment",
    "tm",
    "tmx",
)


class AhenkGroup(click.Group):
    """A click group that maps ahenk's typed errors and int results to exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                result = super().invoke(ctx)
        except AhenkError as exc:
            click.echo(f"ahenk: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `ahenk … | head`
            sys.stderr.close()
            ctx.exit(EXIT_CLEAN)
        if isinstance(result, int) and not isinstance(result, bool):
            ctx.exit(result)
        return result


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """ahenk's own warnings (a reader's ``path:line: warning: …``) as one line on stderr, like
    its errors; Python's form would add the line of ahenk's source that raised it."""
    if category.__module__.startswith("ahenk."):
        text = str(message)
        click.echo(text if text.startswith("ahenk: ") else f"ahenk: {text}", err=True)
        return
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


@click.group(cls=AhenkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ahenk")
def main() -> None:
    """Language assets and consistency checks for English, Azerbaijani and Russian.

    Exit codes: 0 clean, 1 findings, 2 unusable input.
    """


def _register() -> None:
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"ahenk.cli.{name}")
        main.add_command(module.command)


_register()
