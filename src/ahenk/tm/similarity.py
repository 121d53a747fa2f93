"""How alike two segments are: the TM's normalisation, its 0–100 score and its signature.

Normalisation (:func:`normalise`) turns a segment into a *key* that matching compares:

* NFC, then the language's fold (:meth:`ahenk.lang.Language.fold`): lower case with Turkic
  İ/ı for Azerbaijani, typographic apostrophes and hyphens unified, ё → е for Russian;
  whitespace runs become one space.
* Placeholders (printf ``%s``/``%1$d``/``%(name)s``, ``{0}``/``{name}``/``{{name}}``,
  ``${name}``, inline tags written as text ``<x id="1"/>``) become one mask character, numbers
  (1991, 3 400, 2,5; not digits glued to letters as in COP29) another. Two segments that differ
  only in a number or a placeholder therefore have the same key and are found; the score then
  takes a point off per differing number or placeholder (below), and :func:`number_changes`
  says what changed.

Score (:func:`score`, version :data:`VERSION`): identical texts score 100. Texts with the
same words (differing only in numbers, placeholders, case, punctuation or spacing) start from
100; others from the mean, on the two keys, of a *token* Levenshtein similarity (words and
masks as units, rapidfuzz's ``Levenshtein.normalized_similarity`` over the token lists, as CAT
tools count edited words) and a *character* Levenshtein similarity (so an inflected or
mistyped word costs less than a different word), times 100, rounded down. Then one point off
for each number or placeholder that differs (by multiset), or one for a difference only in
case, punctuation or spacing; and never more than 99. :func:`signature` names all of this,
so a score can be reproduced.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from ahenk.lang import language_module
from ahenk.lang.casing import TURKIC

#: Bump whenever normalisation or scoring changes what a score is; stores record it.
VERSION = "1"
NAME = "ahenk-tm-fuzzy"
NUMBER_MASK = "\ue000"
PLACEHOLDER_MASK = "\ue001"
#: Longest retrieval term: longer words are cut, so inflected forms share a term
#: (ombudsmanın, ombudsmana → "ombuds"; омбудсмена → "омбудс").
TERM_WIDTH = 6

_PLACEHOLDER = regex.compile(
    r"""%(?:\d+\$)?[-+0\#]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[sdiufFeEgGxXoc@]
      | %\([^()\s]+\)[sdifr]
      | %\d+(?![\p{L}\d])
      | \{\{[^{}]*\}\}
      | \{[\p{L}\p{N}_.:-]*\}
      | \$\{[^{}]+\}
      | </?[\p{L}_][^<>]*/?>""",
    regex.VERBOSE,
)
# The hot patterns use the standard library's re (faster than regex here): \w is a letter, a
# digit or "_", so [^\W_] is a letter or a digit (str.isalnum), as unicode61 reads a word.
_NUMBER = re.compile(r"(?<!\w)[-−]?(?:\d{1,3}(?:[\u00a0\u202f ]\d{3}(?!\d))+|\d+(?:[.,]\d+)*)"
                     r"(?![^\W_])")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
#: A word's first TERM_WIDTH letters or digits (the rest of the word is skipped).
_TERM_HEAD = re.compile(rf"([^\W_]{{1,{TERM_WIDTH}}})[^\W_]*")
_NOT_WORD = re.compile(r"[\W_]+")
#: A word or a mask; what the token score counts.
_TOKEN = re.compile(rf"[^\W_]+|[{NUMBER_MASK}{PLACEHOLDER_MASK}]")
#: Words with their spelling kept, for showing what differs.
_SHOWN_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[.,'’\-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class Normalised:
    """A segment's matching key, its retrieval terms and what was masked out of it."""

    key: str
    tokens: tuple[str, ...]
    numbers: tuple[str, ...]
    placeholders: tuple[str, ...]
    bare: str  # the key with masks, spaces and punctuation removed: differs only in those?
    terms: tuple[str, ...]
    folded: str  # the text folded, spaces collapsed, nothing masked


def _mask(text: str) -> tuple[str, list[str], list[str]]:
    placeholders: list[str] = []
    numbers: list[str] = []
    if "%" in text or "{" in text or "$" in text or "<" in text:
        def hide_placeholder(match: regex.Match[str]) -> str:
            placeholders.append(match.group())
            return f" {PLACEHOLDER_MASK} "
        text = _PLACEHOLDER.sub(hide_placeholder, text)

    def hide_number(match: re.Match[str]) -> str:
        numbers.append(match.group().replace("\u00a0", " ").replace("\u202f", " ")
                       .replace("−", "-"))
        return NUMBER_MASK

    if _DIGIT.search(text):
        text = _NUMBER.sub(hide_number, text)
    return text, numbers, placeholders


def _folded(text: str, lang: str) -> str:
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return language_module(lang).fold(text)


def _terms(folded: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_TERM_HEAD.findall(folded)))


