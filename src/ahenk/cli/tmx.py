"""``ahenk tmx``: validate, count, merge, dedupe and convert translation memories (TMX)."""

from __future__ import annotations

import json

import click

from ahenk.cli.options import output_format
from ahenk.cli.render import (
    count_phrase,
    exit_code,
    fail_on_option,
    problems_summary,
    table,
)
from ahenk.diagnostics import Problem, problems_json
from ahenk.formats.registry import Kind, handlers
from ahenk.formats.tmx import PROFILES
from ahenk.tmxops import TmxStats, WriteResult, convert_tmx, dedupe_tmx, merge_tmx, tmx_stats
from ahenk.tmxops import validate_tmx as validate_file
from ahenk.tmxops.merge import BY_CHOICES, KEEP_CHOICES

_files = click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
_output = click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
                       help="The TMX file to write (never one of the inputs).")
_profile = click.option("--profile", type=click.Choice(list(PROFILES)), default=None,
                        help="Write for this tool's TMX habits (language tags, header); "
                             "default: generic.")


def _convert_formats() -> list[str]:
    return sorted(h.name for h in [*handlers(Kind.BILINGUAL), *handlers(Kind.MULTILINGUAL)])


@click.group("tmx")
def command() -> None:
    """Validate, count, merge, deduplicate and convert translation memories (TMX 1.4b)."""


@command.command("validate")
@_files
@click.option("--dtd", type=click.Path(dir_okay=False), default=None,
              help="The TMX 1.4 DTD (tmx14.dtd) to validate against; default: the reference "
                   "copy in ../shared, else DTD validation is skipped with a note.")
@output_format("text", "json")
@fail_on_option
def validate(paths: tuple[str, ...], dtd: str | None, output_format: str, fail_on: str) -> int:
    """Report what is wrong in TMX files, with file and line.

    Checks validity against the TMX 1.4 DTD and what tools trip on: srclang missing or not
    matching the units, units without the source language or with one language only, bad
    language tags, empty segments, duplicate and conflicting units, unpaired <bpt>/<ept>,
    control characters. Exit 0 when clean, 1 when problems at or above --fail-on are found,
    2 when a file cannot be read at all.
    """
    found: list[Problem] = []
    for path in paths:
        problems: list[Problem] = []
        for problem in validate_file(path, dtd):
            problems.append(problem)
            if output_format == "text":
                click.echo(str(problem))
        if output_format == "text":
            click.echo(f"{path}: {problems_summary(problems)}")
        found.extend(problems)
    if output_format == "json":
        click.echo(problems_json(found, files=list(paths)))
    return exit_code(found, fail_on)


@command.command("stats")
@_files
@output_format("text", "json")
def stats(paths: tuple[str, ...], output_format: str) -> None:
    """Count units, variants and words per language, and duplicates; show the header."""
    results = [tmx_stats(path) for path in paths]
    if output_format == "json":
        data = [r.as_dict() for r in results]
        click.echo(json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, indent=2))
        return
    click.echo("\n\n".join(render_stats(r) for r in results))


def render_stats(result: TmxStats) -> str:
    tool = " ".join(p for p in (result.tool, result.tool_version) if p) or "unknown"
    rows = [[lang, result.variants[lang], result.words[lang]] for lang in result.variants]
    lines = [
        f"{result.path}: {count_phrase(result.units, 'unit')}, "
        f"{count_phrase(result.duplicates, 'duplicate')}",
        f"created by: {tool}; srclang: {result.srclang or '(none)'}; "
        f"adminlang: {result.adminlang or '(none)'}",
        table(rows, ["language", "variants", "words"]),
    ]
    if result.skipped:
        lines.append(f"{count_phrase(result.skipped, 'unit')} could not be read")
    return "\n".join(lines)


