"""Text renderings shared by commands: problem lists, summaries and small tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import click

from ahenk.diagnostics import Problem, Severity


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    """Columns padded to their widest cell; numeric columns right-aligned, text left-aligned."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [bool(rows) and all(isinstance(row[i], int | float) for row in rows)
               for i in range(len(header))]

    def line(row: list[str]) -> str:
        parts = [c.rjust(w) if num else c.ljust(w)
                 for c, w, num in zip(row, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(cells[0]), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells[1:])
    return "\n".join(out)


def count_phrase(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def problems_summary(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    return f"{count_phrase(errors, 'error')}, {count_phrase(warnings, 'warning')}"


def echo_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem))


def exit_code(problems: Iterable[Problem], fail_on: str) -> int:
    threshold = Severity(fail_on).rank
    return 1 if any(p.severity.rank >= threshold for p in problems) else 0


def fail_on_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--fail-on",
        type=click.Choice(["error", "warning"]),
        default="error",
        show_default=True,
        help="Exit with 1 when a problem of this severity or worse is found.",
    )(func)


def report_problems(problems: Sequence[Problem], output_format: str, fail_on: str,
                    heading: str, **json_extra: object) -> int:
    """Print a validator's problems (text: one per line and a summary; json: the versioned
    document) and return the exit code for *fail_on*."""
    from ahenk.diagnostics import problems_json

    if output_format == "json":
        click.echo(problems_json(problems, **json_extra))
    else:
        echo_problems(problems)
        click.echo(f"{heading}{problems_summary(problems)}")
    return exit_code(problems, fail_on)
