"""Find every occurrence of every termbase term in a text, inflected or not.

Build a :class:`TermIndex` once per termbase and language (or let :func:`index_for` keep one),
then call :meth:`TermIndex.find` on each text. The index is an Aho-Corasick automaton
(pyahocorasick) over each term's *anchor*, the folded prefix all its inflected forms share
(``ombudsm`` for Ombudsman, ``buca`` for bucaq, ``челове``/``люд`` for человек); a hit at the
start of a word is verified by the language module (:mod:`ahenk.lang`), which decides which
words of the term may inflect and how. Under each anchor the terms form a word trie, so a word
shared by many terms is checked once. A text is folded once (length-preserving, so offsets carry
over) and scanned once, whatever the termbase's size.

Overlaps: the longest match wins and anything nested inside it is dropped ("Cabinet of Ministers"
hides "Cabinet"); two matches that overlap without nesting are both reported when they belong to
different concepts; two concepts sharing one term at one span are both reported. Checks that
ask "is this concept's term anywhere?" pass ``nested=True`` to get the hidden ones as well.

Case: common nouns match case-insensitively (Turkic İ/ı folding for Azerbaijani). Words written
as abbreviations (two or more capitals and no lower case: NPM, BMT, COP29, ООН), and every word
of a term typed abbreviation or acronym, must appear in the same case, so "NPM" does not match
"npm" in a URL or a package name (the all-capitals term still matches an all-capitals headline).
A term whose part of speech is properNoun must keep each capital initial (Mina, a name, does not
match "mina", a mine); a capitalised term with no part of speech is treated as a common noun
(Ombudsman also matches "ombudsman").

Units: a one-word match that is one of the language's unit abbreviations right after a number
(Russian 2 мин, minutes, not the genitive plural of мина) is no term.
"""

from __future__ import annotations

import functools
import gc
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import ahocorasick

from ahenk.lang import Language, Role, language_module
from ahenk.lang.base import collapse_spaces, gap_text, nfc
from ahenk.model.langtag import LanguageTag
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus

_ABBREVIATION_TYPES = frozenset({"abbreviation", "acronym"})
_T = TypeVar("_T")
_FORMS_KEPT = 200_000  # (term word, text word) verdicts an index remembers


@dataclass(slots=True)
class TermMatch:
    """One occurrence of a term: ``text[start:end] == surface``.

    Not frozen: a frozen dataclass pays for ``object.__setattr__`` on every field, and a text
    holds several matches; treat it as a value all the same."""

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
    roles: tuple[Role, ...]  # per word: may it inflect, and how (the language's roles)


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
    return _Entry(concept.id, term, words, gaps, exact, capital,
                  any(e is not None for e in exact) or any(capital), language.roles(words))


def without_gc(function: Callable[..., _T]) -> Callable[..., _T]:
    """*function* run with the cyclic garbage collector paused: building an index makes many
    small objects that live as long as the index, and each collection during the build would
    walk a heap that only grows (pymorphy3's dictionaries included)."""
    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> _T:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()
    return paused


def _looks_abbreviated(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters) and \
        sum(c.isupper() for c in letters) >= 2


