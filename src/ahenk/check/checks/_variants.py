"""Near-misses of termbase terms in a text: misspellings, lost diacritics, transliterations.

:class:`VariantIndex` holds every term of one language, folded. A term of *n* characters may be
missed by at most :func:`max_edits` (n) edits; by the pigeonhole principle one of its
``edits + 1`` pieces then occurs unchanged, so an Aho-Corasick automaton over the pieces of all
terms finds every candidate in one pass over the text, whatever the termbase's size. Pieces are
taken from the *diacritic skeleton* (ə→e, ı→i, ş→s, ö→o …), so Xankendi and Xankəndi share them,
and from each word's stem, the part its inflected forms keep, so an ending the inflection
rebuilt breaks none (врименной стратегии for временная стратегия).
Each candidate window of words is then verified with rapidfuzz's Levenshtein distance.

This module is the search: which windows of a text to try, fast. The terms are made ready once
in :mod:`._variant_terms` (entries, pieces, the deletion index of their words); whether a window
is a near-miss, and how it is spelt right, is decided in :mod:`._variant_verdict`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from ahenk.check.checks._spelling import skeleton
from ahenk.check.checks._variant_terms import KEPT, NearWords, _Entry, stem_pieces, term_entry
from ahenk.check.checks._variant_verdict import Verifier, capitals_kept, spelt_right
from ahenk.lang import Language, language_module
from ahenk.lang.base import nfc
from ahenk.model.langtag import LanguageTag
from ahenk.termbase.match import without_gc
from ahenk.termbase.model import Concept, Term, Termbase


@dataclass(frozen=True)
class Variant:
    """A near-miss of *term* at ``text[start:end]`` (``surface``)."""

    concept: str
    term: Term
    suggestion: str
    start: int
    end: int
    surface: str
    kind: str  # "diacritics" | "spelling"
    corrected: str | None = None  # the surface spelt right, inflection kept (Xankəndiyə)


class VariantIndex:
    """All terms of one language, ready for finding their near-misses in texts.

    Speed. The pieces say which (start word, term) pairs are candidates; testing each pair a
    piece names would test every "X office" wherever "office" stands. So candidates are found
    the other way round, word by word: each text word is looked up once (and remembered) in a
    deletion index of the term words' skeletons, which yields every term word it may be a
    near-miss of (two strings within *k* edits share a string that is each with at most *k*
    letters deleted); a word trie of the terms then extends a start only while the next text
    word may be a near-miss of the next term word. What survives is checked exactly as the
    pieces define it (:meth:`_first_hit`) and then verified, so the findings, and their order,
    are the pieces' own. A concept with two terms that fold alike keeps the pieces' scan
    (:attr:`_twins`), where which of them is tried first decides.
    """

    @without_gc
    def __init__(self, termbase: Termbase | Iterable[Concept], lang: str | LanguageTag) -> None:
        self.language: Language = language_module(lang)
        code = self.language.code
        concepts = termbase.concepts if isinstance(termbase, Termbase) else list(termbase)
        pieces: dict[str, list[tuple[_Entry, int, int]]] = {}
        entries: list[_Entry] = []
        for concept in concepts:
            preferred = concept.preferred(code)
            for term in concept.terms:
                entry = term_entry(concept.id, term, preferred, self.language)
                if entry is None:
                    continue
                entries.append(entry)
                for offset, piece, word_index in stem_pieces(entry, self.language):
                    pieces.setdefault(piece, []).append((entry, offset, word_index))
        self._empty = not pieces
        # where each entry's pieces stand in the piece lists (the pieces' scan order)
        self._hits: dict[int, list[tuple[str, int, int]]] = {}
        for piece, listed in pieces.items():
            for index, (entry, _, word_index) in enumerate(listed):
                self._hits.setdefault(id(entry), []).append((piece, word_index, index))
        markers: dict[tuple[str, str], int] = {}
        for entry in entries:
            markers[(entry.concept, entry.key)] = markers.get((entry.concept, entry.key), 0) + 1
        twins = {id(e) for e in entries if markers[(e.concept, e.key)] > 1}
        self._twins = ahocorasick.Automaton()
        for piece, listed in pieces.items():
            kept = tuple((e, o, w, i) for i, (e, o, w) in enumerate(listed) if id(e) in twins)
            if kept:
                self._twins.add_word(piece, (len(piece), kept))
        self._has_twins = bool(twins)
        if twins:
            self._twins.make_automaton()
        self._trie = _Trie()
        for entry in entries:
            if id(entry) not in twins:
                self._trie.add(entry)
        self._near_words = NearWords((w for entry in entries for w in entry.words),
                                     self.language)
        self._verifier = Verifier(self.language)  # the verdicts on windows, remembered
        self._starts: dict[str, _Starts] = {}
        self._hot: set[str] = set()  # the words in _starts that start something

    def find(self, text: str, exact: Sequence[tuple[int, int]] = ()) -> list[Variant]:
        """Near-misses in *text*, not overlapping the spans in *exact* (terms found as such)
        unless they hold one whole and are longer (:func:`_blocked`)."""
        if self._empty or not text:
            return []
        norm, offsets = nfc(text)
        key = self.language.fold(norm)
        skel = _Lazy(key)  # the skeleton is only wanted once a variant is verified
        tokens = [m.span() for m in self.language.word_pattern.finditer(norm)]
        spans = _norm_spans(exact, offsets) if exact else []
        found: list[tuple[tuple[int, int, int], Variant]] = []
        if self._has_twins:
            self._find_twins(text, norm, key, skel.text, tokens, offsets, spans, found)
        words = [key[a:b] for a, b in tokens]
        present = set(words)
        starts = self._starts
        for word in [w for w in present if w not in starts]:
            self._starts_of(word)
        hot = self._hot
        if not present.isdisjoint(hot):
            # a word inside a term found as such starts no variant, unless the term starts
            # there and the variant runs on (mina terreru around mina: mina terroru misspelt)
            covered = _covered(tokens, spans) if spans else None
            near_words = self._near_words.known
            last = len(words) - 1
            for first, word in enumerate(words):
                if word not in hot:
                    continue
                viable, follow, roots = starts[word]
                inside = covered.get(first, 0) if covered else 0
                if inside < 0:
                    continue  # inside a term found as such: no variant from here holds it
                if inside or not viable:
                    # only longer terms start here: is the next word near one of their words?
                    if first == last:
                        continue
                    near = near_words.get(words[first + 1])
                    if near is None:
                        near = self._near_words.of(words[first + 1])
                    if near.isdisjoint(follow):
                        continue
                self._walk(first, roots, text, norm, key, skel, tokens, words, offsets, spans,
                           found, beyond=inside)
        if len(found) > 1:
            found.sort(key=_rank)
        return _best([variant for _, variant in found])

    def _walk(self, first: int, roots: _Roots,
              text: str, norm: str, key: str, skel: _Lazy, tokens: Sequence[tuple[int, int]],
              words: list[str], offsets: list[int] | None, spans: list[tuple[int, int]],
              found: list[tuple[tuple[int, int, int], Variant]],
              beyond: int = 0) -> None:
        """Every term that may start with the word at *first*: its own viable one-word terms,
        then down the trie while the next text word may be a near-miss of the next term word;
        with *beyond*, only terms of more than that many words (longer than the term found
        as such from *first*)."""
        count = len(tokens)
        near_words = self._near_words.known
        stack: list[tuple[_Trie, int, Sequence[_Entry]]] = [
            (node, 1, entries) for node, entries in roots]  # (node, words matched, entries)
        while stack:
            node, depth, entries = stack.pop()
            if depth > beyond:
                for entry in entries:
                    self._candidate(entry, first, text, norm, key, skel, tokens, words,
                                    offsets, spans, found)
            at = first + depth
            if not node.children or at >= count:
                continue
            gap = norm[tokens[at - 1][1]:tokens[at][0]]
            if len(gap) > 3 or gap.strip(" -‐‑"):
                continue
            near = near_words.get(words[at])
            if near is None:
                near = self._near_words.of(words[at])
            children = node.children
            if len(near) < len(children):
                chosen = [children[w] for w in near if w in children]
            else:
                chosen = [child for w, child in children.items() if w in near]
            stack.extend((child, depth + 1, child.entries) for child in chosen)

    def _starts_of(self, word: str) -> _Starts:
        """The trie's first-word nodes *word* may be a near-miss of, each with those of its
        one-word terms that *word* is a near-miss of (remembered: texts repeat their words, and
        most near words are no near-miss, so a text word usually starts nothing): whether any
        such one-word term is there, the term words that may follow, and the nodes."""
        near = self._near_words.known.get(word)
        if near is None:
            near = self._near_words.of(word)
        children = self._trie.children
        verdict = self._verifier.verdict
        roots = []
        for w in near:
            node = children.get(w)
            if node is None:
                continue
            entries = tuple(e for e in node.entries if verdict(e, (word,)) is not None)
            if entries or node.children:
                roots.append((node, entries))
        if len(self._starts) >= KEPT:
            self._starts.clear()
            self._hot.clear()
        viable = any(entries for _, entries in roots)
        follow = frozenset(w for node, _ in roots for w in node.children)
        self._starts[word] = (viable, follow, tuple(roots))
        if roots:
            self._hot.add(word)
        return self._starts[word]

    def _candidate(self, entry: _Entry, first: int, text: str, norm: str, key: str,
                   skel: _Lazy, tokens: Sequence[tuple[int, int]], words: list[str],
                   offsets: list[int] | None,
                   spans: list[tuple[int, int]],
                   found: list[tuple[tuple[int, int, int], Variant]]) -> None:
        """Check one (start word, term) pair as the pieces' scan would, and keep a variant."""
        size = len(entry.words)
        start, end = tokens[first][0], tokens[first + size - 1][1]
        if spans and _blocked(start, end, spans):
            return
        if entry.capital and not capitals_kept(entry, norm, tokens[first:first + size]):
            return
        # around a term found as such, a word that differs only at its end is another form
        # of the word (mina partlayıb, a mine exploded, is no misspelt mina partlayışı)
        anchored = bool(spans) and any(start <= s and e <= end for s, e in spans)
        verdict = self._verifier.verdict(entry, tuple(words[first:first + size]), anchored)
        if verdict is None:
            return
        rank = self._first_hit(entry, first, skel.text, tokens)
        if rank is None:
            return  # no piece of the term stands in its place: the pieces never name it
        corrected = spelt_right(entry, verdict[1], norm, tokens[first:first + size])
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        found.append((rank, Variant(entry.concept, entry.term, entry.suggestion, start, end,
                                    text[start:end], verdict[0], corrected)))

    def _first_hit(self, entry: _Entry, first: int, skel: str,
                   tokens: Sequence[tuple[int, int]]) -> tuple[int, int, int] | None:
        """Where the pieces' scan would first name (*first*, *entry*): (end of the piece in the
        text, longer piece first, position in the piece's list); None if it never would."""
        best: tuple[int, int, int] | None = None
        for piece, word_index, index in self._hits[id(entry)]:
            token_start, token_end = tokens[first + word_index]
            at = skel.find(piece, token_start)
            if at < 0 or at >= token_end:
                continue
            rank = (at + len(piece) - 1, -len(piece), index)
            if best is None or rank < best:
                best = rank
        return best

    def _find_twins(self, text: str, norm: str, key: str, skel: str,
                    tokens: Sequence[tuple[int, int]], offsets: list[int] | None,
                    spans: list[tuple[int, int]],
                    found: list[tuple[tuple[int, int, int], Variant]]) -> None:
        """The pieces' scan, for the terms that share a concept and a folded form."""
        starts = [a for a, _ in tokens]
        seen: set[tuple[int, str, str]] = set()
        for last, (length, entries) in self._twins.iter(skel):
            hit = last - length + 1
            ti = bisect_right(starts, hit) - 1
            if ti < 0 or tokens[ti][1] <= hit:
                continue
            for entry, _, word_index, index in entries:
                first = ti - word_index
                size = len(entry.words)
                if first < 0 or first + size > len(tokens):
                    continue
                marker = (first, entry.concept, entry.key)
                if marker in seen:
                    continue
                seen.add(marker)
                window = tokens[first:first + size]
                if any(len(norm[a[1]:b[0]]) > 3 or norm[a[1]:b[0]].strip(" -‐‑")
                       for a, b in zip(window, window[1:], strict=False)):
                    continue
                start, end = window[0][0], window[-1][1]
                if spans and _blocked(start, end, spans):
                    continue
                if entry.capital and not capitals_kept(entry, norm, window):
                    continue
                anchored = bool(spans) and any(start <= s and e <= end for s, e in spans)
                verdict = self._verifier.verify(entry, [key[a:b] for a, b in window],
                                                anchored)
                if verdict is None:
                    continue
                corrected = spelt_right(entry, verdict[1], norm, window)
                if offsets is not None:
                    start, end = offsets[start], offsets[end]
                found.append(((last, -length, index),
                              Variant(entry.concept, entry.term, entry.suggestion, start, end,
                                      text[start:end], verdict[0], corrected)))


