"""The interface every language module implements, and the fallback for languages without one.

A :class:`Language` answers three questions the term matcher, the checks and the aligner ask:

* ``fold(text)``: a comparison key *of the same length* as the text (so offsets found in the key
  are offsets in the text): language-aware lower case (Turkic İ/ı), typographic apostrophes and
  hyphens unified, and for Russian ё folded to е.
* ``tokenize(text)``: words with their offsets. A suffix joined by an apostrophe or hyphen
  (``BMT-nin``, ``Ombudsman's``) stays part of its word.
* ``matches(term_words, text_words)``: whether the text words are the term words, inflected as
  the language allows. Which words of a multiword term may inflect is the language's decision
  (:meth:`Language.roles`); every other word must be equal after folding.

The base class is the fallback: exact, case-folded matching with no inflection.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

import regex

from ahenk.lang.casing import capitalize, lower, upper

# Apostrophes and hyphens as typed by translators and word processors, all mapped to one each.
APOSTROPHES = "'’ʼ‘`´"
HYPHENS = "-‐‑"
_PUNCT = str.maketrans({**{c: "'" for c in APOSTROPHES}, **{c: "-" for c in HYPHENS},
                        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\n": " ",
                        "\r": " ", "\u0130": "i"})

_PUNCT_PAIRS = tuple((chr(k), v) for k, v in _PUNCT.items() if chr(k) != v)
_PLAIN_GAPS = frozenset({" ", "-", "'", "/"})
_LETTER = r"\p{L}\p{M}\p{N}"
_JOINER = "[" + "".join("\\" + c for c in APOSTROPHES + HYPHENS) + "]"
#: A word; an apostrophe or hyphen joins when a lower-case letter or a digit follows it, so
#: "BMT-nin" and "Ombudsman's" are one word and "Azərbaycan-Ermənistan" two.
WORD_JOINED_LOWER = regex.compile(
    rf"[{_LETTER}]+(?:{_JOINER}(?=[\p{{Ll}}\p{{N}}])[{_LETTER}]+)*")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: its characters and where they are (``text[start:end]``)."""

    text: str
    start: int
    end: int


class Role(StrEnum):
    """What a word of a multiword term may do in running text."""

    INFLECTS = "inflects"  # any inflected form of the word
    FIXED = "fixed"  # the word exactly as the term has it (after folding)
    NUMBER = "number"  # keeps its case, may change number (семья шехида → семей шехидов)
    #: inflects, but not into a form a word of the other gender shares: a surname alone
    #: (Алиев) is not matched by Алиева, which is also the feminine surname
    OWN_GENDER = "own-gender"