class TermIndex:
    """All terms of one language of a termbase, ready to be found in texts."""

    @without_gc
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
            root = _Node()
            for entry in entries:
                root.add(entry, self.language)
            self._automaton.add_word(anchor, (len(anchor), root))
        if by_anchor:
            self._automaton.make_automaton()
        self._empty = not by_anchor
        self._units = self.language.unit_abbreviations
        self._forms: dict[tuple[str, str, Role], bool] = {}
        self._matched: dict[tuple[_Level, str], list[_Node]] = {}  # the trie words a text word is
        self._last: tuple[str, tuple[TermMatch, ...]] | None = None  # latest text, unresolved

    def _is_form(self, word: str, surface: str, role: Role) -> bool:
        """:meth:`Language.is_form`, remembered (bounded): texts repeat their words."""
        forms = self._forms
        known = forms.get((word, surface, role))
        if known is None:
            if len(forms) >= _FORMS_KEPT:
                forms.clear()
            known = forms[(word, surface, role)] = self.language.is_form(word, surface, role)
        return known

    def __len__(self) -> int:
        return self.size

    def find(self, text: str, *, nested: bool = False) -> list[TermMatch]:
        """Every term occurrence in *text*, in text order, overlaps resolved (see the module).

        *nested*: also report matches inside a longer one ("Azərbaycan" inside "Azərbaycan
        Respublikasının İnsan Hüquqları üzrə Müvəkkili"), for checks that ask "is this concept's
        term anywhere?" rather than "what does this span say?".
        """
        if self._empty or not text:
            return []
        if self._last is not None and self._last[0] == text:  # the same text, asked again
            found = list(self._last[1])
            return _resolve(found, nested) if len(found) > 1 else found
        norm, offsets = nfc(text)
        key = self.language.fold(norm)
        norm, key, offsets = collapse_spaces(norm, key, offsets)
        word_at = self.language.word_pattern.match
        is_form = self._is_form
        memo = self._matched
        units = self._units
        ends: dict[int, int] = {}  # start of a word -> its end (-1: no word there)
        found: list[TermMatch] = []
        for last, (length, root) in self._automaton.iter(key):
            start = last - length + 1
            if start and (key[start - 1].isalnum() or _is_mark(key[start - 1])):
                continue  # inside a word
            # walk the word trie of this anchor: each distinct term word is checked once
            stack: list[tuple[_Node, int, tuple[tuple[int, int], ...]]] = [(root, start, ())]
            while stack:
                node, pos, spans = stack.pop()
                for gap, level in node.levels.items():
                    if gap and not key.startswith(gap, pos):
                        continue
                    at = pos + len(gap)
                    end = ends.get(at)
                    if end is None:
                        word = word_at(norm, at)
                        end = ends[at] = word.end() if word is not None else -1
                    if end < 0:
                        continue
                    surface = key[at:end]
                    matched = memo.get((level, surface))
                    if matched is None:
                        if len(memo) >= _FORMS_KEPT:
                            memo.clear()
                        matched = memo[(level, surface)] = level.matching(surface, is_form)
                    for child in matched:
                        here = (*spans, (at, end))
                        if child.entries and not (units and not spans and surface in units
                                                  and _after_number(norm, at)):
                            self._emit(child, start, end, here, text, norm, offsets, found)
                        if child.levels:
                            stack.append((child, end, here))
        self._last = (text, tuple(found))
        return _resolve(found, nested) if len(found) > 1 else found

    @staticmethod
    def _emit(node: _Node, start: int, end: int, spans: tuple[tuple[int, int], ...], text: str,
              norm: str, offsets: list[int] | None, found: list[TermMatch]) -> None:
        """The matches of the terms that end at *node*, their words at *spans*."""
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        surface = text[start:end]
        for entry in node.entries:
            if entry.cased and not _case_ok(entry, norm, spans):
                continue
            term = entry.term
            found.append(TermMatch(entry.concept, term.text, term.status, start, end, surface,
                                   term))


class _Node:
    """A word trie under one anchor: children by the gap before the next word, then by word."""

    __slots__ = ("_by_key", "entries", "levels")

    def __init__(self) -> None:
        self.levels: dict[str, _Level] = {}
        self.entries: list[_Entry] = []
        self._by_key: dict[tuple[str, str, Role], _Node] = {}  # (gap, word, role) -> child

    def add(self, entry: _Entry, language: Language) -> None:
        node = self
        for i, (word, role) in enumerate(zip(entry.words, entry.roles, strict=True)):
            gap = entry.gaps[i - 1] if i else ""
            child = node._by_key.get((gap, word, role))
            if child is None:
                child = node._by_key[(gap, word, role)] = _Node()
                level = node.levels.get(gap)
                if level is None:
                    level = node.levels[gap] = _Level()
                level.add(word, role, child, language)
            node = child
        node.entries.append(entry)


