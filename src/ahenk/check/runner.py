"""Run checks: the library functions behind ``ahenk check``.

:func:`check_store` checks one :class:`~ahenk.model.Store` already in memory;
:func:`check_paths` reads files through the format registry (checks never import a format
module) and checks them together, so corpus-scope checks (consistency) see every file. Languages
come from the files where they say them, from ``src_lang``/``tgt_lang`` otherwise; on a
multilingual memory ``tgt_lang`` picks the target language to check.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ahenk.check import baseline as baseline_module
from ahenk.check import suppress
from ahenk.check.base import Check, CheckContext, Pair, Scope, store_pairs
from ahenk.check.changed import changed_units
from ahenk.check.config import path_ignores
from ahenk.check.finding import Finding, Report, Side, summarize
from ahenk.check.registry import selected
from ahenk.check.signature import signature
from ahenk.diagnostics import Severity
from ahenk.errors import UsageError
from ahenk.formats import registry
from ahenk.formats.registry import Kind
from ahenk.model.langtag import LanguageTag, parse_language
from ahenk.model.unit import Store
from ahenk.termbase.model import Termbase

#: What ``ahenk check`` reads: anything with translations (not termbases).
CHECKABLE = (Kind.BILINGUAL, Kind.MULTILINGUAL, Kind.MONOLINGUAL)


def _lang(tag: str | LanguageTag | None) -> LanguageTag | None:
    return parse_language(tag) if tag else None


def _monolingual(store: Store) -> bool:
    """Whether *store* holds sources only (plain text): then nothing is "untranslated"."""
    if store.format:
        try:
            return registry.get(store.format).kind is Kind.MONOLINGUAL
        except UsageError:
            pass
    return not store.header.target_langs and not any(unit.targets for unit in store)


def run_checks(groups: Sequence[Sequence[Pair]], checks: Sequence[Check],
               context: CheckContext) -> list[Finding]:
    """Every check over *groups* (one group of pairs per store), sorted and de-duplicated."""
    findings: list[Finding] = []
    everything = [pair for group in groups for pair in group]
    # unit checks pair by pair, all of them on one pair in turn: the term checks share the
    # matches of a text (a bounded memo), which a pass per check over every pair would outrun
    unit_checks = [check for check in checks if check.scope is Scope.UNIT]
    for pair in everything:
        for check in unit_checks:
            findings.extend(check.run_pair(pair, context))
    for check in checks:
        if check.scope is Scope.UNIT:
            continue
        if check.scope is Scope.STORE:
            for group in groups:
                findings.extend(check.run_group(group, context))
        else:
            findings.extend(check.run_group(everything, context))
    return _unique(findings)


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted; a source-side finding repeated once per target of a unit is kept once."""
    seen: set[tuple] = set()
    out: list[Finding] = []
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.side is Side.SOURCE:
            key = (finding.check_id, finding.file, finding.line, finding.unit, finding.source,
                   finding.span, finding.message)
            if key in seen:
                continue
            seen.add(key)
        out.append(finding)
    return out


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
                 write_baseline: str | os.PathLike[str] | None = None) -> Report:
    """Check *stores* together (corpus-scope checks see all of them) and report.

    After the checks: *severity* re-grades checks by id; findings suppressed by a note of their
    unit (:mod:`ahenk.check.suppress`), ignored for their file by *per_path_ignores* (globs
    relative to *root*, default the current directory) or, with *changed_since*, on a unit not
    added or changed since that git revision are dropped; *write_baseline* then records what is
    left, and findings in the *baseline* file are dropped. ``summary["suppressed"]`` counts the
    findings each step dropped.
    """
    checks = selected(select, ignore)
    source, target = _lang(src_lang), _lang(tgt_lang)
    groups = [store_pairs(store, source, target, monolingual=_monolingual(store))
              for store in stores]
    context = CheckContext(termbase=termbase)
    findings = regrade(run_checks(groups, checks, context), severity)
    changed = None
    if changed_since is not None:
        changed = set()
        for store in stores:
            changed |= changed_units(
                store, changed_since,
                lambda path, fmt=store.format: read_store(path, fmt, source, target))
    findings, dropped = drop_suppressed(findings, groups, changed=changed,
                                        per_path_ignores=per_path_ignores, root=root)
    if write_baseline is not None:
        baseline_module.write_baseline(findings, write_baseline)
    if baseline is not None:
        findings, dropped["baseline"] = baseline_module.load_baseline(baseline).filter(findings)
    units = sum(len({id(p.unit) for p in group}) for group in groups)
    summary = summarize(findings, files=len(stores), units=units, checks=[c.id for c in checks])
    summary["suppressed"] = dropped
    files = [store.origin or "<input>" for store in stores]
    return Report(findings, summary, str(signature(checks, termbase)), files)


