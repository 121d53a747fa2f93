"""The termbase's side of the near-miss finder (:mod:`._variants`): each term made ready once.

A term becomes an :class:`_Entry`: its folded words and diacritic skeleton, and what its
verdicts (:mod:`._variant_verdict`) need to know of it: its edit budget (a name or a phrase may
be misspelt, a common word mostly only lose diacritics), whether its last letter ever changes,
which of its words keep a name's capital, which may inflect. :func:`stem_pieces` cuts it into
the pigeonhole pieces the finder looks for, and :class:`NearWords` indexes its words by their
deletions, to tell which term words a text word may be a near-miss of. Apart from the finder
because none of this looks at a text: it is built once per language, then only read (and its
answers remembered) while texts are searched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ahenk.check.checks._spelling import (
    MIN_LENGTH,
    cut_pieces,
    deleted_variants,
    max_edits,
    skeleton,
)
from ahenk.lang import Language, Role
from ahenk.termbase.model import Term

KEPT = 200_000  # text words (and word/term verdicts) an index remembers


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
    capital: tuple[bool, ...] = ()  # per word: a name's capital the text word must keep
    roles: tuple[Role, ...] = ()  # per word: may it inflect (the language's roles)
    written: tuple[str, ...] = ()  # per word: as the termbase writes it (case, ё)


def term_entry(concept: str, term: Term, preferred: Term | None,
               language: Language) -> _Entry | None:
    """*term* (of *concept*, whose preferred term in the language is *preferred*) ready for the
    finder; None for a term of another language, an abbreviation, or one too short to have
    near-misses."""
    if term.lang.language != language.code or not term.text.strip():
        return None
    if (term.type or "") in ("abbreviation", "acronym"):
        return None
    tokens = language.tokenize(term.text)
    words = tuple(language.fold(t.text) for t in tokens)
    key = " ".join(words)
    if len(key) < MIN_LENGTH:
        return None
    suggestion = (preferred or term).text if not term.status.allowed else term.text
    # names and phrases may be misspelt; a common word only loses diacritics
    # (or, when long, one letter): report/resort are both words
    named = term.pos == "properNoun" or term.text[:1].isupper() or len(words) > 1
    edits = max_edits(len(key)) if named else int(len(key) >= 9)
    fixed_end = len(words) == 1 and language.word_anchors(key) == {key}
    # a name is written with its capital: "bütün" is no misspelling of Batun
    capital = tuple(term.pos == "properNoun" and t.text[:1].isupper()
                    for t in tokens)
    return _Entry(concept, term, suggestion, key, skeleton(key), words, edits,
                  fixed_end, capital if any(capital) else (),
                  language.roles(words), tuple(t.text for t in tokens))


def stem_pieces(entry: _Entry, language: Language) -> list[tuple[int, str, int]]:
    """(offset in the term's skeleton, piece, word index): the term's ``edits + 1``
    pieces, each inside the part of one word that all its forms share (its stem, the
    common prefix of its anchors), so an inflection that rebuilds an ending breaks none
    ("врименной стратегии": стратеги stands, where the whole-word piece тегия would not).
    Pieces go to the stems in proportion to their lengths; a term whose stems are too
    short to cut keeps pieces of its whole skeleton."""
    count = entry.edits + 1
    stems: list[tuple[int, str]] = []  # (offset of the word in the skeleton, its stem)
    offset = 0
    for word, role in zip(entry.words, entry.roles, strict=True):
        stem = word
        if role is not Role.FIXED:  # the longest of its anchors the word itself starts with
            stem = max((a for a in language.word_anchors(word) if word.startswith(a)),
                       key=len, default=word)
        stems.append((offset, entry.skel[offset:offset + len(stem)]))
        offset += len(word) + 1
    total = sum(len(stem) for _, stem in stems)
    if total < MIN_LENGTH or total < 2 * count:
        return [(offset, piece, entry.skel.count(" ", 0, offset))
                for offset, piece in cut_pieces(entry.skel, count)]
    shares = [count * len(stem) / total for _, stem in stems]
    given = [int(share) for share in shares]
    by_remainder = sorted(range(len(stems)), key=lambda i: given[i] - shares[i])
    for i in by_remainder[:count - sum(given)]:
        given[i] += 1
    out: list[tuple[int, str, int]] = []
    for word_index, ((start, stem), share) in enumerate(zip(stems, given, strict=True)):
        if share:
            out.extend((start + at, piece, word_index) for at, piece in cut_pieces(stem, share))
    return out


class NearWords:
    """The term words a text word may be a near-miss of, by a deletion index of the term
    words' skeletons (two strings within *k* edits share a string that is each with at most
    *k* letters deleted) and of their stems' skeletons. :attr:`known` remembers the answers
    (bounded; cleared in place, never replaced): the finder reads it directly, the cheapest
    lookup in its walk, and asks :meth:`of` only for a word not in it."""

    __slots__ = ("_deletions", "_stems", "known")

    def __init__(self, words: Iterable[str], language: Language) -> None:
        self._deletions: dict[str, list[str]] = {}
        self._stems: dict[str, list[str]] = {}  # anchor's skeleton -> the term words it begins
        for word in dict.fromkeys(words):
            for variant in deleted_variants(skeleton(word), max_edits(len(word))):
                self._deletions.setdefault(variant, []).append(word)
            for anchor in language.word_anchors(word):
                self._stems.setdefault(skeleton(anchor), []).append(word)
                if len(anchor) >= MIN_LENGTH and anchor != word:
                    # a stem misspelt (Verifier._near_stem, _near_form: Хабея for Ханбея), by
                    # as many edits as the word allows (the stem of a six-letter name is shorter)
                    for variant in deleted_variants(skeleton(anchor), max_edits(len(word))):
                        self._deletions.setdefault(variant, []).append(word)
        self.known: dict[str, frozenset[str]] = {}

    def of(self, word: str) -> frozenset[str]:
        """Term words *word* may be a near-miss (a superset: :func:`._spelling.near_miss`
        decides) or an inflected form of (what the rest of a misspelt phrase may be:
        hakimiyyətləri)."""
        skel = skeleton(word)
        deletions, stems = self._deletions, self._stems
        out: set[str] = set()
        for length in range(1, len(skel) + 1):
            depth = 0 if length < 4 else 1 if length < 7 else 2
            for variant in deleted_variants(skel[:length], depth):
                listed = deletions.get(variant)
                if listed:
                    out.update(listed)
            listed = stems.get(skel[:length])
            if listed:
                out.update(listed)
        near = frozenset(out)
        if len(self.known) >= KEPT:
            self.known.clear()
        self.known[word] = near
        return near
