"""Spelling primitives of the near-miss finder (:mod:`._variants`), on folded words.

The *diacritic skeleton* (ə→e, ı→i, ş→s …, one character for one, so offsets carry over), the
edit budget a term of some length may be missed by, the pigeonhole pieces of a term, the
deletion variants a symmetric-delete index is keyed by, and :func:`near_miss`: how a word
starts with a near-miss of a term word and what of it is left (the ending).
"""

from __future__ import annotations

import os
import unicodedata

from rapidfuzz.distance import Levenshtein

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
    table = _STRIPPED
    if len(table) < _STRIPPED_KEPT:
        for char in set(out):
            if ord(char) not in table:
                table[ord(char)] = _stripped(char)
        return out.translate(table)
    return "".join(_stripped(c) for c in out)


def _stripped(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if len(decomposed) > 1 else char


_STRIPPED: dict[int, str] = {}  # character -> itself without its diacritic (as met)


_STRIPPED_KEPT = 100_000


def max_edits(length: int) -> int:
    """Edits a term of *length* characters may be missed by and still be recognised."""
    if length < 6:
        return 0  # diacritics only: Şuşa / Susa; one letter off a short name is often a word
    return 1 if length <= 8 else 2


def cut_pieces(text: str, count: int) -> list[tuple[int, str]]:
    size, extra = divmod(len(text), count)
    out, pos = [], 0
    for i in range(count):
        length = size + (1 if i < extra else 0)
        out.append((pos, text[pos:pos + length]))
        pos += length
    return out


def deleted_variants(text: str, depth: int) -> set[str]:
    """*text* with up to *depth* letters deleted, every way."""
    out = {text}
    frontier = {text}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def near_miss(word: str, term: str, edits: int, ending_counts: bool = True,
          last_letter: bool = True, tail: int = 0) -> tuple[int, str, str] | None:
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
            if distance > edits or (ending_counts and ending_only(bare, skel, last_letter)) \
                    or (tail and differs_in_tail(bare, skel, tail)):
                continue  # too far, or only the ending differs (Armenia / Armenian)
            candidate = (distance, len(rest), "spelling", rest)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return (best[0], best[3], best[2]) if best else None


def differs_in_tail(a: str, b: str, tail: int) -> bool:
    """Whether *a* and *b* differ only in the last *tail* letters of *b*: an ending, not a
    misspelling (partlayıb, exploded, beside partlayışı, an explosion)."""
    return len(os.path.commonprefix((a, b))) >= len(b) - tail


def ending_only(a: str, b: str, last_letter: bool = True) -> bool:
    """Whether *a* and *b* differ only at the end: one extends the other (Armenia, Armenian;
    gənc, Gəncə) or, with *last_letter*, only the last letter differs (Шуши, Шуша). Without it
    (a term whose forms all keep its last letter: indeclinable Ханкенди) Ханкенды is a
    misspelling, not another word."""
    return a.startswith(b) or b.startswith(a) or (last_letter and a[:-1] == b[:-1])