def regrade(findings: list[Finding], severity: Mapping[str, Severity | str] | None
            ) -> list[Finding]:
    """*findings* with the severity of the checks named in *severity* replaced."""
    if not severity:
        return findings
    levels = {cid: Severity(level) for cid, level in severity.items()}
    return [replace(f, severity=levels[f.check_id]) if f.check_id in levels else f
            for f in findings]


def drop_suppressed(findings: list[Finding], groups: Sequence[Sequence[Pair]], *,
                    changed: set[int] | None = None,
                    per_path_ignores: Mapping[str, Iterable[str]] | None = None,
                    root: str | os.PathLike[str] | None = None
                    ) -> tuple[list[Finding], dict[str, int]]:
    """Drop findings suppressed inline, ignored for their path, or (with *changed*, a set of
    ``id(unit)``) on an unchanged unit; count each kind."""
    pairs = {(p.file, p.line, p.ref, p.target_text): p for group in groups for p in group}
    notes: dict[int, frozenset[str]] = {}
    dropped = {"inline": 0, "path": 0, "unchanged": 0, "baseline": 0}
    paths: dict[str | None, set[str]] = {}
    kept: list[Finding] = []
    for finding in findings:
        pair = pairs.get((finding.file, finding.line, finding.unit, finding.target))
        if pair is not None:
            if changed is not None and id(pair.unit) not in changed:
                dropped["unchanged"] += 1
                continue
            if id(pair) not in notes:
                notes[id(pair)] = suppress.suppressed(pair)
            if suppress.is_suppressed(finding, notes[id(pair)]):
                dropped["inline"] += 1
                continue
        if per_path_ignores:
            if finding.file not in paths:
                paths[finding.file] = path_ignores(finding.file, per_path_ignores, root)
            ignored = paths[finding.file]
            if "all" in ignored or finding.check_id in ignored:
                dropped["path"] += 1
                continue
        kept.append(finding)
    return kept, dropped


def check_store(store: Store, termbase: Termbase | None = None, *,
                select: Iterable[str] | str | None = None,
                ignore: Iterable[str] | str | None = None,
                src_lang: str | LanguageTag | None = None,
                tgt_lang: str | LanguageTag | None = None) -> Report:
    """Check one store against *termbase* (term checks are skipped without one)."""
    return check_stores([store], termbase, select=select, ignore=ignore, src_lang=src_lang,
                        tgt_lang=tgt_lang)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; directories walked for files a checkable format claims by extension."""
    extensions = tuple("." + ext for h in registry.handlers() if h.kind in CHECKABLE
                       for ext in h.extensions)
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.is_file() and p.name.lower().endswith(extensions)))
        elif path.exists():
            out.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    if not out:
        raise UsageError("no files to check")
    return out


def read_store(path: str | os.PathLike[str], from_format: str | None = None,
               src_lang: LanguageTag | None = None,
               tgt_lang: LanguageTag | None = None) -> Store:
    """Read one file to check. The language options go to a reader that declares them in its
    ``read_options`` (PO, TSV, text); others (TMX, XLIFF) read the languages from the file."""
    handler = registry.detect(path, from_format, CHECKABLE)
    options = {k: v.tag for k, v in (("src_lang", src_lang), ("tgt_lang", tgt_lang))
               if v is not None and k in handler.read_options}
    store = registry.read(path, handler.name, CHECKABLE, **options)
    if store.origin is None:
        store.origin = os.fspath(path)
    return store


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
                write_baseline: str | os.PathLike[str] | None = None) -> Report:
    """Read *paths* (files or directories) and *glossary*, check them together, report.

    The keywords after *glossary_format* are :func:`check_stores`'s.
    """
    source, target = _lang(src_lang), _lang(tgt_lang)
    termbase = glossary
    if glossary is not None and not isinstance(glossary, Termbase):
        from ahenk.glossary import load_termbase

        # a bilingual glossary (OmegaT) takes the languages; the others declare no such option
        handler = registry.detect(glossary, glossary_format, (Kind.TERMBASE,))
        options = {k: v.tag for k, v in (("src_lang", source), ("tgt_lang", target))
                   if v is not None and k in handler.read_options}
        termbase = load_termbase(glossary, handler.name, **options)
    stores = [read_store(path, from_format, source, target) for path in expand_paths(paths)]
    return check_stores(stores, termbase, select=select, ignore=ignore, src_lang=source,
                        tgt_lang=target, severity=severity, per_path_ignores=per_path_ignores,
                        root=root, changed_since=changed_since, baseline=baseline,
                        write_baseline=write_baseline)
