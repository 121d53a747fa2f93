"""``ahenk glossary``: validate, count, convert termbases (TBX, CSV/TSV, OmegaT glossary), and
mine new terms from aligned memories."""

from __future__ import annotations

import json

import click

from ahenk.cli.options import from_format, output_format, to_format
from ahenk.cli.render import fail_on_option, report_problems, table
from ahenk.errors import UsageError
from ahenk.formats import registry
from ahenk.formats.registry import Kind
from ahenk.glossary import convert_glossary, load_termbase, termbase_stats, validate_glossary
from ahenk.mining import extract_terms
from ahenk.termbase.model import TermStatus

_src_lang = click.option("--src-lang", default=None,
                         help="Source language of a bilingual glossary (OmegaT).")
_tgt_lang = click.option("--tgt-lang", default=None,
                         help="Target language of a bilingual glossary (OmegaT).")


def _lang_options(src_lang: str | None, tgt_lang: str | None) -> dict[str, str]:
    return {k: v for k, v in (("src_lang", src_lang), ("tgt_lang", tgt_lang)) if v}


@click.group("glossary")
def command() -> None:
    """Validate, count, convert and mine terminology glossaries."""


@command.command("validate")
@click.argument("path", type=click.Path(dir_okay=False))
@from_format(Kind.TERMBASE)
@_src_lang
@_tgt_lang
@click.option("--lang", "languages", multiple=True,
              help="A language every concept needs a preferred term in (repeatable; "
                   "default: every language of the termbase).")
@output_format("text", "json")
@fail_on_option
def validate(path: str, from_format: str | None, src_lang: str | None, tgt_lang: str | None,
             languages: tuple[str, ...], output_format: str, fail_on: str) -> int:
    """Report what is wrong in a termbase, with file and line.

    Exit 0 when clean, 1 when problems at or above --fail-on are found, 2 when the file cannot
    be read at all.
    """
    problems = validate_glossary(path, from_format, list(languages) or None,
                                 **_lang_options(src_lang, tgt_lang))
    return report_problems(problems, output_format, fail_on, f"{path}: ", file=path)


@command.command("stats")
@click.argument("path", type=click.Path(dir_okay=False))
@from_format(Kind.TERMBASE)
@_src_lang
@_tgt_lang
@output_format("text", "json")
def stats(path: str, from_format: str | None, src_lang: str | None, tgt_lang: str | None,
          output_format: str) -> None:
    """Count concepts and terms per language and status."""
    result = termbase_stats(load_termbase(path, from_format, **_lang_options(src_lang, tgt_lang)))
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(render_termbase_stats(path, result))


def render_termbase_stats(path: str, result) -> str:  # type: ignore[no-untyped-def]
    statuses = [s.value for s in TermStatus]
    rows = [[lang, sum(c.values()), *(c[s] for s in statuses)]
            for lang, c in result.by_language.items()]
    subjects = ", ".join(f"{name} {n}" for name, n in sorted(result.subjects.items()))
    return "\n".join([
        f"{path}: {result.concepts} concepts, {result.terms} terms, "
        f"{result.with_definition} with a definition",
        table(rows, ["lang", "terms", *statuses]),
        f"subjects: {subjects}",
    ])


@command.command("convert")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("output", type=click.Path(dir_okay=False))
@from_format(Kind.TERMBASE)
@to_format(Kind.TERMBASE)
@_src_lang
@_tgt_lang
@click.option("--layout", type=click.Choice(["long", "wide"]), default=None,
              help="Tabular output: one row per term (long) or per concept (wide).")
@click.option("--bom/--no-bom", default=None,
              help="Tabular output: start with a UTF-8 BOM (Excel).")
def convert(source: str, output: str, from_format: str | None, to_format: str | None,
            src_lang: str | None, tgt_lang: str | None, layout: str | None,
            bom: bool | None) -> None:
    """Convert a termbase between formats (TBX, TBX v3, CSV/TSV, OmegaT glossary).

    The output is written to a temporary file and renamed into place when complete.
    """
    options: dict[str, object] = _lang_options(src_lang, tgt_lang)
    if layout is not None:
        options["layout"] = layout
    if bom is not None:
        options["bom"] = bom
    termbase, name = convert_glossary(source, output, from_format, to_format, **options)
    terms = sum(len(c.terms) for c in termbase)
    click.echo(f"{output}: wrote {len(termbase)} concepts, {terms} terms as {name}")


@command.command("extract")
@click.argument("tmx", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--src-lang", default="en", show_default=True,
              help="Source language of the memories (the language mined).")
@click.option("--tgt-lang", default=None, help="Target language of the memories.")
@click.option("--glossary", "glossary_path", type=click.Path(dir_okay=False), default=None,
              help="An existing termbase: candidates it already has are marked.")
@click.option("--min-freq", type=click.IntRange(min=1), default=2, show_default=True,
              help="Drop candidates seen fewer times.")
@click.option("-n", "n", type=click.IntRange(min=0), default=200, show_default=True,
              help="How many terms to keep, best first (0: all).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the draft termbase here (.tbx, .csv, .tsv); default: print a table.")
@to_format(Kind.TERMBASE)
@click.option("--monolingual", "monolingual", multiple=True,
              type=click.Path(dir_okay=False),
              help="Mine one language's texts instead (plain text or any store; repeatable).")
@click.option("--lang", default=None, help="Language of --monolingual texts.")
def extract(tmx: tuple[str, ...], src_lang: str, tgt_lang: str | None,
            glossary_path: str | None, min_freq: int, n: int, output: str | None,
            to_format: str | None, monolingual: tuple[str, ...], lang: str | None) -> None:
    """Mine candidate terms and their translations from aligned memories.

    Source terms (names, acronyms with their expansions, recurring noun phrases) are ranked by
    C-value; each gets the target phrase most associated with it over the aligned units
    (Dice, log-likelihood, word links), in its citation form. The draft marks every term
    "proposed" (status admitted, note "proposed; …") for a terminologist to review.
    """
    glossary = load_termbase(glossary_path) if glossary_path else None
    if monolingual:
        result = extract_terms(monolingual=monolingual, src_lang=lang or src_lang,
                               glossary=glossary, min_freq=min_freq, n=n)
    else:
        if not tmx:
            raise UsageError("give aligned memories (TMX) or --monolingual texts")
        result = extract_terms(tmx, src_lang=src_lang, tgt_lang=tgt_lang, glossary=glossary,
                               min_freq=min_freq, n=n)
    if output:
        termbase = result.to_termbase()
        name = registry.write(termbase, output, to_format, (Kind.TERMBASE,)).name
        click.echo(f"{output}: wrote {len(termbase)} proposed concepts as {name} "
                   f"(from {result.units} units)")
        return
    rows = [[f"{m.score:.1f}", m.candidate.frequency, m.text
             + (f" ({m.candidate.acronym.text})" if m.candidate.acronym else ""),
             m.translation.text if m.translation else "",
             f"{m.translation.dice:.2f}" if m.translation else "", m.known or ""]
            for m in result.terms]
    click.echo(table(rows, ["score", "freq", result.src_lang, result.tgt_lang or "", "dice",
                            "in termbase"]))