def _capitals(text: str) -> bool:
    """Whether *text* is written in capitals (two letters or more, none lower case)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and not any(c.islower() for c in letters)


class Language:
    """Fallback language knowledge: case-folded exact matching, no inflection.

    Subclasses set :attr:`code` and fill the small hooks :meth:`_inflected`, :meth:`roles`,
    :meth:`_anchors_of`; the public methods validate and fold, the hooks see folded words only.
    """

    code: ClassVar[str] = ""
    #: The regex that finds a word at a position (``match(text, pos)``) or in a text.
    word_pattern: ClassVar[regex.Pattern[str]] = WORD_JOINED_LOWER

    def __init__(self, code: str | None = None) -> None:
        if code is not None:
            self.code = code  # type: ignore[misc]  # an instance of the fallback names its language

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r})"

    # -- public API ------------------------------------------------------------------------------

    def fold(self, text: str) -> str:
        """Comparison key of ``len(text)`` characters (NFC input assumed; see :func:`nfc`)."""
        return _fold(text, self.code)

    def tokenize(self, text: str) -> list[Token]:
        return [Token(m.group(), m.start(), m.end()) for m in self.word_pattern.finditer(text)]

    def words(self, text: str) -> tuple[str, ...]:
        """The folded words of *text* (a term), as :meth:`matches` wants them."""
        return tuple(self.fold(t.text) for t in self.tokenize(text))

    def matches(self, term_words: Sequence[str], text_words: Sequence[str]) -> bool:
        """Whether *text_words* are *term_words*, each word inflected as the language allows."""
        if len(term_words) != len(text_words) or not term_words:
            return False
        return self.match_folded(tuple(self.fold(w) for w in term_words),
                                 tuple(self.fold(w) for w in text_words))

    def word_matches(self, term_word: str, surface: str) -> bool:
        """Whether one text word is an inflected form of one (single-word) term."""
        return self.matches((term_word,), (surface,))

    def match_folded(self, term_words: tuple[str, ...], text_words: Sequence[str]) -> bool:
        """:meth:`matches` for words already folded."""
        roles = self.roles(term_words)
        for word, surface, role in zip(term_words, text_words, roles, strict=True):
            if not self.is_form(word, surface, role):
                return False
        return True

    def is_form(self, word: str, surface: str, role: Role = Role.INFLECTS) -> bool:
        """Whether folded *surface* is folded *word* or a form of it its *role* allows (any
        inflected form; the same case in another number; none); :meth:`roles` says which."""
        if word == surface:
            return True
        if role is Role.INFLECTS:
            return self._inflected(word, surface)
        if role is Role.OWN_GENDER:
            return self._own_gender_form(word, surface)
        return role is Role.NUMBER and self._number_form(word, surface)

    def _own_gender_form(self, word: str, surface: str) -> bool:
        """:meth:`is_form` for :attr:`Role.OWN_GENDER`. The fallback: any inflected form."""
        return self._inflected(word, surface)

    #: Folded abbreviations of units that stand after a number and spell a form of a word too
    #: (Russian 2 мин: minutes, not the genitive plural of мина): no term there.
    unit_abbreviations: ClassVar[frozenset[str]] = frozenset()

    #: Words of a term a translation may leave out: English articles (family of a martyr,
    #: families of martyrs). Looser evidence for term-missing only, never a match.
    optional_words: ClassVar[frozenset[str]] = frozenset()

    def is_loose_form(self, word: str, surface: str, role: Role = Role.INFLECTS) -> bool:
        """:meth:`is_form` as term-missing's looser evidence takes it (:mod:`ahenk.termbase.loose`):
        also what the language's syntax makes of a word inside a term (an English possessive:
        the Non-Aligned Movement's Contact Group). The fallback: :meth:`is_form`."""
        return self.is_form(word, surface, role)

    def inflected_like(self, term: str, like: str, surface: str) -> str | None:
        """*term* (as the termbase writes it) in the form *surface* gives term *like*: what a
        fixer puts in place of a rejected term (Омбудсмен for «омбудсманом» of омбудсман:
        Омбудсменом; Ombudsman Institution for "Ombudsman Institute's": Ombudsman
        Institution's; Xankəndi for Stepanakertə: Xankəndiyə). None when the language cannot
        say. All capitals in *surface* give all capitals."""
        like_words, tokens = self.words(like), self.tokenize(surface)
        if not like_words or len(tokens) != len(like_words):
            return None
        written = self.tokenize(term)
        if not written:
            return None
        if tuple(self.fold(t.text) for t in tokens) == like_words:
            result = term  # uninflected
        else:
            forms = self._inflected_like(tuple(t.text for t in written), like_words,
                                         tuple(t.text for t in tokens))
            if forms is None:
                return None
            pieces, at = [], 0
            for token, form in zip(written, forms, strict=True):
                pieces.extend((term[at:token.start], form))
                at = token.end
            result = "".join(pieces) + term[at:]
        if _capitals(surface) and not _capitals(like):
            result = upper(result, self.code)
        elif surface[:1].isupper() and result[:1].islower():
            result = capitalize(result, self.code)  # a sentence's first word
        return result

    def _inflected_like(self, written: tuple[str, ...], like_words: tuple[str, ...],
                        surface: tuple[str, ...]) -> tuple[str, ...] | None:
        """The words of a term (*written*) inflected as the text's words *surface* inflect
        the folded words *like_words* of another; None when the language cannot say. The
        fallback: none."""
        return None

    def is_substantivised(self, term_words: tuple[str, ...]) -> bool:
        """Whether a (folded) term is an adjective or participle used as a noun, naming people
        without a noun for them (Russian пропавшие без вести, задержанный): its translation
        may name them with another noun (4,000 Azerbaijanis missing). The fallback: no."""
        return False

    def rephrasings(self, term_words: tuple[str, ...]
                    ) -> tuple[tuple[tuple[str, ...], tuple[Role, ...]], ...]:
        """Other word orders the language's syntax gives a (folded) term, each with the roles
        of its words: English "human rights violation" as "violation of human rights". Looser
        evidence for term-missing only, never a match. The fallback: none."""
        return ()

    def anchors(self, term_words: tuple[str, ...],
                term_gaps: tuple[str, ...] = ()) -> frozenset[str]:
        """Folded prefixes, one of which every matching text starts with (what an index seeks).

        The fixed words before the first inflecting one are part of the anchor, joined by their
        gaps (*term_gaps*, single spaces by default), so "milli preventiv mexanizm" is sought as
        "milli preventiv mexanizm" and not as every "milli".
        """
        roles = self.roles(term_words)
        prefix = ""
        for i, (word, role) in enumerate(zip(term_words, roles, strict=True)):
            if role is not Role.FIXED:
                found = frozenset(prefix + a for a in self._anchors_of(word) if a)
                return found or frozenset({prefix + word})
            prefix += word
            gap = term_gaps[i] if i < len(term_gaps) else " "
            if i + 1 == len(term_words) or gap not in _PLAIN_GAPS:
                break
            prefix += gap
        return frozenset({prefix})

    def word_anchors(self, word: str) -> frozenset[str]:
        """Prefixes, one of which folded *word* and each of its inflected forms starts with."""
        return self._anchors_of(word)

    def roles(self, term_words: tuple[str, ...]) -> tuple[Role, ...]:
        """Which words of a (folded) term inflect. The fallback: none."""
        return (Role.FIXED,) * len(term_words)

    def is_verb_at(self, text: str, start: int) -> bool:
        """Whether the word at *start* of *text* is used as a verb by its context (English
        "we appeal to you"), so a noun term there is not meant. The fallback: no."""
        return False

    def could_be_form(self, word: str, surface: str) -> bool:
        """Whether folded *surface* may be an inflected form of folded *word* by any analysis,
        guesses included (so not a misspelling of it), though the matcher, stricter, may not
        take it in a term. The fallback: :meth:`is_form`."""
        return self.is_form(word, surface)

    def is_relational(self, term_words: tuple[str, ...], surface: str,
                      proper: bool = False) -> bool:
        """Whether folded *surface* is a word derived from the folded term that stands for it
        as a modifier: a Russian relational adjective (мина → минная угроза, Армения →
        армянская оккупация), an Azerbaijani -çı/-çılıq noun (işğal → işğalçılıq siyasəti),
        and for a place name (*proper*) the word for its people (azərbaycanlı, Armenian).
        Evidence for term-missing only, never a match of the term. The fallback: none."""
        return False

    def forms(self, word: str) -> frozenset[str]:
        """Every form of folded *word* where the language's paradigms are closed lists
        (Russian); empty where they are not: Azerbaijani suffix chains are open, and an
        inflected form keeps the word whole as its prefix (Ombudsmanın, ombudsman's), which
        a near-miss of the word itself already covers."""
        return frozenset()

    def is_word(self, word: str) -> bool:
        """Whether the language's dictionary knows folded *word* as a word of its own (серия is
        not a misspelling of Сирия); False for a language without a dictionary."""
        return False

    # -- hooks -----------------------------------------------------------------------------------

    def _inflected(self, word: str, surface: str) -> bool:
        """Whether folded *surface* is an inflected form of folded *word* (they differ)."""
        return False

    def _number_form(self, word: str, surface: str) -> bool:
        """Whether folded *surface* is folded *word* in the same case, another number."""
        return False

    def _anchors_of(self, word: str) -> frozenset[str]:
        """Prefixes, one of which every inflected form of folded *word* starts with."""
        return frozenset({word})


