"""Consistency across the checked set: one source, one translation (and the reverse).

Texts are compared by a normalised key: language-aware case folding (Turkic İ/ı for
Azerbaijani, :mod:`ahenk.lang.casing`), whitespace collapsed, punctuation and quotes removed,
and, where the language module offers lemmas (Russian, via pymorphy3), every word replaced by
its lemma, so "Омбудсмен выступил" and "Омбудсмен выступила" are one variant, not two.
Both checks run over every file checked together (corpus scope).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import import_module

import regex

from ahenk.check.base import Check, CheckContext, Pair, Scope
from ahenk.check.finding import Finding, Side
from ahenk.check.registry import register
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
    new = set(text) - _SEEN
    if new and len(_SEEN) < _SEEN_KEPT:
        _SEEN.update(new)
        _TO_SPACE.update({ord(c): " " for c in new if unicodedata.category(c)[0] in "PS"})
        new = set()
    if new:
        return "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in text)
    return text.translate(_TO_SPACE)


_SEEN: set[str] = set()  # characters whose category is known, those in P* or S* below
_TO_SPACE: dict[int, str] = {}
_SEEN_KEPT = 100_000


@lru_cache(maxsize=131072)
def normalise(text: str, lang: str | None) -> str:
    """The comparison key of *text*: folded, without punctuation, lemmatised where possible."""
    words = _WORD.findall(fold(_strip_punctuation(text), lang))
    lemma = lemmatizer(lang) if lang else None
    if lemma is not None:
        words = [lemma(w) if w.isalpha() else w for w in words]
    return " ".join(words)


def _elsewhere(pairs: Sequence[Pair]) -> str:
    where = [f"{p.file or '<input>'}:{p.line}" if p.line else (p.ref or p.file or "?")
             for p in pairs[:3]]
    more = f" and {len(pairs) - 3} more" if len(pairs) > 3 else ""
    return ", ".join(where) + more


class _Inconsistency(Check):
    """Group pairs by the key of one side; report the minority variants of the other side."""

    scope = Scope.CORPUS
    group_side = Side.SOURCE

    def _check_group(self, pairs: Sequence[Pair], context: CheckContext) -> Iterable[Finding]:
        other = Side.TARGET if self.group_side is Side.SOURCE else Side.SOURCE
        groups: dict[tuple[str, str | None, str], list[tuple[Pair, str]]] = {}
        for pair in pairs:
            key = normalise(pair.text(self.group_side), pair.lang(self.group_side))
            variant = normalise(pair.text(other), pair.lang(other))
            if not key or not variant or not any(c.isalpha() for c in key):
                continue
            groups.setdefault((pair.src, pair.tgt, key), []).append((pair, variant))
        for members in groups.values():
            counts = Counter(variant for _, variant in members)
            if len(counts) < 2:
                continue
            top = max(counts.values())
            majority = next(v for _, v in members if counts[v] == top)
            usual = [p for p, v in members if v == majority]
            for pair, variant in members:
                if variant != majority:
                    yield self._report(pair, usual, other)

    def _report(self, pair: Pair, usual: Sequence[Pair], side: Side) -> Finding:
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

    def _report(self, pair: Pair, usual: Sequence[Pair], side: Side) -> Finding:
        expected = usual[0].target_text
        return self.finding(pair, f"the same source is translated as «{expected}» in "
                            f"{_elsewhere(usual)}", side=Side.TARGET, expected=expected,
                            found=pair.target_text)


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

    def _report(self, pair: Pair, usual: Sequence[Pair], side: Side) -> Finding:
        expected = usual[0].source_text
        return self.finding(pair, f"the same translation stands for «{expected}» in "
                            f"{_elsewhere(usual)}", side=Side.SOURCE, expected=expected,
                            found=pair.source_text)