def index_terms(text: str, lang: str) -> tuple[str, ...]:
    """Retrieval terms of *text*: its words lower-cased as :func:`ahenk.lang.casing.lower`
    does (Turkic I → ı; İ → i in every language; ё read as е in Russian), letters and digits
    only (any other character, a combining mark too, separates words, as SQLite's unicode61
    tokenizer splits them), cut to :data:`TERM_WIDTH`, in order, once each. Numbers and
    placeholders are not masked here: "2019" and "COP29" are terms. The same terms as
    :attr:`Normalised.terms`, for less work (what an import of a million entries wants)."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if "İ" in text:
            text = text.replace("İ", "i")
        if lang == "ru" and ("ё" in text or "Ё" in text):
            text = text.replace("ё", "е").replace("Ё", "е")
    if lang in TURKIC and "I" in text:  # as casing.lower; *lang* is a primary subtag here
        text = text.replace("I", "ı")
    return tuple(dict.fromkeys(_TERM_HEAD.findall(text.lower())))


@lru_cache(maxsize=65536)
def normalise(text: str, lang: str) -> Normalised:
    """The key of *text* in language *lang* (see the module docstring).

    The text is folded first (folding keeps length and leaves digits alone), then masked, so a
    placeholder is remembered in lower case."""
    folded = _folded(text, lang)
    masked, numbers, placeholders = _mask(folded)
    key = _SPACES.sub(" ", masked).strip()
    tokens = tuple(_TOKEN.findall(key))
    return Normalised(key, tokens, tuple(numbers), tuple(placeholders), _NOT_WORD.sub("", key),
                      _terms(folded), _SPACES.sub(" ", folded).strip())


def _multiset_difference(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    if a == b:
        return 0
    ca, cb = Counter(a), Counter(b)
    return max(sum((ca - cb).values()), sum((cb - ca).values()))


def score_normalised(a_text: str, a: Normalised, b_text: str, b: Normalised,
                     cutoff: int = 0) -> int:
    """:func:`score` for texts already normalised (the store normalises each query once).

    *cutoff*: a score below it may be returned as 0 (it saves computing what is thrown away).
    """
    if a_text == b_text:
        return 100
    if a.key == b.key or a.bare == b.bare:
        base = 100  # the words are the same: only masked items, case or punctuation differ
    else:
        # base >= cutoff needs chars >= 2 * cutoff - 1 (tokens is at most 1)
        floor = max(0.0, 2 * cutoff / 100 - 1)
        chars = Levenshtein.normalized_similarity(a.key, b.key, score_cutoff=floor)
        if chars < floor or not chars:
            return 0
        tokens = Levenshtein.normalized_similarity(a.tokens, b.tokens)
        base = int(100 * (tokens + chars) / 2)
    penalty = (_multiset_difference(a.numbers, b.numbers)
               + _multiset_difference(a.placeholders, b.placeholders))
    if penalty == 0 and a.bare == b.bare:
        penalty = 1  # only case, punctuation or spacing differ
    return max(0, min(99, base - penalty))


def score(a: str, b: str, lang: str) -> int:
    """Similarity of two segments in *lang*, 0–100 (100 only for identical text)."""
    return score_normalised(a, normalise(a, lang), b, normalise(b, lang))


def signature() -> str:
    """Name, version and parameters of the score, sacrebleu-style."""
    import rapidfuzz

    return (f"{NAME}|v:{VERSION}|score:mean(token-lev,char-lev)|case:lang-fold|"
            f"mask:number,placeholder|penalty:1/number,1/placeholder,1/case-punct|"
            f"terms:{TERM_WIDTH}|rapidfuzz:{rapidfuzz.__version__}")


# -- what differs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One piece of a word diff: ``op`` is ``equal``, ``delete`` (in the memory's source only),
    ``insert`` (in the query only) or ``replace`` (``old`` in the memory, ``new`` in the query).
    ``old`` and ``new`` keep their text's spacing; ``space``: whether a space comes before the
    piece (in the memory's source; for an insert, in the query), so "War," stays "War,"."""

    op: str
    old: str = ""
    new: str = ""
    space: bool = True


def _shown_tokens(text: str) -> tuple[list[str], list[bool]]:
    """Words and punctuation runs of *text*, and whether a space comes before each."""
    tokens, spaced, end = [], [], 0
    for match in _SHOWN_TOKEN.finditer(text):
        tokens.append(match.group())
        spaced.append(match.start() > end)  # only spaces lie between two tokens
        end = match.end()
    return tokens, spaced


def _joined(tokens: list[str], spaced: list[bool], start: int, stop: int) -> str:
    return "".join((" " if spaced[k] and k > start else "") + tokens[k]
                   for k in range(start, stop))


def word_diff(query: str, source: str, lang: str) -> tuple[Change, ...]:
    """The words of a memory's *source* set against the *query*, folded for comparison."""
    fold = language_module(lang).fold
    q, q_spaced = _shown_tokens(query)
    s, s_spaced = _shown_tokens(source)
    matcher = SequenceMatcher(None, [fold(t) for t in s], [fold(t) for t in q], autojunk=False)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old = _joined(s, s_spaced, i1, i2)
        new = _joined(q, q_spaced, j1, j2) if op != "equal" else ""
        space = q_spaced[j1] if op == "insert" else s_spaced[i1]
        out.append(Change(op, old, new, space))
    return tuple(out)


def number_changes(query: Normalised, source: Normalised) -> tuple[tuple[str, str], ...]:
    """Numbers that differ, paired in order of appearance: (in the memory, in the query)."""
    if query.numbers == source.numbers:
        return ()
    old = [n for n in source.numbers]
    new = [n for n in query.numbers]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    pairs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a, b = old[i1:i2], new[j1:j2]
        for k in range(max(len(a), len(b))):
            pairs.append((a[k] if k < len(a) else "", b[k] if k < len(b) else ""))
    return tuple(pairs)
