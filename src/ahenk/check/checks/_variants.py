"""Near-misses of termbase terms in a text: misspellings, lost diacritics, transliterations.

:class:`VariantIndex` holds every term of one language, folded. A term of *n* characters may be
missed by at most :func:`max_edits` (n) edits; by the pigeonhole principle one of its
``edits + 1`` pieces then occurs unchanged, so an Aho-Corasick automaton over the pieces of all
terms finds every candidate in one pass over the text, whatever the termbase's size. Pieces are
taken from the *diacritic skeleton* (ə→e, ı→i, ş→s, ö→o …), so Xankendi and Xankəndi share them.
Each candidate window of words is then verified with rapidfuzz's Levenshtein distance.

Words are compared one by one. A word is a near-miss of a term word when a prefix of it is
within the allowed edits of it (or equal to it on the skeleton) and what remains of the word is
an inflection the language accepts on the *correct* term (Xankendinin → Xankəndi + nin →
Xankəndinin), or on the word as typed when only diacritics differ (Xiziyə: i takes front
harmony). A difference only at the end of a one-word term is not reported (Armenia /
Armenian, Gəncə / gənc are other words), unless the term never changes its last letter
(indeclinable Ханкенди: Ханкенды is a misspelling), nor is an exact prefix the term matcher did not accept
(Qarabağlı is a derivation, not a typo). Names (proper nouns, capitalised terms) and phrases may
be misspelt by :func:`max_edits` letters in all, each word by its own share; a common one-word
term only by its diacritics (or one letter from nine letters on), since one letter turns many
common words into others (report / resort).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick
from rapidfuzz.distance import Levenshtein

from ahenk.lang import Language, language_module
from ahenk.lang.base import nfc
from ahenk.model.langtag import LanguageTag
from ahenk.termbase.model import Concept, Term, Termbase

#: Letters that lose or change a diacritic when typed on the wrong keyboard (one for one).
_SKELETON = str.maketrans({
    "ə": "e", "ı": "i", "ö": "o", "ü": "u", "ş": "s", "ç": "c", "ğ": "g", "â": "a", "î": "i",
    "û": "u", "ë": "e", "é": "e", "ё": "е", "й": "и",
})
MIN_LENGTH = 4


def skeleton(folded: str) -> str:
    """*folded* with diacritics removed, one character for one (offsets kept)."""
    out = folded.translate(_SKELETON)
    if out.isascii():
        return out
    return "".join(
        (unicodedata.normalize("NFD", c)[0] if len(unicodedata.normalize("NFD", c)) > 1 else c)
        for c in out
    )


def max_edits(length: int) -> int:
    """Edits a term of *length* characters may be missed by and still be recognised."""
    if length < 5:
        return 0  # diacritics only: Şuşa / Susa
    return 1 if length <= 8 else 2


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


@dataclass(frozen=True)
class _Entry:
    concept: str
    term: Term
    suggestion: str
    key: str  # folded words joined by one space
    skel: str
    words: tuple[str, ...]
    edits: int
    fixed_end: bool = False  # a one-word term whose forms keep its last letter (Ханкенди)


def _pieces(text: str, count: int) -> list[tuple[int, str]]:
    size, extra = divmod(len(text), count)
    out, pos = [], 0
    for i in range(count):
        length = size + (1 if i < extra else 0)
        out.append((pos, text[pos:pos + length]))
        pos += length
    return out


class VariantIndex:
    """All terms of one language, ready for finding their near-misses in texts."""

    def __init__(self, termbase: Termbase | Iterable[Concept], lang: str | LanguageTag) -> None:
        self.language: Language = language_module(lang)
        code = self.language.code
        concepts = termbase.concepts if isinstance(termbase, Termbase) else list(termbase)
        self._automaton = ahocorasick.Automaton()
        pieces: dict[str, list[tuple[_Entry, int, int]]] = {}
        for concept in concepts:
            preferred = concept.preferred(code)
            for term in concept.terms:
                if term.lang.language != code or not term.text.strip():
                    continue
                if (term.type or "") in ("abbreviation", "acronym"):
                    continue
                words = self.language.words(term.text)
                key = " ".join(words)
                if len(key) < MIN_LENGTH:
                    continue
                suggestion = (preferred or term).text if not term.status.allowed else term.text
                # names and phrases may be misspelt; a common word only loses diacritics
                # (or, when long, one letter): report/resort are both words
                named = term.pos == "properNoun" or term.text[:1].isupper() or len(words) > 1
                edits = max_edits(len(key)) if named else int(len(key) >= 9)
                fixed_end = len(words) == 1 and self.language.word_anchors(key) == {key}
                entry = _Entry(concept.id, term, suggestion, key, skeleton(key), words, edits,
                               fixed_end)
                for offset, piece in _pieces(entry.skel, entry.edits + 1):
                    word_index = entry.skel.count(" ", 0, offset)
                    pieces.setdefault(piece, []).append((entry, offset, word_index))
        for piece, entries in pieces.items():
            self._automaton.add_word(piece, (len(piece), tuple(entries)))
        self._empty = not pieces
        if pieces:
            self._automaton.make_automaton()

    def find(self, text: str, exact: Sequence[tuple[int, int]] = ()) -> list[Variant]:
        """Near-misses in *text*, not overlapping the spans in *exact* (terms found as such)."""
        if self._empty or not text:
            return []
        norm, offsets = nfc(text)
        key = self.language.fold(norm)
        skel = skeleton(key)
        tokens = self.language.tokenize(norm)
        starts = [t.start for t in tokens]
        seen: set[tuple[int, str, str]] = set()
        found: list[Variant] = []
        for last, (length, entries) in self._automaton.iter(skel):
            hit = last - length + 1
            ti = bisect_right(starts, hit) - 1
            if ti < 0 or tokens[ti].end <= hit:
                continue
            for entry, _, word_index in entries:
                first = ti - word_index
                size = len(entry.words)
                if first < 0 or first + size > len(tokens):
                    continue
                marker = (first, entry.concept, entry.key)
                if marker in seen:
                    continue
                seen.add(marker)
                window = tokens[first:first + size]
                if any(len(norm[a.end:b.start]) > 3 or norm[a.end:b.start].strip(" -‐‑")
                       for a, b in zip(window, window[1:], strict=False)):
                    continue
                start, end = window[0].start, window[-1].end
                if any(s < end and start < e for s, e in _norm_spans(exact, offsets)):
                    continue
                words = [key[t.start:t.end] for t in window]
                kind = self._verify(entry, words)
                if kind is None:
                    continue
                if offsets is not None:
                    start, end = offsets[start], offsets[end]
                found.append(Variant(entry.concept, entry.term, entry.suggestion, start, end,
                                     text[start:end], kind))
        return _best(found)

    def _verify(self, entry: _Entry, words: list[str]) -> str | None:
        """"diacritics" or "spelling" when *words* are a near-miss of the term, else None."""
        if tuple(words) == entry.words:
            return None
        kinds: list[str] = []
        repaired: list[str] = []
        typed: list[str] = []
        total = 0
        for word, term in zip(words, entry.words, strict=True):
            found = _near(word, term, entry.edits and max_edits(len(term)),
                          ending_counts=len(entry.words) == 1, last_letter=not entry.fixed_end)
            if found is None:
                return None
            distance, rest, kind = found
            total += distance
            repaired.append(term + rest)
            typed.append(word[:len(word) - len(rest)])
            if kind:
                kinds.append(kind)
        if not kinds or total > entry.edits:
            return None
        if tuple(repaired) != entry.words and not self.language.match_folded(
                entry.words, tuple(repaired)) and not (
                set(kinds) == {"diacritics"}
                and self.language.match_folded(tuple(typed), tuple(words))):
            # what follows the near-miss is no inflection of the term, nor of the word as typed
            # (a vowel typed without its diacritic takes the other harmony: Xiziyə for Xızıya)
            return None
        return "spelling" if "spelling" in kinds else "diacritics"


def _near(word: str, term: str, edits: int, ending_counts: bool = True,
          last_letter: bool = True) -> tuple[int, str, str] | None:
    """How *word* starts with a near-miss of *term*: (edits, the rest of the word, kind); kind
    is "" for the term itself, "diacritics" or "spelling". None when it does not. Unless
    *ending_counts* (a word inside a phrase, which its neighbours anchor), a difference only at
    the end of the word is not a near-miss."""
    skel = skeleton(term)
    best: tuple[int, int, str, str] | None = None
    for length in range(max(1, len(term) - edits), min(len(word), len(term) + edits) + 1):
        prefix, rest = word[:length], word[length:]
        bare = skeleton(prefix)
        if prefix == term:
            candidate = (0, len(rest), "", rest)
        elif bare == skel:
            candidate = (0, len(rest), "diacritics", rest)
        else:
            distance = Levenshtein.distance(bare, skel, score_cutoff=edits)
            if distance > edits or (ending_counts and _ending_only(bare, skel, last_letter)):
                continue  # too far, or only the ending differs (Armenia / Armenian)
            candidate = (distance, len(rest), "spelling", rest)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return (best[0], best[3], best[2]) if best else None


def _ending_only(a: str, b: str, last_letter: bool = True) -> bool:
    """Whether *a* and *b* differ only at the end: one extends the other (Armenia, Armenian;
    gənc, Gəncə) or, with *last_letter*, only the last letter differs (Шуши, Шуша). Without it
    (a term whose forms all keep its last letter: indeclinable Ханкенди) Ханкенды is a
    misspelling, not another word."""
    return a.startswith(b) or b.startswith(a) or (last_letter and a[:-1] == b[:-1])


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
