"""``ahenk build``: run the main job on the corpus and the termbase, print a summary."""

from __future__ import annotations

import sys
from collections import Counter

import click

from ahenk.build import build
from ahenk.cli.corpus import render_corpus_stats
from ahenk.cli.glossary import render_termbase_stats
from ahenk.cli.render import echo_problems, exit_code, fail_on_option, problems_summary, table


@click.command("build")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), default="corpus",
              show_default=True, help="Corpus folder with manifest.toml.")
@click.option("--glossary", type=click.Path(dir_okay=False), default="glossaries/termbase.tsv",
              show_default=True, help="The source-of-truth termbase.")
@click.option("--tmx-dir", type=click.Path(file_okay=False), default="tmx", show_default=True,
              help="Where the translation memories are written.")
@click.option("--export-dir", type=click.Path(file_okay=False), default="glossaries/export",
              show_default=True, help="Where the termbase exports are written.")
@click.option("--profile", type=click.Choice(["generic", "omegat", "trados", "memoq", "phrase"]),
              default="generic", show_default=True, help="TMX flavour for the target CAT tool.")
@click.option("--validate-only", is_flag=True,
              help="Only validate and count the corpus and the termbase; write nothing.")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Run the checks on the built memories.")
@click.option("--strict", is_flag=True,
              help="Also exit 1 when the checks on the built memories find problems at or "
                   "above --fail-on (by default they are reported only).")
@fail_on_option
def command(corpus_dir: str, glossary: str, tmx_dir: str, export_dir: str, profile: str,
            validate_only: bool, check: bool, strict: bool, fail_on: str) -> int:
    """Segment and align the corpus, write TMX and termbase exports, check the memories.

    Rebuilding yields byte-identical files (dates come from the manifest or
    SOURCE_DATE_EPOCH). Exit 1 when the corpus or the termbase has problems at or above
    --fail-on; findings of the checks on the built memories (which include the source texts'
    own errors) are reported, and fail the build only with --strict. Use `ahenk check` to gate
    translations in CI.
    """
    steps = [] if validate_only else [f"align {d}" for d in _document_ids(corpus_dir)]
    with click.progressbar(length=len(steps) + 3, label="ahenk build", file=sys.stderr,
                           show_pos=True, item_show_func=lambda s: s) as bar:
        def progress(step: str) -> None:
            bar.update(1, step)

        result = build(corpus_dir, glossary, None if validate_only else tmx_dir,
                       None if validate_only else export_dir, profile, check, progress)
    click.echo(f"corpus {corpus_dir}: {len(result.corpus.documents)} documents in "
               f"{', '.join(t.language for t in result.corpus.languages)}")
    click.echo(render_corpus_stats(result.corpus_stats))
    click.echo()
    click.echo(render_termbase_stats(glossary, result.termbase_stats))
    click.echo()
    echo_problems(result.problems)
    click.echo(f"corpus: {problems_summary(result.corpus_problems)}; "
               f"termbase: {problems_summary(result.termbase_problems)}")
    if result.blocked:
        click.echo("nothing built: fix the errors above first")
        return 1
    if result.written:
        click.echo()
        for path, n in result.written:
            what = "units" if path.suffix == ".tmx" else "concepts"
            click.echo(f"wrote {path} ({n} {what})")
    code = exit_code(result.problems, fail_on)
    if result.report is not None:
        findings = result.report.findings
        counts = Counter((f.check_id, f.severity.value) for f in findings)
        click.echo()
        click.echo(f"checks on the built memories: {len(findings)} findings")
        if counts:
            click.echo(table([[c, s, n] for (c, s), n in sorted(counts.items())],
                             ["check", "severity", "findings"]))
            click.echo("details: ahenk check tmx/en-az.tmx tmx/en-ru.tmx "
                       f"--glossary {glossary}")
        threshold = {"error": 2, "warning": 1}[fail_on]
        if strict and any(f.severity.rank >= threshold for f in findings):
            code = 1
    return code


def _document_ids(corpus_dir: str) -> list[str]:
    from ahenk.corpus import load_corpus

    try:
        return [d.id for d in load_corpus(corpus_dir).documents]
    except Exception:  # the build itself reports a broken manifest with its location
        return []
