"""Near-misses of termbase terms in a text: misspellings, lost diacritics, transliterations.

:class:`VariantIndex` holds every term of one language, folded. A term of *n* characters may be
missed by at most :func:`max_edits` (n) edits; by the pigeonhole principle one of its
``edits + 1`` pieces then occurs unchanged, so an Aho-Corasick automaton over the pieces of all
terms finds every candidate in one pass over the text, whatever the termbase's size. Pieces are
taken from the *diacritic skeleton* (ə→e, ı→i, ş→s, ö→o …), so Xankendi and Xankəndi share them,
and from each word's stem, the part its inflected forms keep, so an ending the inflection
rebuilt breaks none (врименной стратегии for временная стратегия).
Each candidate window of words is then verified with rapidfuzz's Levenshtein distance.

Words are compared one by one. A word is a near-miss of a term word when a prefix of it is
within the allowed edits of it (or equal to it on the skeleton) and what remains of the word is
an inflection the language accepts on the *correct* term (Xankendinin → Xankəndi + nin →
Xankəndinin), or on the word as typed when only diacritics differ (Xiziyə: i takes front
harmony); where the language's paradigms are closed lists (Russian), a word may also be a
near-miss of a whole form of the term word (Гьянджу of Гянджу, ежегодново of ежегодного).
A difference only at the end of a one-word term is not reported (Armenia /
Armenian, Gəncə / gənc are other words), unless the term never changes its last letter
(indeclinable Ханкенди: Ханкенды is a misspelling), nor is an exact prefix the term matcher
did not accept (Qarabağlı is a derivation, not a typo), nor a word the language's dictionary
knows (серия is not Сирия misspelt). Names (proper nouns, capitalised terms) and phrases may
be misspelt by :func:`max_edits` letters in all, each word by its own share; a common one-word
term only by its diacritics (or one letter from nine letters on), since one letter turns many
common words into others (report / resort). A proper noun's near-miss keeps its capitals: a
lower-case word is not a misspelt name (bütün / Batun, adam / Ağdam).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from ahenk.check.checks._spelling import (
    MIN_LENGTH,
    cut_pieces,
    deleted_variants,
    max_edits,
    near_miss,
    skeleton,
)
from ahenk.lang import Language, Role, language_module
from ahenk.lang.base import nfc
from ahenk.lang.casing import capitalize, lower, upper
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
                if term.lang.language != code or not term.text.strip():
                    continue
                if (term.type or "") in ("abbreviation", "acronym"):
                    continue
                tokens = self.language.tokenize(term.text)
                words = tuple(self.language.fold(t.text) for t in tokens)
                key = " ".join(words)
                if len(key) < MIN_LENGTH:
                    continue
                suggestion = (preferred or term).text if not term.status.allowed else term.text
                # names and phrases may be misspelt; a common word only loses diacritics
                # (or, when long, one letter): report/resort are both words
                named = term.pos == "properNoun" or term.text[:1].isupper() or len(words) > 1
                edits = max_edits(len(key)) if named else int(len(key) >= 9)
                fixed_end = len(words) == 1 and self.language.word_anchors(key) == {key}
                # a name is written with its capital: "bütün" is no misspelling of Batun
                capital = tuple(term.pos == "properNoun" and t.text[:1].isupper()
                                for t in tokens)
                entry = _Entry(concept.id, term, suggestion, key, skeleton(key), words, edits,
                               fixed_end, capital if any(capital) else (),
                               self.language.roles(words), tuple(t.text for t in tokens))
                entries.append(entry)
                for offset, piece, word_index in self._stem_pieces(entry):
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
        self._deletions: dict[str, list[str]] = {}
        for entry in entries:
            if id(entry) not in twins:
                self._trie.add(entry)
        self._stems: dict[str, list[str]] = {}  # anchor's skeleton -> the term words it begins
        for word in dict.fromkeys(w for entry in entries for w in entry.words):
            for variant in deleted_variants(skeleton(word), max_edits(len(word))):
                self._deletions.setdefault(variant, []).append(word)
            for anchor in self.language.word_anchors(word):
                self._stems.setdefault(skeleton(anchor), []).append(word)
                if len(anchor) >= MIN_LENGTH and anchor != word:
                    # a stem misspelt (_near_stem, _near_form: Хабея for Ханбея), by as many
                    # edits as the word allows (the stem of a six-letter name is shorter)
                    for variant in deleted_variants(skeleton(anchor), max_edits(len(word))):
                        self._deletions.setdefault(variant, []).append(word)
        self._near_words: dict[str, frozenset[str]] = {}
        self._starts: dict[str, _Starts] = {}
        self._hot: set[str] = set()  # the words in _starts that start something
        self._verdicts: dict[tuple[int, tuple[str, ...]], str | None] = {}  # (entry, words)
        self._near: dict[tuple[str, str, int, bool, bool], tuple[int, str, str] | None] = {}

    def _stem_pieces(self, entry: _Entry) -> list[tuple[int, str, int]]:
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
                stem = max((a for a in self.language.word_anchors(word) if word.startswith(a)),
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
            # a word inside a term found as such starts nothing: every window from it overlaps
            # a word inside a term found as such starts no variant, unless the term starts
            # there and the variant runs on (mina terreru around mina: mina terroru misspelt)
            covered = _covered(tokens, spans) if spans else None
            near_words = self._near_words
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
                        near = self._near_words_of(words[first + 1])
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
            near = self._near_words.get(words[at])
            if near is None:
                near = self._near_words_of(words[at])
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
        near = self._near_words.get(word)
        if near is None:
            near = self._near_words_of(word)
        children = self._trie.children
        roots = []
        for w in near:
            node = children.get(w)
            if node is None:
                continue
            entries = tuple(e for e in node.entries if self._verdict(e, (word,)) is not None)
            if entries or node.children:
                roots.append((node, entries))
        if len(self._starts) >= _KEPT:
            self._starts.clear()
            self._hot.clear()
        viable = any(entries for _, entries in roots)
        follow = frozenset(w for node, _ in roots for w in node.children)
        self._starts[word] = (viable, follow, tuple(roots))
        if roots:
            self._hot.add(word)
        return self._starts[word]

    def _verdict(self, entry: _Entry, window: tuple[str, ...],
                 anchored: bool = False) -> _Verdict | None:
        """:meth:`_verify`, remembered (bounded)."""
        verdicts = self._verdicts
        memo_key = (id(entry), window, anchored)
        if memo_key in verdicts:
            return verdicts[memo_key]
        if len(verdicts) >= _KEPT:
            verdicts.clear()
        kind = verdicts[memo_key] = self._verify(entry, list(window), anchored)
        return kind

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
        if entry.capital and not _capitals_kept(entry, norm, tokens[first:first + size]):
            return
        # around a term found as such, a word that differs only at its end is another form
        # of the word (mina partlayıb, a mine exploded, is no misspelt mina partlayışı)
        anchored = bool(spans) and any(start <= s and e <= end for s, e in spans)
        verdict = self._verdict(entry, tuple(words[first:first + size]), anchored)
        if verdict is None:
            return
        rank = self._first_hit(entry, first, skel.text, tokens)
        if rank is None:
            return  # no piece of the term stands in its place: the pieces never name it
        corrected = _corrected(entry, verdict[1], norm, tokens[first:first + size])
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
                if entry.capital and not _capitals_kept(entry, norm, window):
                    continue
                anchored = bool(spans) and any(start <= s and e <= end for s, e in spans)
                verdict = self._verify(entry, [key[a:b] for a, b in window], anchored)
                if verdict is None:
                    continue
                corrected = _corrected(entry, verdict[1], norm, window)
                if offsets is not None:
                    start, end = offsets[start], offsets[end]
                found.append(((last, -length, index),
                              Variant(entry.concept, entry.term, entry.suggestion, start, end,
                                      text[start:end], verdict[0], corrected)))

    def _near_words_of(self, word: str) -> frozenset[str]:
        """Term words *word* may be a near-miss (a superset: :func:`near_miss` decides) or an
        inflected form of (what the rest of a misspelt phrase may be: hakimiyyətləri)."""
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
        if len(self._near_words) >= _KEPT:
            self._near_words.clear()
        self._near_words[word] = near
        return near

    def _verify(self, entry: _Entry, words: list[str],
                anchored: bool = False) -> _Verdict | None:
        """("diacritics" or "spelling", how to put each word right) when *words* are a
        near-miss of the term, else None. The repairs (:data:`_Repair`) are None when the
        words repaired are no form of the term (Xiziyə: a vowel typed without its diacritic
        took the other harmony, so Xızıyə would be wrong too)."""
        if tuple(words) == entry.words:
            return None
        single = len(entry.words) == 1
        if single and self.language.is_word(words[0]):
            return None  # a word of the language's dictionary: серия, not Сирия misspelt
        if all(self.language.could_be_form(term, word)
               for word, term in zip(words, entry.words, strict=True)):
            return None  # an inflection the matcher does not take (прав и свобод), no typo
        kinds: list[str] = []
        repaired: list[str] = []
        typed: list[str] = []
        repairs: list[tuple[str, str] | None] = []  # per word: (base, rest); None: as typed
        total = 0
        memo = self._near
        for word, term, role in zip(words, entry.words, entry.roles, strict=True):
            if not single and word != term and self.language.is_form(term, word, role):
                repaired.append(word)  # a right form of its word (hakimiyyətləri: plural and
                typed.append(word)  # izafet of hakimiyyəti), not a prefix of one
                repairs.append(None)
                continue
            if not single and word != term and self.language.is_word(word):
                return None  # another word of the dictionary: экономический, not экологический
            edits = entry.edits and max_edits(len(term))
            memo_key = (word, term, edits, single, entry.fixed_end, anchored)
            if memo_key in memo:
                found = memo[memo_key]
            else:
                if len(memo) >= _KEPT:
                    memo.clear()
                found = memo[memo_key] = near_miss(word, term, edits, ending_counts=single,
                                               last_letter=not entry.fixed_end,
                                               tail=2 if anchored else 0)
            base = term
            repaired_form = found is not None and (
                not found[1] or self.language.is_form(term, term + found[1], role))
            if role is not Role.FIXED and not repaired_form:
                if not single:
                    # an inflection that rebuilds the ending (şöbəsi, plural söbələri
                    # misspelt): the near-miss is of the stem, the stem repaired gives a form
                    stem, by_stem = self._near_stem(word, term, role, edits)
                    if by_stem is not None:
                        base, found, repaired_form = stem, by_stem, True
                if not repaired_form:
                    # a misspelt form whose ending the citation form does not have
                    # (ежегодново: ежегодного, Гьянджу: Гянджу): near a form of a closed
                    # paradigm (Russian)
                    form, by_form = self._near_form(word, term, edits, single, entry.fixed_end)
                    if by_form is not None:
                        base, found = form, by_form
            if found is None:
                return None
            distance, rest, kind = found
            total += distance
            repaired.append(base + rest)
            typed.append(word[:len(word) - len(rest)])
            repairs.append((base, rest) if kind else None)
            if kind:
                kinds.append(kind)
        if not kinds or total > entry.edits:
            return None
        kind = "spelling" if "spelling" in kinds else "diacritics"
        if tuple(repaired) == entry.words or self.language.match_folded(
                entry.words, tuple(repaired)):
            return kind, tuple(repairs)
        if set(kinds) == {"diacritics"} and self.language.match_folded(tuple(typed),
                                                                        tuple(words)):
            # a vowel typed without its diacritic takes the other harmony (Xiziyə for
            # Xızıya): a near-miss, but the term's letters put back give no form of it
            return kind, None
        return None  # what follows the near-miss is no inflection of the term, nor of the typed

    def _near_form(self, word: str, term: str, edits: int, single: bool,
                   fixed_end: bool) -> tuple[str, tuple[int, str, str] | None]:
        """(form, :func:`near_miss` of *word* to it) for the form of term word *term* (from the
        language's closed paradigm, :meth:`Language.forms`) that the whole of *word* is the
        nearest near-miss of; (*term*, None) when none is."""
        best: tuple[str, tuple[int, str, str]] | None = None
        for form in sorted(self.language.forms(term)):
            if form == term:
                continue
            found = near_miss(word, form, edits, ending_counts=single, last_letter=not fixed_end)
            if found is not None and not found[1] and found[2] and (
                    best is None or found[0] < best[1][0]):
                best = (form, found)
        return best if best is not None else (term, None)

    def _near_stem(self, word: str, term: str, role: Role,
                   edits: int) -> tuple[str, tuple[int, str, str] | None]:
        """(stem, :func:`near_miss` of *word* to it) for the first stem of term word *term* (its
        anchors, longest first) that *word* starts with a near-miss of, the stem repaired
        making a form of *term*; (*term*, None) when none does."""
        for stem in sorted(self.language.word_anchors(term), key=len, reverse=True):
            if len(stem) < MIN_LENGTH or stem == term:
                continue
            found = near_miss(word, stem, min(edits, max_edits(len(stem))), ending_counts=False)
            if found is not None and self.language.is_form(term, stem + found[1], role):
                return stem, found
        return term, None


#: How to put each word of a near-miss right: (the term word's base, the typed ending), or
#: None for a word already right; None in all when the repair would be no form of the term.
_Repair = tuple[tuple[str, str] | None, ...] | None
_Verdict = tuple[str, _Repair]  # (kind, repair)
_Roots = tuple[tuple["_Trie", tuple[_Entry, ...]], ...]
_Starts = tuple[bool, frozenset[str], _Roots]
_KEPT = 200_000  # text words (and word/term verdicts) an index remembers


def _corrected(entry: _Entry, repair: _Repair, norm: str,
               window: Sequence[tuple[int, int]]) -> str | None:
    """The near-miss at *window* of *norm* spelt right with its inflection kept (Xankendiyə →
    Xankəndiyə, Гьянджу → Гянджу), the words' case and the gaps between them as typed; None
    when *repair* says no form of the term comes of it."""
    if repair is None:
        return None
    out: list[str] = []
    for i, ((start, end), part) in enumerate(zip(window, repair, strict=True)):
        typed = norm[start:end]
        if i:
            out.append(norm[window[i - 1][1]:start])
        if part is None:
            out.append(typed)
            continue
        base, rest = part
        term_word, written = entry.words[i], entry.written[i]
        # the term's own letters where the base is its word or stem (case and ё as written)
        head = written[:len(base)] if term_word.startswith(base) else base
        word = head + typed[len(typed) - len(rest):]
        proper = bool(entry.capital) and entry.capital[i]
        lang = entry.term.lang.language
        if typed.isupper() and len(typed) > 1:
            word = upper(word, lang)
        elif typed[:1].isupper() and not word[:1].isupper():
            word = capitalize(word, lang)
        elif typed[:1].islower() and word[:1].isupper() and not proper:
            word = lower(word[:1], lang) + word[1:]
        out.append(word)
    return "".join(out)


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


def _capitals_kept(entry: _Entry, norm: str, window: Sequence[tuple[int, int]]) -> bool:
    """Whether the text words in *window* keep the capitals of the name *entry*."""
    return all(norm[a].isupper() for (a, _), capital in zip(window, entry.capital, strict=True)
               if capital)


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
