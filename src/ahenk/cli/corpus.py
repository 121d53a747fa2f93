"""``ahenk corpus``: validate the document corpus and count it."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from ahenk.cli.options import output_format
from ahenk.cli.render import fail_on_option, report_problems, table
from ahenk.corpus import corpus_stats, load_corpus, validate_corpus

corpus_argument = click.argument("corpus_dir", type=click.Path(file_okay=False), default="corpus")


@click.group("corpus")
def command() -> None:
    """Validate and count the document corpus (manifest.toml + en/az/ru texts)."""


@command.command("validate")
@corpus_argument
@output_format("text", "json")
@fail_on_option
def validate(corpus_dir: str, output_format: str, fail_on: str) -> int:
    """Check encoding, script and line-for-line structure of every document."""
    corpus = load_corpus(corpus_dir)
    problems = validate_corpus(corpus)
    return report_problems(problems, output_format, fail_on,
                           f"{corpus_dir}: {len(corpus.documents)} documents, ", corpus=corpus_dir)


@command.command("stats")
@corpus_argument
@output_format("text", "json")
def stats(corpus_dir: str, output_format: str) -> None:
    """Documents, paragraphs, words and characters per language."""
    result = corpus_stats(load_corpus(corpus_dir))
    if output_format == "json":
        click.echo(json.dumps({k: asdict(v) for k, v in result.items()}, indent=2))
        return
    click.echo(render_corpus_stats(result))


def render_corpus_stats(result) -> str:  # type: ignore[no-untyped-def]
    rows = [[lang, s.documents, s.paragraphs, s.words, s.characters] for lang, s in result.items()]
    return table(rows, ["lang", "documents", "paragraphs", "words", "characters"])