_Roots = tuple[tuple["_Trie", tuple[_Entry, ...]], ...]
_Starts = tuple[bool, frozenset[str], _Roots]


class _Lazy:
    """The skeleton of a folded text, made when first asked for."""

    __slots__ = ("_key", "_text")

    def __init__(self, key: str) -> None:
        self._key = key
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = skeleton(self._key)
        return self._text


def _blocked(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a term found as such overlaps ``[start, end)`` without lying inside it and being
    shorter: a variant may be a longer term misspelt around a correct shorter one."""
    return any(s < end and start < e and not (start <= s and e <= end and e - s < end - start)
               for s, e in spans)


def _covered(tokens: Sequence[tuple[int, int]],
             spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """The tokens that overlap one of *spans*, by index: how many tokens the longest span that
    starts at the token holds, or -1 when every span over it starts before it (a variant
    from there could hold none of them whole)."""
    starts = [a for a, _ in tokens]
    ends = [b for _, b in tokens]
    out: dict[int, int] = {}
    for s, e in spans:
        first, stop = bisect_right(ends, s), bisect_left(starts, e)
        if first >= stop:
            continue
        if starts[first] >= s:  # the span starts with this token
            out[first] = max(out.get(first, -1), stop - first)
        else:
            out.setdefault(first, -1)
        for index in range(first + 1, stop):
            out.setdefault(index, -1)
    return out


class _Trie:
    """Terms by their folded words: a node's children by the next term word."""

    __slots__ = ("children", "entries")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.entries: list[_Entry] = []

    def add(self, entry: _Entry) -> None:
        node = self
        for word in entry.words:
            node = node.children.setdefault(word, _Trie())
        node.entries.append(entry)


def _rank(item: tuple[tuple[int, int, int], Variant]) -> tuple[int, int, int]:
    return item[0]


def _norm_spans(spans: Sequence[tuple[int, int]],
                offsets: list[int] | None) -> list[tuple[int, int]]:
    if offsets is None:
        return list(spans)
    back = {orig: i for i, orig in reversed(list(enumerate(offsets)))}
    return [(back.get(s, s), back.get(e, e)) for s, e in spans]


def _best(found: list[Variant]) -> list[Variant]:
    """One variant per span of text: the longest, then the closest (diacritics first)."""
    found.sort(key=lambda v: (v.start, v.start - v.end, v.kind != "diacritics", v.concept))
    kept: list[Variant] = []
    for variant in found:
        if any(k.start < variant.end and variant.start < k.end for k in kept):
            continue
        kept.append(variant)
    return kept
