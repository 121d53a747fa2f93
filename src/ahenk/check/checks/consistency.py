"""Consistency across the checked set: one source, one translation (and the reverse).

Texts are compared by a normalised key: language-aware case folding (Turkic İ/ı for
Azerbaijani, :mod:`ahenk.lang.casing`), whitespace collapsed, punctuation and quotes removed,
and, where the language module offers lemmas (Russian, via pymorphy3), every word replaced by
its lemma, so "Омбудсмен выступил" and "Омбудсмен выступила" are one variant, not two.
Both checks run over every file checked together (corpus scope). While the files stream
past they keep one row per pair in a shared :class:`~ahenk.check.spill.Index` (in memory
while small, an SQLite file past :data:`~ahenk.check.spill.SPILL_ROWS`) and report once the
last file is read; a group of pairs checked in one go (:meth:`Check.run_group`) goes through
the same index, so both ways give the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import import_module

import regex

from ahenk.check.base import Check, CheckContext, Collector, Pair, Scope
from ahenk.check.finding import Finding, Side
from ahenk.check.registry import register
from ahenk.check.spill import Index, Row
from ahenk.check.suppress import CLEAR, Mark
from ahenk.diagnostics import Severity
from ahenk.lang import MODULES, language_module
from ahenk.lang.casing import fold

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


@lru_cache(maxsize=16)
def lemmatizer(lang: str) -> Callable[[str], str] | None:
    """The language module's ``lemma(word)`` when it has one (Russian), else None."""
    found = getattr(language_module(lang), "lemma", None)
    if found is None and lang in MODULES:
        found = getattr(import_module(f"ahenk.lang.{lang}"), "lemma", None)
    return found if callable(found) else None


def _strip_punctuation(text: str) -> str:
    """Punctuation and symbols (Unicode categories P*, S*) made spaces."""
    return _PUNCTUATION.sub(" ", text)


_PUNCTUATION = regex.compile(r"[\p{P}\p{S}]")


@lru_cache(maxsize=16384)
def normalise(text: str, lang: str | None) -> str:
    """The comparison key of *text*: folded, without punctuation, lemmatised where possible."""
    words = _WORD.findall(fold(_strip_punctuation(text), lang))
    lemma = lemmatizer(lang) if lang else None
    if lemma is not None:
        words = [lemma(w) if w.isalpha() else w for w in words]
    return " ".join(words)


def _elsewhere(usual: Sequence[Row], count: int) -> str:
    where = [f"{p.file or '<input>'}:{p.line}" if p.line else (p.ref or p.file or "?")
             for p in usual[:3]]
    more = f" and {count - 3} more" if count > 3 else ""
    return ", ".join(where) + more


def _row(pair: Pair, position: int, mark: Mark) -> Row | None:
    """What the checks keep of *pair*: both normalised texts (a key needs a letter), the
    location, the texts and the suppressing notes; None when neither side can key a group."""
    nsrc = normalise(pair.source_text, pair.src)
    ntgt = normalise(pair.target_text or "", pair.tgt)
    if not nsrc or not ntgt:
        return None
    by_source = any(c.isalpha() for c in nsrc)
    by_target = any(c.isalpha() for c in ntgt)
    if not (by_source or by_target):
        return None
    return Row(position, pair.src, pair.tgt or "", nsrc, ntgt, by_source, by_target, pair.file,
               pair.line, pair.ref, pair.source_text, pair.target_text or "",
               "\n".join(mark.lines), mark.unchanged)


def _shared_index(context: CheckContext) -> Index:
    def build() -> Index:
        index = Index()
        context.on_close(index.close)
        return index

    return context.cached(("consistency", "index"), build)


class _Collect:
    """Both checks add to one index per run; the second to see a pair finds it added."""

    def __init__(self, check: _Inconsistency, context: CheckContext) -> None:
        self.check = check
        self.context = context
        self.index = _shared_index(context)

    def add(self, pair: Pair, position: int, mark: Mark) -> None:
        if pair is self.index.last or not self.check.applies(pair, self.context):
            return
        self.index.last = pair
        row = _row(pair, position, mark)
        if row is not None:
            self.index.add(row)

    def finish(self) -> Iterator[tuple[Finding, Mark]]:
        return self.check.findings(self.index)


class _Inconsistency(Check):
    """Group pairs by the key of one side; report the minority variants of the other side."""

    scope = Scope.CORPUS
    group_side = Side.SOURCE

    def collector(self, context: CheckContext) -> Collector:
        return _Collect(self, context)

    def _check_group(self, pairs: Sequence[Pair], context: CheckContext) -> Iterable[Finding]:
        index = Index()
        try:
            for position, pair in enumerate(pairs):
                row = _row(pair, position, CLEAR)
                if row is not None:
                    index.add(row)
            return [finding for finding, _ in self.findings(index)]
        finally:
            index.close()

    def findings(self, index: Index) -> Iterator[tuple[Finding, Mark]]:
        """A finding (with its pair's suppression mark) for every row whose variant is not
        its group's most frequent one (the first to reach the top count, in file order)."""
        for group in index.groups(self.group_side):
            top = max(n for n, _ in group.counts.values())
            majority = min((first, v) for v, (n, first) in group.counts.items() if n == top)[1]
            usual = group.rows(majority, limit=3)
            count = group.counts[majority][0]
            for row in group.rows(majority, same=False):
                yield self._report(row, usual, count), row.mark

    def _report(self, row: Row, usual: Sequence[Row], count: int) -> Finding:
        raise NotImplementedError


@register
class InconsistentTarget(_Inconsistency):
    id = "inconsistent-target"
    name = "Inconsistent translation"
    description = (
        "The same source text (case, spacing, punctuation and, for Russian, inflection aside) "
        "is translated differently in the files checked together. The most frequent "
        "translation is taken as the expected one; each other variant is reported."
    )
    severity = Severity.WARNING
    group_side = Side.SOURCE
    related = ("pofilter: compendiumconflicts (similar)", "Weblate: inconsistent")

    def _report(self, row: Row, usual: Sequence[Row], count: int) -> Finding:
        expected = usual[0].target_text
        return self.finding(row, f"the same source is translated as «{expected}» in "
                            f"{_elsewhere(usual, count)}", side=Side.TARGET, expected=expected,
                            found=row.target_text)


@register
class InconsistentSource(_Inconsistency):
    id = "inconsistent-source"
    name = "One translation for different sources"
    description = (
        "The same target text translates different source texts in the files checked "
        "together: either the sources mean the same (fine) or one translation was pasted "
        "where another belongs. The most frequent source is taken as the usual one."
    )
    severity = Severity.INFO
    group_side = Side.TARGET

    def _report(self, row: Row, usual: Sequence[Row], count: int) -> Finding:
        expected = usual[0].source_text
        return self.finding(row, f"the same translation stands for «{expected}» in "
                            f"{_elsewhere(usual, count)}", side=Side.SOURCE, expected=expected,
                            found=row.source_text)