def _report(result: WriteResult, verb: str) -> None:
    _echo_problems_err(result.problems)
    parts = [f"read {count_phrase(result.read, 'unit')}",
             f"wrote {result.written}"]
    if result.dropped:
        parts.append(f"{verb} {result.dropped}")
    if result.alternatives:
        parts.append(f"{count_phrase(result.alternatives, 'source')} with alternative "
                     "translations")
    click.echo(f"{result.output}: {', '.join(parts)}")


def _echo_problems_err(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@command.command("merge")
@_files
@_output
@_profile
def merge(paths: tuple[str, ...], output: str, profile: str | None) -> None:
    """Merge TMX files into one, streaming.

    Units identical in every variant are kept once. Units with the same source but different
    translations are all kept, together and newest changedate first, so the translator
    chooses. The header is the first file's. The output is written atomically.
    """
    result = merge_tmx(list(paths), output, profile=profile or "generic")
    _report(result, "left out identical")


@command.command("dedupe")
@click.argument("path", type=click.Path(dir_okay=False))
@_output
@click.option("--keep", type=click.Choice(KEEP_CHOICES), default="first", show_default=True,
              help="Which of the repeated units to keep: the first in the file or the one "
                   "with the newest changedate.")
@click.option("--by", type=click.Choice(BY_CHOICES), default="source+target",
              show_default=True,
              help="What makes units repeats: the same source, or the same source and the "
                   "same translations.")
@_profile
def dedupe(path: str, output: str, keep: str, by: str, profile: str | None) -> None:
    """Write a TMX file with repeated units removed; kept units stay in place."""
    result = dedupe_tmx(path, output, keep=keep, by=by, profile=profile or "generic")
    _report(result, "removed")


@command.command("convert")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--from", "from_format", type=click.Choice(_convert_formats()), default=None,
              help="Input format (default: by extension, then by content).")
@click.option("--to", "to_format", type=click.Choice(_convert_formats()), default=None,
              help="Output format (default: by the output file's extension).")
@click.option("--src-lang", default=None,
              help="Source language: supplies it to a bilingual file without one; out of a "
                   "TMX, the variant to take as the source.")
@click.option("--tgt-lang", default=None,
              help="Target language: out of a multilingual TMX, which target to take; "
                   "supplies it to a bilingual file without one.")
@_profile
def convert(source: str, output: str, from_format: str | None, to_format: str | None,
            src_lang: str | None, tgt_lang: str | None, profile: str | None) -> None:
    """Convert between TMX and a bilingual format (TSV, CSV, PO, XLIFF), either way.

    Units without both languages (out of TMX) or without a translation (into TMX) are
    skipped and counted. The output is written atomically.
    """
    options: dict[str, object] = {}
    if profile is not None:
        options["profile"] = profile
    result = convert_tmx(source, output, from_format, to_format, src_lang=src_lang,
                         tgt_lang=tgt_lang, **options)
    _report(result, "skipped")


@command.command("build")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), default="corpus",
              show_default=True, help="Corpus folder with manifest.toml.")
@click.option("--glossary", type=click.Path(dir_okay=False), default="glossaries/termbase.tsv",
              show_default=True, help="Termbase whose concepts anchor the alignment.")
@click.option("-o", "--out-dir", type=click.Path(file_okay=False), default="tmx",
              show_default=True, help="Folder for en-az.tmx, en-ru.tmx and en-az-ru.tmx.")
@click.option("--profile", type=click.Choice(["generic", "omegat", "trados", "memoq", "phrase"]),
              default="generic", show_default=True, help="TMX flavour for the target CAT tool.")
def build_memories(corpus_dir: str, glossary: str, out_dir: str, profile: str) -> int:
    """Segment and align the corpus and write its bilingual and multilingual memories.

    The TMX part of `ahenk build` (no termbase export, no checks): every unit carries its
    document id, bead kind and alignment confidence as props; output is reproducible.
    """
    from ahenk.build import build

    result = build(corpus_dir, glossary, out_dir, None, profile, check=False)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.blocked:
        click.echo("nothing built: the corpus or the termbase has errors", err=True)
        return 1
    for path, units in result.written:
        click.echo(f"wrote {path} ({units} units)")
    return 0