def _fold(text: str, lang: str) -> str:
    for char, replacement in _PUNCT_PAIRS:  # faster than str.translate for mostly-clean text
        if char in text:
            text = text.replace(char, replacement)
    if lang == "ru":
        text = text.replace("ё", "е").replace("Ё", "Е")
    folded = lower(text, lang)
    if len(folded) != len(text):  # a character whose lower case is longer: keep it as it is
        folded = "".join(low if len(low := lower(c, lang)) == 1 else c for c in text)
    return folded


def nfc(text: str) -> tuple[str, list[int] | None]:
    """*text* in NFC and, when that changed it, the original offset of every character.

    ``offsets[i]`` is where character *i* of the result came from; ``offsets[len(result)]`` is
    ``len(text)``. ``None`` means the text was already NFC and offsets are the identity.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        for char in unicodedata.normalize("NFC", text[i:j]):
            out.append(char)
            offsets.append(i)
        i = j
    offsets.append(len(text))
    return "".join(out), offsets


def prefix_anchors(forms: Iterable[str], width: int = 3) -> frozenset[str]:
    """Anchors for a set of word forms: forms grouped by their first *width* letters, the
    common prefix of each group. A fleeting vowel or a suppletive form gives a second anchor
    rather than a one- or two-letter one (person/people, день/дня, человек/люди)."""
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[:width], []).append(form)
    return frozenset(common_prefix(group) for group in groups.values())


def common_prefix(words: Sequence[str]) -> str:
    if not words:
        return ""
    low, high = min(words), max(words)
    n = 0
    while n < len(low) and low[n] == high[n]:
        n += 1
    return low[:n]


_WHITESPACE = regex.compile(r"\s+")


def gap_text(between: str) -> str:
    """What separates two words, folded: whitespace runs become one space (" ", "-", " - ")."""
    return _WHITESPACE.sub(" ", between).translate(_PUNCT)


def collapse_spaces(text: str, key: str,
                    offsets: list[int] | None) -> tuple[str, str, list[int] | None]:
    """*text* and its fold *key* with runs of whitespace made one space, and the offset map.

    The key of a segment keeps its length so offsets carry over; only text with doubled
    whitespace pays for this (``offsets`` then maps each kept character back, as :func:`nfc`).
    """
    if "  " not in key:
        return text, key, offsets
    keep = [i for i in range(len(key)) if key[i] != " " or i == 0 or key[i - 1] != " "]
    base = offsets if offsets is not None else list(range(len(text) + 1))
    return ("".join(text[i] for i in keep), "".join(key[i] for i in keep),
            [base[i] for i in keep] + [base[len(text)]])
