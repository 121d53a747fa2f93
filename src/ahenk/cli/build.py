"""``ahenk build``: run the main job on the corpus and the termbase, print a summary."""

from __future__ import annotations

import click

from ahenk.build import build
from ahenk.cli.corpus import render_corpus_stats
from ahenk.cli.glossary import render_termbase_stats
from ahenk.cli.render import echo_problems, exit_code, fail_on_option, problems_summary


@click.command("build")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), default="corpus",
              show_default=True, help="Corpus folder with manifest.toml.")
@click.option("--glossary", type=click.Path(dir_okay=False), default="glossaries/termbase.tsv",
              show_default=True, help="The source-of-truth termbase.")
@fail_on_option
def command(corpus_dir: str, glossary: str, fail_on: str) -> int:
    """Validate the corpus and the termbase and print their statistics."""
    result = build(corpus_dir, glossary)
    click.echo(f"corpus {corpus_dir}: {len(result.corpus.documents)} documents in "
               f"{', '.join(t.language for t in result.corpus.languages)}")
    click.echo(render_corpus_stats(result.corpus_stats))
    click.echo()
    click.echo(render_termbase_stats(glossary, result.termbase_stats))
    click.echo()
    echo_problems(result.problems)
    click.echo(f"corpus: {problems_summary(result.corpus_problems)}; "
               f"termbase: {problems_summary(result.termbase_problems)}")
    return exit_code(result.problems, fail_on)
