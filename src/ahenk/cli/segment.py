"""``ahenk segment``: split text files into sentences with SRX rules.

Output formats:

* ``text`` (default): one segment per line on stdout, whitespace inside a segment shown as one
  space; the segmenter signature goes to stderr as a ``# …`` line so stdout stays pure.
* ``jsonl``: a header record ``{"type": "header", "signature": "…", "segmenter": {…}, "lang": …}``
  first, then one ``{"type": "segment", "file", "line", "column", "start", "end", "paragraph",
  "text"}`` record per segment. ``line``/``column`` are 1-based, ``start``/``end`` are character
  offsets into the decoded file (BOM excluded), ``text`` is exact.

Paragraphs (``--paragraphs``): ``line`` (default) makes every line a paragraph, the convention
of ahenk's corpus and of most plain-text exports; ``blank`` takes blank lines as paragraph breaks
and a single line break as a space, for hard-wrapped prose. A paragraph break always breaks.
"""

from __future__ import annotations

import json
import re

import click

from ahenk.cli.options import output_format
from ahenk.errors import UsageError
from ahenk.segment import PARAGRAPH_MODES, export_srx, segment_file, shipped_srx_bytes

_SPACES = re.compile(r"\s+")


@click.command("segment")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--lang",
    default=None,
    help="Language of the files: en, az, ru (any BCP 47 or "
    "Java spelling works: az_AZ, aze, ru-RU).",
)
@click.option(
    "--rules",
    type=click.Path(dir_okay=False),
    default=None,
    help="An SRX 2.0 file to use instead of ahenk's rules.",
)
@click.option(
    "--paragraphs",
    type=click.Choice(PARAGRAPH_MODES),
    default="line",
    show_default=True,
    help="What separates paragraphs: every line break, or blank lines only.",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Encoding of the files when they have no byte-order mark.",
)
@output_format("text", "jsonl")
@click.option(
    "--export-srx",
    "export_to",
    is_flag=False,
    flag_value="-",
    default=None,
    metavar="[PATH]",
    help="Write ahenk's SRX rules to PATH (or stdout) and exit.",
)
def command(
    files: tuple[str, ...],
    lang: str | None,
    rules: str | None,
    paragraphs: str,
    encoding: str,
    output_format: str,
    export_to: str | None,
) -> None:
    """Split FILE... into segments (sentences, headings, lines without final punctuation)."""
    if export_to is not None:
        if export_to == "-":
            click.echo(shipped_srx_bytes().decode("utf-8"), nl=False)
        else:
            export_srx(export_to)
        return
    if not files:
        raise UsageError("give at least one FILE to segment, or --export-srx")
    if lang is None:
        raise UsageError("--lang is required: the language of the files (en, az or ru)")
    results = [
        segment_file(path, lang, rules=rules, paragraphs=paragraphs, encoding=encoding)  # type: ignore[arg-type]
        for path in files
    ]
    signature = results[0].signature
    if output_format == "jsonl":
        header = {
            "type": "header",
            "signature": str(signature),
            "segmenter": signature.as_dict(),
            "lang": lang,
        }
        click.echo(json.dumps(header, ensure_ascii=False))
        for result in results:
            for seg in result.segments:
                record = {
                    "type": "segment",
                    "file": result.path,
                    "line": seg.line,
                    "column": seg.column,
                    "start": seg.start,
                    "end": seg.end,
                    "paragraph": seg.paragraph,
                    "text": seg.text,
                }
                click.echo(json.dumps(record, ensure_ascii=False))
        return
    click.echo(f"# {signature}", err=True)
    for result in results:
        for seg in result.segments:
            click.echo(_SPACES.sub(" ", seg.text))
