"""``ahenk check``: run the translation checks on files and report the findings.

Options given on the command line override the project's configuration (``[tool.ahenk]`` in
pyproject.toml or ahenk.toml, found from the current directory upwards), key by key.
"""

from __future__ import annotations

import codecs
import io
import os
from typing import TextIO, cast

import click

from ahenk.check.config import Config, discover, load_config, parse_severity_overrides
from ahenk.check.reading import CHECKABLE
from ahenk.check.runner import check_paths
from ahenk.cli.options import output_format
from ahenk.errors import EncodingError
from ahenk.formats.registry import handlers
from ahenk.io import atomic_write
from ahenk.report import names, write


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An encoding Python knows, refused at once otherwise (exit 2)."""
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


def _ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _config(path: str | None, use: bool) -> Config:
    if not use:
        return Config()
    return load_config(path) if path else discover()


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--glossary", type=click.Path(dir_okay=False), default=None,
              help="Termbase to check terminology against (TBX, TSV/CSV, OmegaT glossary). "
                   "Without one, the term checks are skipped.")
@click.option("--src-lang", default=None,
              help="Source language, for files that do not say it (PO, TSV, text); for a "
                   "memory written from another language, the language to check from "
                   "(az on an en-az-ru TMX: its az→en and az→ru pairs).")
@click.option("--tgt-lang", default=None,
              help="Target language, for files that do not say it; in a multilingual TMX, "
                   "the one target language to check.")
@click.option("--from", "from_format", default=None,
              type=click.Choice([h.name for h in handlers() if h.kind in CHECKABLE and h.can_read]),
              help="Input format (default: by extension, then by content).")
@click.option("--stdin-filename", metavar="NAME", default=None,
              help="The name to report standard input (PATH -) by, in the findings and "
                   "per-path ignores; its extension also tells the format "
                   "[default: <stdin>, the format from --from or the content].")
@click.option("--encoding", default=None, metavar="NAME", callback=_encoding,
              help="Read the text-based files (PO, TSV/CSV, plain text) in this encoding "
                   "instead of UTF-8 or a PO header's charset (a legacy cp1251 or koi8-r "
                   "catalogue); TMX and XLIFF declare their own.")
@output_format(*names())
@click.option("--select", multiple=True, metavar="ID,…",
              help="Run only these checks (ids, comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="ID,…",
              help="Do not run these checks (ids, comma-separated or repeated).")
@click.option("--severity", multiple=True, metavar="ID=LEVEL,…",
              help="Report check ID with this severity (error, warning, info) instead of its "
                   "default.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit with 1 when a finding of this severity or worse is found "
                   "[default: error].")
@click.option("--changed-since", metavar="REV", default=None,
              help="Report only findings on units added or changed since git revision REV "
                   "(files new since REV are all new).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Do not report findings recorded in this baseline file; count them.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record the findings of this run in a baseline file, and exit 0.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, metavar="N",
              help="Run the unit checks in N processes (0: one per CPU) for the same report "
                   "sooner on large inputs [default: 1].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: ahenk.toml or pyproject.toml's [tool.ahenk], "
                   "from the current directory upwards).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Keep the terms found in each segment here between runs, so that a second "
                   "run over the same segments and termbase skips finding them [default: "
                   ".ahenk_cache beside the configuration file, or here; $AHENK_CACHE_DIR].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write a cache.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
def command(paths: tuple[str, ...], glossary: str | None, src_lang: str | None,
            tgt_lang: str | None, from_format: str | None, output_format: str,
            select: tuple[str, ...], ignore: tuple[str, ...], severity: tuple[str, ...],
            fail_on: str | None, changed_since: str | None, baseline: str | None,
            write_baseline: str | None, jobs: int | None, config_path: str | None,
            no_config: bool, output: str | None, encoding: str | None,
            stdin_filename: str | None, cache_dir: str | None, no_cache: bool) -> int:
    """Check translations in PATH... (files or folders: TMX, XLIFF, PO, TSV, text; - for
    standard input, reported by the name --stdin-filename gives it):

    \b
        git show HEAD:po/az.po | ahenk check - --stdin-filename po/az.po

    Numbers, placeholders, untranslated and wrong-language text, punctuation, consistency
    across all files given, and, with --glossary, terminology. `ahenk checks list` shows the
    checks; docs/checks.md the configuration, baselines and inline suppression. Exit 0 when
    clean, 1 when findings at or above --fail-on are found, 2 when an input cannot be used.
    """
    config = _config(config_path, not no_config)
    try:
        return _run(paths, glossary or config.glossary, config, src_lang=src_lang,
                    tgt_lang=tgt_lang, from_format=from_format, output_format=output_format,
                    select=select, ignore=ignore, severity=severity, fail_on=fail_on,
                    changed_since=changed_since, baseline=baseline,
                    write_baseline=write_baseline, jobs=jobs, output=output,
                    encoding=encoding or config.encoding, stdin_filename=stdin_filename,
                    cache_dir=config.cache_folder(cache_dir, not no_cache))
    except EncodingError as exc:
        glossary_path = glossary or config.glossary
        if not encoding and not config.encoding and not (
                glossary_path and exc.path == os.fspath(glossary_path)):
            exc.message += "; name the file's encoding with --encoding if it is not UTF-8"
        raise


def _run(paths: tuple[str, ...], glossary: str | None, config: Config, *, src_lang: str | None,
         tgt_lang: str | None, from_format: str | None, output_format: str,
         select: tuple[str, ...], ignore: tuple[str, ...], severity: tuple[str, ...],
         fail_on: str | None, changed_since: str | None, baseline: str | None,
         write_baseline: str | None, jobs: int | None, output: str | None,
         encoding: str | None, stdin_filename: str | None, cache_dir: str | None) -> int:
    """The check itself, its report written where it was asked for; the exit code."""
    with check_paths(
        paths, glossary, src_lang=src_lang or config.src_lang,
        tgt_lang=tgt_lang or config.tgt_lang, select=_ids(select) or config.select,
        ignore=_ids(ignore) or config.ignore, from_format=from_format,
        severity={**config.severity, **parse_severity_overrides(severity)},
        per_path_ignores=config.per_path_ignores, root=config.root,
        changed_since=changed_since, baseline=baseline or config.baseline,
        write_baseline=write_baseline,
        jobs=jobs if jobs is not None else config.jobs if config.jobs is not None else 1,
        encoding=encoding, stdin_filename=stdin_filename, cache_dir=cache_dir
    ) as report:
        if output:
            with atomic_write(output) as out:
                write(report, out, output_format)
        else:
            echo = _Echo()
            write(report, cast(TextIO, echo), output_format)
            echo.finish()
        if write_baseline:
            return 0
        return 1 if report.has_at_least(fail_on or config.fail_on or "error") else 0


class _Echo(io.TextIOBase):
    """Standard output for a report written as it goes, through ``click.echo`` a piece of
    whole lines at a time: what ``click.echo`` does to text (ANSI codes stripped when the
    output is not a terminal, the Windows console) it does to each piece as it did to the
    whole report, since none of it spans a line break."""

    _PIECE = 1 << 16

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[str] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self._PIECE and "\n" in text:
            self._emit(whole=False)
        return len(text)

    def _emit(self, *, whole: bool) -> None:
        text = "".join(self._parts)
        cut = len(text) if whole else text.rfind("\n") + 1
        if cut:
            click.echo(text[:cut], nl=False)
        self._parts = [text[cut:]] if cut < len(text) else []
        self._size = len(text) - cut

    def finish(self) -> None:
        """Echo what is left."""
        self._emit(whole=True)
