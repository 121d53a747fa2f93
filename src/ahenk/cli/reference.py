"""Generate the CLI reference (docs/cli.md) from the click command tree itself.

The reference is never written by hand: ``python -m ahenk.cli.reference > docs/cli.md``
regenerates it, and a test fails when the committed file is stale.
"""

from __future__ import annotations

import click


def _walk(command: click.Command, path: list[str]):  # type: ignore[no-untyped-def]
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _walk(command.commands[name], [*path, name])


def cli_reference(root: click.Command | None = None) -> str:
    if root is None:
        from ahenk.cli import main as root
    out = ["# ahenk command reference", "",
           "Generated from the commands themselves by `python -m ahenk.cli.reference`; "
           "do not edit by hand.", ""]
    for path, command in _walk(root, ["ahenk"]):
        if command.hidden:
            continue
        ctx = click.Context(command, info_name=" ".join(path), terminal_width=100,
                            max_content_width=100, help_option_names=["-h", "--help"])
        out.append(f"{'#' * min(len(path) + 1, 4)} `{' '.join(path)}`")
        out.append("")
        out.append("```text")
        out.append(command.get_help(ctx).rstrip())
        out.append("```")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    click.echo(cli_reference(), nl=False)