class _Level:
    """The term words that may follow one gap in the trie, looked up by the text's word.

    A fixed word is found by equality. An inflecting one is filed under the first two letters
    of each of its anchors (every form starts with an anchor, :meth:`Language.word_anchors`),
    so a text word is compared with the few term words it may be a form of, not with all of
    them; one with an anchor shorter than two letters is always compared. Matches come back in
    the order the words were added, as a linear scan would give them.
    """

    __slots__ = ("exact", "forms", "size", "wild")

    def __init__(self) -> None:
        self.exact: dict[str, tuple[int, _Node]] = {}
        self.forms: dict[str, list[tuple[int, str, Role, _Node]]] = {}
        self.wild: list[tuple[int, str, Role, _Node]] = []
        self.size = 0

    def add(self, word: str, role: Role, child: _Node, language: Language) -> None:
        order = self.size
        self.size += 1
        if role is Role.FIXED:
            self.exact[word] = (order, child)
            return
        keys = {anchor[:2] for anchor in language.word_anchors(word)}
        if not keys or any(len(k) < 2 for k in keys):
            self.wild.append((order, word, role, child))
            return
        for k in keys:
            self.forms.setdefault(k, []).append((order, word, role, child))

    def matching(self, surface: str,
                 is_form: Callable[[str, str, Role], bool]) -> list[_Node]:
        out: list[tuple[int, _Node]] = []
        hit = self.exact.get(surface)
        if hit is not None:
            out.append(hit)
        for candidates in (self.forms.get(surface[:2]), self.wild):
            if candidates:
                out.extend((order, child) for order, word, role, child in candidates
                           if is_form(word, surface, role))
        if len(out) > 1:
            out.sort(key=_first)
        return [child for _, child in out]


def _first(item: tuple[int, _Node]) -> int:
    return item[0]


def _case_ok(entry: _Entry, norm: str, spans: tuple[tuple[int, int], ...]) -> bool:
    for (a, _), exact, capital in zip(spans, entry.exact_case, entry.capital, strict=True):
        if exact is not None and not norm.startswith(exact, a):
            return False
        if capital and not norm[a].isupper():
            return False
    return True


def _after_number(text: str, start: int) -> bool:
    """Whether the word at *start* follows a number (2 мин, 2\u00a0мин): a unit's abbreviation."""
    at = start
    while at and text[at - 1] in " \u00a0\u202f":
        at -= 1
    return text[at - 1:at].isdigit()


def _is_mark(char: str) -> bool:
    return "\u0300" <= char <= "\u036f"


def _resolve(found: list[TermMatch], nested: bool = False) -> list[TermMatch]:
    found.sort(key=lambda m: (m.start, m.start - m.end, m.concept))
    kept: list[TermMatch] = []
    for match in found:
        drop = False
        for other in kept:
            if other.end <= match.start:
                continue
            same_span = other.start == match.start and other.end == match.end
            inside = other.start <= match.start and match.end <= other.end and not same_span
            if (inside and not nested) or (other.concept == match.concept and
                                           (same_span or not nested)):
                drop = True
                break
        if not drop:
            kept.append(match)
    return kept


def index_for(termbase: Termbase, lang: str | LanguageTag) -> TermIndex:
    """The :class:`TermIndex` of *termbase* in *lang*, built on first use and kept while the
    termbase lives (rebuilt if its number of terms changed)."""
    code = language_module(lang).code
    size = sum(len(concept.terms) for concept in termbase.concepts)
    held = _INDEXES.get(id(termbase))
    if held is None or held[0]() is not termbase or held[1] != size:
        held = _INDEXES[id(termbase)] = (weakref.ref(termbase), size, {})
        weakref.finalize(termbase, _INDEXES.pop, id(termbase), None)
    indexes = held[2]
    if code not in indexes:
        indexes[code] = TermIndex(termbase, code)
    return indexes[code]


_INDEXES: dict[int, tuple[weakref.ref[Termbase], int, dict[str, TermIndex]]] = {}


def find_terms(text: str, termbase: Termbase, lang: str | LanguageTag,
               *, nested: bool = False) -> list[TermMatch]:
    """Term occurrences in *text*, with the index of *termbase* kept between calls."""
    return index_for(termbase, lang).find(text, nested=nested)


def find_concepts(termbase: Termbase, text: str, lang: str | LanguageTag) -> list[str]:
    """Ids of the concepts with a term in *text* (any status, nested ones included), first-seen
    order: what the aligner's term anchors compare across the two sides."""
    seen: dict[str, None] = {}
    for match in index_for(termbase, lang).find(text, nested=True):
        seen.setdefault(match.concept)
    return list(seen)
