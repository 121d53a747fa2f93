"""Whether a window of text words is a near-miss of a term, and how it is put right.

The near-miss finder (:mod:`._variants`) proposes windows of words; this decides them, with what
the language knows (its forms, its paradigms, its dictionary), so the rules of a near-miss read
in one place, apart from the search's shortcuts. Words are compared one by one. A word is a
near-miss of a term word when a prefix of it is within the allowed edits of it (or equal to it
on the skeleton) and what remains of the word is an inflection the language accepts on the
*correct* term (Xankendinin → Xankəndi + nin → Xankəndinin), or on the word as typed when only
diacritics differ (Xiziyə: i takes front harmony); where the language's paradigms are closed
lists (Russian), a word may also be a near-miss of a whole form of the term word (Гьянджу of
Гянджу, ежегодново of ежегодного). A difference only at the end of a one-word term is not
reported (Armenia / Armenian, Gəncə / gənc are other words), unless the term never changes its
last letter (indeclinable Ханкенди: Ханкенды is a misspelling), nor is an exact prefix the term
matcher did not accept (Qarabağlı is a derivation, not a typo), nor a word the language's
dictionary knows (серия is not Сирия misspelt). Names (proper nouns, capitalised terms) and
phrases may be misspelt by :func:`max_edits` letters in all, each word by its own share; a
common one-word term only by its diacritics (or one letter from nine letters on), since one
letter turns many common words into others (report / resort). A proper noun's near-miss keeps
its capitals: a lower-case word is not a misspelt name (bütün / Batun, adam / Ağdam).

A verdict says how each word is put right (:data:`Repair`), and :func:`spelt_right` spells the
window right from it, its inflection kept (Xankendiyə → Xankəndiyə).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ahenk.check.checks._spelling import MIN_LENGTH, max_edits, near_miss
from ahenk.check.checks._variant_terms import KEPT
from ahenk.lang import Language, Role
from ahenk.lang.casing import capitalize, lower, upper

if TYPE_CHECKING:
    from ahenk.check.checks._variant_terms import _Entry

#: How to put each word of a near-miss right: (the term word's base, the typed ending), or
#: None for a word already right; None in all when the repair would be no form of the term.
Repair = tuple[tuple[str, str] | None, ...] | None
Verdict = tuple[str, Repair]  # (kind, repair)


class Verifier:
    """One language's verdicts on windows of folded words against terms, remembered (bounded):
    a text's words recur, and the finder asks about the same window and term again and again."""

    __slots__ = ("_near", "_verdicts", "language")

    def __init__(self, language: Language) -> None:
        self.language = language
        self._verdicts: dict[tuple[int, tuple[str, ...], bool], Verdict | None] = {}
        # (word, term word, edits, single, fixed end, anchored) -> near_miss
        self._near: dict[tuple[str, str, int, bool, bool, bool], tuple[int, str, str] | None] = {}

    def verdict(self, entry: _Entry, window: tuple[str, ...],
                anchored: bool = False) -> Verdict | None:
        """:meth:`verify`, remembered (bounded)."""
        verdicts = self._verdicts
        memo_key = (id(entry), window, anchored)
        if memo_key in verdicts:
            return verdicts[memo_key]
        if len(verdicts) >= KEPT:
            verdicts.clear()
        kind = verdicts[memo_key] = self.verify(entry, list(window), anchored)
        return kind

    def verify(self, entry: _Entry, words: list[str],
                anchored: bool = False) -> Verdict | None:
        """("diacritics" or "spelling", how to put each word right) when *words* are a
        near-miss of the term, else None. The repairs (:data:`Repair`) are None when the
        words repaired are no form of the term (Xiziyə: a vowel typed without its diacritic
        took the other harmony, so Xızıyə would be wrong too). With *anchored* (the window holds
        a term found as such), a word that differs only at its end is another form of it."""
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
                if len(memo) >= KEPT:
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


def capitals_kept(entry: _Entry, norm: str, window: Sequence[tuple[int, int]]) -> bool:
    """Whether the text words in *window* keep the capitals of the name *entry*."""
    return all(norm[a].isupper() for (a, _), capital in zip(window, entry.capital, strict=True)
               if capital)


def spelt_right(entry: _Entry, repair: Repair, norm: str,
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
