"""``ahenk align``: sentence-align two texts (or three, through the source as pivot)."""

from __future__ import annotations

import click

from ahenk.align import ALIGNERS, LOW_CONFIDENCE, align_files, align_files_pivot
from ahenk.align.render import pivot_json, pivot_tsv, render
from ahenk.errors import UsageError
from ahenk.formats.registry import write
from ahenk.glossary import load_termbase
from ahenk.io import write_text
from ahenk.model import Store
from ahenk.segment import PARAGRAPH_MODES, Paragraphs

_FORMATS = ("tsv", "json", "vecalign", "tmx", "html")
_PIVOT_FORMATS = ("tsv", "json", "tmx")


@click.command("align")
@click.argument("src", type=click.Path(dir_okay=False))
@click.argument("tgt", type=click.Path(dir_okay=False))
@click.option("--src-lang", required=True, help="Language of SRC (en, az, ru …).")
@click.option("--tgt-lang", required=True, help="Language of TGT.")
@click.option("--glossary", type=click.Path(dir_okay=False), default=None,
              help="A termbase (TBX, CSV/TSV, OmegaT glossary): its concepts become anchors.")
@click.option("--one-per-line", is_flag=True,
              help="The files are segmented already: line k is sentence k (0-based numbers "
                   "in the output; a blank line is an empty sentence). When every file has "
                   "blank lines between sentences, blank lines separate paragraphs instead "
                   "(strong anchors) and sentence k is the k-th non-blank line. Without this "
                   "option the files are segmented first.")
@click.option("--paragraphs", type=click.Choice(PARAGRAPH_MODES), default="line",
              show_default=True,
              help="When segmenting: what separates paragraphs, every line break or blank lines "
                   "only. Paragraphs present on both sides are strong anchors.")
@click.option("--format", "output_format", type=click.Choice(_FORMATS), default="tsv",
              show_default=True, help="Output: TSV, JSON, vecalign beads, TMX or an HTML "
                                      "review page.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of standard output (required for TMX).")
@click.option("--aligner", type=click.Choice(list(ALIGNERS)), default="ahenk",
              show_default=True, help="ahenk (lengths and anchors) or gale-church (lengths).")
@click.option("--third", type=click.Path(dir_okay=False), default=None,
              help="A third text, aligned to SRC as pivot (en–az–ru through English).")
@click.option("--third-lang", default=None, help="Language of --third.")
def command(src: str, tgt: str, src_lang: str, tgt_lang: str, glossary: str | None,
            one_per_line: bool, paragraphs: Paragraphs, output_format: str, output: str | None,
            aligner: str, third: str | None, third_lang: str | None) -> None:
    """Align the sentences of SRC and TGT, translations of each other.

    Every bead has a confidence; beads below 0.5 are counted on standard error and come first
    in the HTML page's "lowest confidence first" order.
    """
    if output_format == "tmx" and output is None:
        raise UsageError("--format tmx writes a file: give it with -o FILE")
    if (third is None) != (third_lang is None):
        raise UsageError("--third and --third-lang go together")
    termbase = None
    if glossary is not None:
        termbase = load_termbase(glossary)
    if third is not None:
        if output_format not in _PIVOT_FORMATS:
            raise UsageError(f"a three-language alignment is written as "
                             f"{', '.join(_PIVOT_FORMATS)}, not {output_format}")
        multi = align_files_pivot(src, src_lang, [(tgt, tgt_lang), (third, third_lang)],
                                  termbase=termbase, one_per_line=one_per_line,
                                  paragraphs=paragraphs, aligner=aligner)
        for alignment in multi.others:
            _warn(alignment.warnings)
        if output_format == "tmx":
            _write_tmx(multi.to_store(), output)
        else:
            _emit(pivot_tsv(multi) if output_format == "tsv" else pivot_json(multi), output)
        low = sum(1 for u in multi.units if u.confidence < LOW_CONFIDENCE)
        click.echo(f"{len(multi.units)} units, {low} below confidence {LOW_CONFIDENCE}", err=True)
        return
    alignment = align_files(src, tgt, src_lang, tgt_lang, termbase=termbase,
                            one_per_line=one_per_line, paragraphs=paragraphs, aligner=aligner)
    _warn(alignment.warnings)
    if output_format == "tmx":
        _write_tmx(alignment.to_store(), output)
    else:
        _emit(render(alignment, output_format), output)
    low = len(alignment.low_confidence())
    click.echo(f"{len(alignment.beads)} beads, {low} below confidence {LOW_CONFIDENCE}", err=True)


def _warn(warnings: list[str]) -> None:
    for message in warnings:
        click.echo(f"ahenk: warning: {message}", err=True)


def _emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)


def _write_tmx(store: Store, output: str | None) -> None:
    write(store, output, "tmx")
