"""Run checks: the library functions behind ``ahenk check``.

:func:`check_paths` streams: each file's units are read one at a time through the format
registry (checks never import a format module), paired (:mod:`ahenk.check.stream`) and put
through every unit check while the pair is at hand, and the suppression mark of a pair with a
finding (its inline notes, :mod:`ahenk.check.suppress`) is taken then. A store- or
corpus-scope check keeps what it must through its collector: the consistency checks keep one
row per pair in an index that moves to disk when large (:mod:`ahenk.check.spill`). The
findings, each with its mark, go to a store that sorts them into report order, in memory while
few and in an SQLite file past :data:`~ahenk.check.found.FINDINGS_IN_MEMORY`; de-duplication,
re-grading, suppression, the baseline and the counts then take them one at a time, and the
report keeps what is left in a list, or when many in a file its renderers read as often as
they need (:mod:`ahenk.check.found`). So memory is flat in the number of units and findings.
With ``jobs`` the unit checks run in worker processes, a batch of units at a time, while this
process reads, pairs and feeds the collectors (:mod:`ahenk.check.parallel`): the same report.

With ``changed_since`` every file is read whole instead, since which units changed is found by
comparing the file with its version at that revision (:mod:`ahenk.check.changed`);
:func:`check_stores` checks stores already in memory. Both go through the same run as the
stream, so they report the same. Languages come from the files where they say them, from
``src_lang``/``tgt_lang`` otherwise; on a multilingual memory ``tgt_lang`` picks the target
language to check, and ``src_lang``, given for a file written from another language, turns its
units round (the az→ru pairs of an en-az-ru memory; :mod:`ahenk.check.stream`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import replace
from typing import IO

from ahenk.check import baseline as baseline_module
from ahenk.check import suppress
from ahenk.check.base import Check, CheckContext, Scope
from ahenk.check.changed import changed_units
from ahenk.check.config import path_ignores
from ahenk.check.finding import Finding, Report, Side, summarize
from ahenk.check.found import Found, StoredFindings, collect
from ahenk.check.parallel import resolve_jobs, unit_runner
from ahenk.check.reading import Input, expand_paths, monolingual, read_store, stream
from ahenk.check.registry import selected
from ahenk.check.segment_cache import open_cache
from ahenk.check.signature import signature
from ahenk.check.stdin import standard_input
from ahenk.check.stream import file_pairs, position
from ahenk.check.suppress import Mark
from ahenk.diagnostics import Severity
from ahenk.formats import registry
from ahenk.formats.registry import Kind, UnitReader
from ahenk.model.langtag import LanguageTag, parse_language
from ahenk.model.unit import Store
from ahenk.termbase.model import Termbase


def _lang(tag: str | LanguageTag | None) -> LanguageTag | None:
    return parse_language(tag) if tag else None


def _run(inputs: Iterable[Input], checks: Sequence[Check], context: CheckContext,
         src_lang: LanguageTag | None, tgt_lang: LanguageTag | None, jobs: int,
         found: Found) -> tuple[int, list[str]]:
    """Every check over *inputs*, pair by pair as they stream, the findings put in *found*:
    how many units had pairs, and the files.

    Unit checks run on one unit's pairs at a time, all of them in turn (the term checks share
    the matches of a text in a bounded memo, which a pass per check would outrun), here or,
    with *jobs*, in worker processes (:mod:`ahenk.check.parallel`); store- and corpus-scope
    checks get each pair through their collector, here, and report at the end of the file, or
    of the run.
    """
    unit_checks = [check for check in checks if check.scope is Scope.UNIT]
    corpus = [(i, check.collector(context)) for i, check in enumerate(checks)
              if check.scope is Scope.CORPUS]
    units = 0
    files: list[str] = []
    with unit_runner(unit_checks, context, jobs, found) as unit_scope:
        for f, item in enumerate(inputs):
            files.append(item.reader.origin or "<input>")
            per_store = [(i, check.collector(context)) for i, check in enumerate(checks)
                         if check.scope is Scope.STORE]
            collectors = [c for _, c in corpus + per_store]
            changed = item.changed
            with closing(file_pairs(item.reader, src_lang, tgt_lang,
                                    monolingual=item.monolingual)) as stream:
                for ordinal, unit, pairs in stream:
                    units += 1
                    unchanged = changed is not None and id(unit) not in changed
                    if collectors:
                        for k, pair in enumerate(pairs):
                            mark = Mark.of(pair, unchanged)
                            at = position(f, ordinal, k)
                            for collector in collectors:
                                collector.add(pair, at, mark)
                    unit_scope.add(f, ordinal, pairs, unchanged)
            for i, collector in per_store:
                found.extend((finding, (1, i, f, n), mark)
                             for n, (finding, mark) in enumerate(collector.finish()))
        for i, collector in corpus:
            found.extend((finding, (1, i, 0, n), mark)
                         for n, (finding, mark) in enumerate(collector.finish()))
        unit_scope.finish()
    return units, files


def _unique(entries: Iterable[tuple[Finding, Mark]]) -> Iterator[tuple[Finding, Mark]]:
    """*entries* in report order, a source-side finding repeated once per target of a unit
    kept once.

    The repeats share their sort key (file, line, unit, side, span, check, message), so they
    are met within one run of findings with equal keys: what was seen is forgotten when the
    key changes, and only the current run is remembered.
    """
    run: tuple | None = None
    seen: set[tuple] = set()
    for finding, mark in entries:
        if finding.side is Side.SOURCE:
            key = (finding.check_id, finding.file, finding.line, finding.unit, finding.source,
                   finding.span, finding.message)
            sort_key = finding.sort_key()
            if sort_key != run:
                run = sort_key
                seen.clear()
            elif key in seen:
                continue
            seen.add(key)
        yield finding, mark


def _check(inputs: Iterable[Input], termbase: Termbase | None, *,
           select: Iterable[str] | str | None, ignore: Iterable[str] | str | None,
           src_lang: LanguageTag | None, tgt_lang: LanguageTag | None,
           severity: Mapping[str, Severity | str] | None,
           per_path_ignores: Mapping[str, Iterable[str]] | None,
           root: str | os.PathLike[str] | None,
           baseline: str | os.PathLike[str] | None,
           write_baseline: str | os.PathLike[str] | None, jobs: int,
           cache_dir: str | os.PathLike[str] | None = None) -> Report:
    """The run behind :func:`check_paths` and :func:`check_stores`, and its report.

    The findings stream from the sorted store (:mod:`ahenk.check.found`) through
    de-duplication, re-grading and suppression into the report's own store; a baseline is
    written from that, and filtering by one makes a second store from the first.
    """
    resolve_jobs(jobs)  # a bad value fails before any file is read
    checks = selected(select, ignore)
    cache = open_cache(cache_dir, termbase)  # read when a check first asks
    context = CheckContext(termbase=termbase, segment_cache=cache)
    dropped = {"inline": 0, "path": 0, "unchanged": 0, "baseline": 0}
    with Found() as found:
        try:
            with fewer_collections():
                units, files = _run(inputs, checks, context, src_lang, tgt_lang, jobs, found)
        finally:
            context.close()
        if cache is not None:
            cache.save()
        entries = _unique(found.ordered())
        if severity:
            levels = _levels(severity)
            entries = ((_regraded(f, levels), mark) for f, mark in entries)
        findings = collect(unsuppressed(entries, dropped, per_path_ignores=per_path_ignores,
                                        root=root))
    try:
        if write_baseline is not None:
            baseline_module.write_baseline(findings, write_baseline)
        if baseline is not None:
            matched = baseline_module.load_baseline(baseline).match(findings)
            whole, findings = findings, collect(_unmatched(matched, dropped))
            _close(whole)
        summary = summarize(findings, files=len(files), units=units,
                            checks=[c.id for c in checks])
    except BaseException:
        _close(findings)
        raise
    summary["suppressed"] = dropped
    return Report(findings, summary, str(signature(checks, termbase)), files)


#: Allocations between two collections of the youngest generation while checks run.
YOUNG_COLLECTION_EVERY = 50_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often while the checks run, then as it was.

    A run allocates millions of small objects that die young (matches, word tuples, memo
    entries), and by Python's default a collection every 700 net allocations; a full one then
    walks a heap of half a gigabyte (the language models, the indexes, the word caches) some
    twenty times per 100k units. The run makes little cyclic garbage, so collecting every
    50,000 allocations instead costs no memory: at 100k units the collector's time fell from
    4.0 to 1.1 s of CPU, the peak RSS the same (574 MB)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_COLLECTION_EVERY), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _close(findings: list[Finding] | StoredFindings) -> None:
    if isinstance(findings, StoredFindings):
        findings.close()


def _unmatched(matched: Iterable[tuple[Finding, bool]], dropped: dict[str, int]
               ) -> Iterator[Finding]:
    for finding, in_baseline in matched:
        if in_baseline:
            dropped["baseline"] += 1
        else:
            yield finding


def check_stores(stores: Sequence[Store], termbase: Termbase | None = None, *,
                 select: Iterable[str] | str | None = None,
                 ignore: Iterable[str] | str | None = None,
                 src_lang: str | LanguageTag | None = None,
                 tgt_lang: str | LanguageTag | None = None,
                 severity: Mapping[str, Severity | str] | None = None,
                 per_path_ignores: Mapping[str, Iterable[str]] | None = None,
                 root: str | os.PathLike[str] | None = None,
                 changed_since: str | None = None,
                 baseline: str | os.PathLike[str] | None = None,
                 write_baseline: str | os.PathLike[str] | None = None,
                 jobs: int = 1, encoding: str | None = None,
                 cache_dir: str | os.PathLike[str] | None = None) -> Report:
    """Check *stores* together (corpus-scope checks see all of them) and report.

    After the checks: *severity* re-grades checks by id; findings suppressed by a note of their
    unit (:mod:`ahenk.check.suppress`), ignored for their file by *per_path_ignores* (globs
    relative to *root*, default the current directory) or, with *changed_since*, on a unit not
    added or changed since that git revision are dropped; *write_baseline* then records what is
    left, and findings in the *baseline* file are dropped. ``summary["suppressed"]`` counts the
    findings each step dropped.

    *jobs* processes run the unit checks (0: one per CPU; :mod:`ahenk.check.parallel`), for
    the same report as one (the default) in less time on a large input. *encoding*: how the
    text-based stores were decoded, for reading their old versions (:func:`check_paths`).
    *cache_dir*: where the term lookups are remembered between runs
    (:mod:`ahenk.check.segment_cache`; None: nowhere).
    """
    source, target = _lang(src_lang), _lang(tgt_lang)

    def inputs() -> Iterator[Input]:
        for store in stores:
            changed = None
            if changed_since is not None:
                changed = changed_units(
                    store, changed_since,
                    lambda path, fmt=store.format: read_store(path, fmt, source, target,
                                                              encoding))
            yield Input(UnitReader.of_store(store), monolingual(store), changed)

    return _check(inputs(), termbase, select=select, ignore=ignore, src_lang=source,
                  tgt_lang=target, severity=severity, per_path_ignores=per_path_ignores,
                  root=root, baseline=baseline, write_baseline=write_baseline, jobs=jobs,
                  cache_dir=cache_dir)


def _levels(severity: Mapping[str, Severity | str]) -> dict[str, Severity]:
    return {cid: Severity(level) for cid, level in severity.items()}


def _regraded(finding: Finding, levels: Mapping[str, Severity]) -> Finding:
    level = levels.get(finding.check_id)
    return finding if level is None else replace(finding, severity=level)


def unsuppressed(entries: Iterable[tuple[Finding, Mark]], dropped: dict[str, int], *,
                 per_path_ignores: Mapping[str, Iterable[str]] | None = None,
                 root: str | os.PathLike[str] | None = None) -> Iterator[Finding]:
    """The findings of *entries* not on a unit unchanged since ``--changed-since``, suppressed
    inline, or ignored for their path (decided in that order, by the mark of their pair), as
    they come; each dropped one is counted in *dropped* under its kind.

    Decided in report order, so an unknown check id in a note is reported for the first
    finding it would have suppressed, and a note on a unit without findings is never read.
    """
    ids: dict[Mark, frozenset[str]] = {}  # a mark's ids, by value: marks read back are copies
    paths: dict[str | None, set[str]] = {}
    for finding, mark in entries:
        if mark.unchanged:
            dropped["unchanged"] += 1
            continue
        if mark.lines:
            suppressed = ids.get(mark)
            if suppressed is None:
                if len(ids) >= _MARKS_REMEMBERED:
                    ids.clear()
                suppressed = ids[mark] = mark.ids()
            if suppress.is_suppressed(finding, suppressed):
                dropped["inline"] += 1
                continue
        if per_path_ignores:
            if finding.file not in paths:
                paths[finding.file] = path_ignores(finding.file, per_path_ignores, root)
            ignored = paths[finding.file]
            if "all" in ignored or finding.check_id in ignored:
                dropped["path"] += 1
                continue
        yield finding


#: Marks whose suppressed ids :func:`unsuppressed` remembers at once (a unit's findings are
#: together in report order, so a few suffice; the ids are only a saving).
_MARKS_REMEMBERED = 1_024


def check_store(store: Store, termbase: Termbase | None = None, *,
                select: Iterable[str] | str | None = None,
                ignore: Iterable[str] | str | None = None,
                src_lang: str | LanguageTag | None = None,
                tgt_lang: str | LanguageTag | None = None) -> Report:
    """Check one store against *termbase* (term checks are skipped without one)."""
    return check_stores([store], termbase, select=select, ignore=ignore, src_lang=src_lang,
                        tgt_lang=tgt_lang)


def check_paths(paths: Iterable[str | os.PathLike[str]],
                glossary: str | os.PathLike[str] | Termbase | None = None, *,
                src_lang: str | LanguageTag | None = None,
                tgt_lang: str | LanguageTag | None = None,
                select: Iterable[str] | str | None = None,
                ignore: Iterable[str] | str | None = None,
                from_format: str | None = None,
                glossary_format: str | None = None,
                severity: Mapping[str, Severity | str] | None = None,
                per_path_ignores: Mapping[str, Iterable[str]] | None = None,
                root: str | os.PathLike[str] | None = None,
                changed_since: str | None = None,
                baseline: str | os.PathLike[str] | None = None,
                write_baseline: str | os.PathLike[str] | None = None,
                jobs: int = 1, encoding: str | None = None,
                stdin_filename: str | None = None, stdin: IO[bytes] | None = None,
                cache_dir: str | os.PathLike[str] | None = None) -> Report:
    """Read *paths* (files or directories) and *glossary*, check them together, report.

    *encoding*: how to decode the text-based inputs (PO, whatever its header says; TSV/CSV;
    plain text) instead of UTF-8 or the PO header's charset; TMX and XLIFF declare their own.
    A path ``-`` is *stdin* (default: standard input), reported as *stdin_filename* (default
    ``<stdin>``), whose extension also tells its format (:mod:`ahenk.check.stdin`).
    The other keywords after *glossary_format* are :func:`check_stores`'s.
    """
    with standard_input(paths, stdin_filename, stdin, changed_since=changed_since) as inputs:
        source, target = _lang(src_lang), _lang(tgt_lang)
        termbase = glossary
        if glossary is not None and not isinstance(glossary, Termbase):
            from ahenk.glossary import load_termbase

            # a bilingual glossary (OmegaT) takes the languages; the others declare no such option
            handler = registry.detect(glossary, glossary_format, (Kind.TERMBASE,))
            options = {k: v.tag for k, v in (("src_lang", source), ("tgt_lang", target))
                       if v is not None and k in handler.read_options}
            termbase = load_termbase(glossary, handler.name, **options)
        files = expand_paths(inputs.paths)
        if changed_since is not None:  # compared unit by unit with the old version: read whole
            stores = [read_store(path, from_format, source, target, encoding) for path in files]
            return check_stores(stores, termbase, select=select, ignore=ignore, src_lang=source,
                                tgt_lang=target, severity=severity,
                                per_path_ignores=per_path_ignores, root=root,
                                changed_since=changed_since, baseline=baseline,
                                write_baseline=write_baseline, jobs=jobs, encoding=encoding,
                                cache_dir=cache_dir)
        return _check(stream(files, from_format, source, target, encoding, inputs), termbase,
                      select=select,
                      ignore=ignore, src_lang=source, tgt_lang=target, severity=severity,
                      per_path_ignores=per_path_ignores, root=root, baseline=baseline,
                      write_baseline=write_baseline, jobs=jobs, cache_dir=cache_dir)
