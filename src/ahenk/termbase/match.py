"""Find every occurrence of every termbase term in a text, inflected or not.

Build a :class:`TermIndex` once per termbase and language, then call :meth:`TermIndex.find` on
each text. The index is an Aho-Corasick automaton (pyahocorasick) over each term's *anchor*, the
folded prefix all its inflected forms share (``ombudsm`` for Ombudsman, ``buca`` for bucaq,
``челове``/``люд`` for человек); a hit at the start of a word is verified by the language module
(:mod:`ahenk.lang`), which decides which words of the term may inflect and how. A text is folded
once (length-preserving, so offsets carry over) and scanned once, whatever the termbase's size.

Overlaps: the longest match wins and anything nested inside it is dropped ("Cabinet of Ministers"
hides "Cabinet"); two matches that overlap without nesting are both reported when they belong to
different concepts; two concepts sharing one term at one span are both reported.

Case: common nouns match case-insensitively (Turkic İ/ı folding for Azerbaijani). Words written
as abbreviations (two or more capitals and no lower case: NPM, BMT, COP29, ООН), and every word
of a term typed abbreviation or acronym, must appear in the same case, so "NPM" does not match
"npm" in a URL or a package name (the all-capitals term still matches an all-capitals headline).
A term whose part of speech is properNoun must keep each capital initial (Mina, a name, does not
match "mina", a mine); a capitalised term with no part of speech is treated as a common noun
(Ombudsman also matches "ombudsman").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from ahenk.lang import Language, Role, language_module
from ahenk.lang.base import collapse_spaces, gap_text, nfc
from ahenk.model.langtag import LanguageTag
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus

_ABBREVIATION_TYPES = frozenset({"abbreviation", "acronym"})


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One occurrence of a term: ``text[start:end] == surface``."""

    concept: str
    term: str
    status: TermStatus
    start: int
    end: int
    surface: str
    entry: Term | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: str
    term: Term
    words: tuple[str, ...]  # folded
    gaps: tuple[str, ...]  # gap keys between the words
    exact_case: tuple[str | None, ...]  # per word: the letters that must match in case
    capital: tuple[bool, ...]  # per word: the text word must start with a capital
    cased: bool  # whether any of the two above applies
    inflects: tuple[bool, ...]  # per word: may it inflect (the language's roles)


def _compile(concept: Concept, term: Term, language: Language) -> _Entry | None:
    tokens = language.tokenize(term.text)
    if not tokens:
        return None
    words = tuple(language.fold(t.text) for t in tokens)
    gaps = tuple(gap_text(term.text[a.end:b.start])
                 for a, b in zip(tokens, tokens[1:], strict=False))
    forced = (term.type or "") in _ABBREVIATION_TYPES
    exact = tuple(t.text if forced or _looks_abbreviated(t.text) else None for t in tokens)
    proper = term.pos == "properNoun"
    capital = tuple(proper and t.text[:1].isupper() for t in tokens)
    inflects = tuple(role is Role.INFLECTS for role in language.roles(words))
    return _Entry(concept.id, term, words, gaps, exact, capital,
                  any(e is not None for e in exact) or any(capital), inflects)


def _looks_abbreviated(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters) and \
        sum(c.isupper() for c in letters) >= 2


class TermIndex:
    """All terms of one language of a termbase, ready to be found in texts."""

    def __init__(self, termbase: Termbase | Iterable[Concept], lang: str | LanguageTag) -> None:
        self.language = language_module(lang)
        code = self.language.code
        concepts = termbase.concepts if isinstance(termbase, Termbase) else list(termbase)
        by_anchor: dict[str, list[_Entry]] = {}
        self.size = 0
        for concept in concepts:
            for term in concept.terms:
                if term.lang.language != code or not term.text.strip():
                    continue
                entry = _compile(concept, term, self.language)
                if entry is None:
                    continue
                self.size += 1
                for anchor in self.language.anchors(entry.words, entry.gaps):
                    by_anchor.setdefault(anchor, []).append(entry)
        self._automaton = ahocorasick.Automaton()
        for anchor, entries in by_anchor.items():
            self._automaton.add_word(anchor, (len(anchor), tuple(entries)))
        if by_anchor:
            self._automaton.make_automaton()
        self._empty = not by_anchor

    def __len__(self) -> int:
        return self.size

    def find(self, text: str) -> list[TermMatch]:
        """Every term occurrence in *text*, in text order, overlaps resolved (see the module)."""
        if self._empty or not text:
            return []
        norm, offsets = nfc(text)
        key = self.language.fold(norm)
        norm, key, offsets = collapse_spaces(norm, key, offsets)
        word_at = self.language.word_pattern.match
        is_form = self.language.is_form
        ends: dict[int, int] = {}  # start of a word -> its end (-1: no word there)
        found: list[TermMatch] = []
        for last, (length, entries) in self._automaton.iter(key):
            start = last - length + 1
            if start and (key[start - 1].isalnum() or _is_mark(key[start - 1])):
                continue  # inside a word
            for entry in entries:
                spans = _spans(entry, key, norm, start, ends, word_at)
                if spans is None or (entry.cased and not _case_ok(entry, norm, spans)):
                    continue
                for (a, b), word, inflects in zip(spans, entry.words, entry.inflects,
                                                  strict=True):
                    surface = key[a:b]
                    if surface != word and not (inflects and is_form(word, surface)):
                        break
                else:
                    first, final = spans[0][0], spans[-1][1]
                    if offsets is not None:
                        first, final = offsets[first], offsets[final]
                    found.append(TermMatch(entry.concept, entry.term.text, entry.term.status,
                                           first, final, text[first:final], entry.term))
        return _resolve(found) if len(found) > 1 else found


def _spans(entry: _Entry, key: str, norm: str, start: int, ends: dict[int, int],
           word_at: Callable[[str, int], Any]) -> list[tuple[int, int]] | None:
    """Where each word of *entry* would be in the text from *start*, or None."""
    spans = []
    pos = start
    last = len(entry.words) - 1
    for i in range(last + 1):
        end = ends.get(pos)
        if end is None:
            word = word_at(norm, pos)
            end = ends[pos] = word.end() if word is not None else -1
        if end < 0:
            return None
        spans.append((pos, end))
        if i < last:
            gap = entry.gaps[i]
            if not key.startswith(gap, end):
                return None
            pos = end + len(gap)
    return spans


def _case_ok(entry: _Entry, norm: str, spans: list[tuple[int, int]]) -> bool:
    for (a, _), exact, capital in zip(spans, entry.exact_case, entry.capital, strict=True):
        if exact is not None and not norm.startswith(exact, a):
            return False
        if capital and not norm[a].isupper():
            return False
    return True


def _is_mark(char: str) -> bool:
    return "\u0300" <= char <= "\u036f"


def _resolve(found: list[TermMatch]) -> list[TermMatch]:
    found.sort(key=lambda m: (m.start, m.start - m.end, m.concept))
    kept: list[TermMatch] = []
    for match in found:
        drop = False
        for other in kept:
            if other.end <= match.start:
                continue
            same_span = other.start == match.start and other.end == match.end
            nested = other.start <= match.start and match.end <= other.end and not same_span
            if nested or (other.concept == match.concept):
                drop = True
                break
        if not drop:
            kept.append(match)
    return kept


def find_terms(text: str, termbase: Termbase, lang: str | LanguageTag) -> list[TermMatch]:
    """One-off convenience; build a :class:`TermIndex` once to search many texts."""
    return TermIndex(termbase, lang).find(text)
