"""``ahenk check``: run the translation checks on files and report the findings."""

from __future__ import annotations

import click

from ahenk.check.runner import CHECKABLE, check_paths
from ahenk.cli.options import output_format
from ahenk.formats.registry import handlers
from ahenk.io import write_text
from ahenk.report import names, render


def _ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--glossary", type=click.Path(dir_okay=False), default=None,
              help="Termbase to check terminology against (TBX, TSV/CSV, OmegaT glossary). "
                   "Without one, the term checks are skipped.")
@click.option("--src-lang", default=None,
              help="Source language, for files that do not say it (PO, TSV, text).")
@click.option("--tgt-lang", default=None,
              help="Target language, for files that do not say it; in a multilingual TMX, "
                   "the one target language to check.")
@click.option("--from", "from_format", default=None,
              type=click.Choice([h.name for h in handlers() if h.kind in CHECKABLE and h.can_read]),
              help="Input format (default: by extension, then by content).")
@output_format(*names())
@click.option("--select", multiple=True, metavar="ID,…",
              help="Run only these checks (ids, comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="ID,…",
              help="Do not run these checks (ids, comma-separated or repeated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error",
              show_default=True, help="Exit with 1 when a finding of this severity or worse "
                                      "is found.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
def command(paths: tuple[str, ...], glossary: str | None, src_lang: str | None,
            tgt_lang: str | None, from_format: str | None, output_format: str,
            select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str,
            output: str | None) -> int:
    """Check translations in PATH... (files or folders: TMX, XLIFF, PO, TSV, text).

    Numbers, placeholders, untranslated and wrong-language text, punctuation, consistency
    across all files given, and, with --glossary, terminology. `ahenk checks list` shows the
    checks. Exit 0 when clean, 1 when findings at or above --fail-on are found, 2 when an
    input cannot be used.
    """
    report = check_paths(paths, glossary, src_lang=src_lang, tgt_lang=tgt_lang,
                         select=_ids(select), ignore=_ids(ignore), from_format=from_format)
    text = render(report, output_format)
    if output:
        write_text(output, text)
    else:
        click.echo(text, nl=False)
    return 1 if report.at_least(fail_on) else 0
