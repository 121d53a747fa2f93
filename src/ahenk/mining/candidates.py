"""Source-term candidates of one language: phrases, names and acronyms, grouped by variant.

No part-of-speech tagger. A *candidate* is a run of up to :data:`MAX_WORDS` words inside one
stretch of text without punctuation (quotation marks alone do not end a stretch, but no
candidate spans them) that neither starts nor ends with a stop word, and whose inner stop
words are only linking words (``of``, ``for the``, ``on``; ``по``, ``о``; ``üzrə``), at most
two in a row; a single word is a candidate only when it is an acronym (NPM, COP29, ECtHR, МВД)
or a name (capitalised in most of its occurrences that do not start a sentence).

Rules of form, each a general fact of the language, not a list of this corpus's phrases:

* Names may open with a capitalised ordinal or number word, a stop word elsewhere (Second
  Karabakh War): :func:`_opens_name`.
* No candidate starts with an English quantifier noun before ``of`` (a number of issues) or
  an evaluative adjective (relevant authorities): :func:`_can_start`,
  :data:`ahenk.mining.words.QUANTIFIERS`, :data:`ahenk.mining.words.EVALUATIVE`.
* English clauses are not terms: a gerund first, a participle before a preposition
  (specialized in), or a third-person verb after a capitalised subject with more words after
  it (Ombudsman issues statement): :func:`_verbal`.
* An English lower-case phrase coordinates only under a shared modifier (human rights and
  freedoms, not rights and freedoms): :func:`_bare_coordination`.
* A single capitalised word that is mostly a piece of longer names (European in European
  Court, Convention in Convention on the Rights of the Child) is no candidate by itself:
  :func:`name_part`.

Variants are grouped under one key: words folded (:meth:`~ahenk.lang.base.Language.fold`),
hyphens ignored (non-governmental = non governmental, peace-building = peacebuilding), and each
word reduced to a stem (English plural and possessive, Azerbaijani suffix chain via
:func:`ahenk.lang.az.stem_candidates`, Russian pymorphy3 lemma). The group is shown by its most
frequent uninflected surface form. Ranking is :mod:`ahenk.mining.termhood`; acronyms are
paired with their expansions by :mod:`ahenk.mining.acronyms`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from ahenk.lang import Token, language_module
from ahenk.mining.words import EVALUATIVE, LINKING, NAME_OPENERS, QUANTIFIERS, is_stop, stem

#: Longest candidate, in words.
MAX_WORDS = 8

_ACRONYM = regex.compile(r"^(?=.*\p{Lu}.*\p{Lu})[\p{Lu}\p{N}][\p{Lu}\p{Ll}\p{N}]*$")
_DIGITS = regex.compile(r"^\p{N}+$")
_PLAIN = frozenset({" ", "-", "'", "’"})


def is_acronym(word: str) -> bool:
    """Two or more capitals and at most as many lower-case letters (NPM, ECtHR, CoE, NGOs)."""
    if not _ACRONYM.match(word):
        return False
    upper = sum(c.isupper() for c in word)
    lower = sum(c.islower() for c in word)
    return lower <= upper and not (lower and word[:1].isupper() and word[1:2].islower()
                                   and upper < 2)


@dataclass
class Occurrence:
    unit: int  # index of the text (unit) it was found in
    start: int
    end: int
    surface: str
    words: tuple[str, ...]  # the surface words, folded
    left: str | None = None  # the word a longer candidate would add on the left (a stem)
    right: str | None = None  # and on the right
    modifies: bool = False  # followed by a lower-case content word (an adjective: Armenian)
    # the content words right next to it (no stop word between), as "<stem" and ">stem"
    beside: tuple[str, ...] = ()
    in_name: bool = False  # a capitalised word next to it, or after it past a preposition


@dataclass
class Candidate:
    """A group of variant spellings of one candidate term."""

    key: tuple[str, ...]
    lang: str
    occurrences: list[Occurrence] = field(default_factory=list)
    score: float = 0.0
    acronym: Candidate | None = None  # the acronym paired with this expansion
    expansion: Candidate | None = None  # the expansion paired with this acronym

    @property
    def frequency(self) -> int:
        return len(self.occurrences)

    @property
    def units(self) -> frozenset[int]:
        return frozenset(o.unit for o in self.occurrences)

    @property
    def variants(self) -> Counter[str]:
        return Counter(o.surface for o in self.occurrences)

    @property
    def is_acronym(self) -> bool:
        return len(self.key) == 1 and all(is_acronym(o.surface) for o in self.occurrences)

    @property
    def text(self) -> str:
        """The form to show: the most frequent surface whose words are uninflected."""
        return canonical_form(self.occurrences, self.lang)

    @property
    def words(self) -> int:
        return len(self.key)


def canonical_form(occurrences: Sequence[Occurrence], lang: str) -> str:
    """The most frequent surface, or a base form of it (the singular, the nominative) when
    that is attested at least a quarter as often; among equals, lower case before capitals
    (sentence starts) and the shorter."""
    counts = Counter(o.surface for o in occurrences)
    language = language_module(lang)
    top = max(counts, key=lambda f: (counts[f], not f[:1].isupper(), -len(f)))
    words = language.words(top)
    bases = [f for f in counts if f != top and counts[f] >= BASE_SHARE * counts[top]
             and language.matches(language.words(f), words)]
    if bases:
        top = max(bases, key=lambda f: (counts[f], not f[:1].isupper(), -len(f)))
    lower = language.fold(top)
    if lower != top and counts.get(lower, 0) >= BASE_SHARE * counts[top] and not is_acronym(
            top.split()[0]):
        return lower  # Human Rights (in names) and human rights (in text): the common noun
    return top


#: How often a base form must be seen, relative to the most frequent form, to be preferred.
BASE_SHARE = 0.25


@dataclass(frozen=True)
class _Word:
    token: Token
    folded: str
    stem: str
    stop: bool
    linking: bool
    quoted: bool = False  # only quotation marks between it and the word before


def runs(text: str, lang: str) -> list[list[_Word]]:
    """The text's words, split where punctuation (anything but a space, hyphen or apostrophe)
    separates two words. Quotation marks alone do not split: a quoted name is still part of
    the phrase around it (the Secretary General of the “Amnesty International”), so a
    candidate's extension is seen through them; the word after them is marked ``quoted`` and
    no candidate spans them."""
    language = language_module(lang)
    out: list[list[_Word]] = []
    current: list[_Word] = []
    previous: Token | None = None
    for token in language.tokenize(text):
        gap = text[previous.end:token.start].strip(" ") if previous is not None else ""
        quoted = bool(gap) and all(c in _QUOTES for c in gap)
        if gap not in ("", "-") and not quoted:
            if current:
                out.append(current)
            current = []
        folded = language.fold(token.text)
        current.append(_Word(token, folded, stem(folded, lang), is_stop(folded, lang),
                             folded in LINKING.get(lang, ()), quoted))
        previous = token
    if current:
        out.append(current)
    return out


_QUOTES = frozenset("\"“”„«»‘’‚‹›")


def _edge_ok(word: _Word) -> bool:
    return not word.stop and not _DIGITS.match(word.folded)


def _inner_ok(words: Sequence[_Word]) -> bool:
    """Inner stop words are linking words, at most two in a row, and a conjunction stands
    alone (rights and freedoms, not Europe and the European Court)."""
    stops: list[_Word] = []
    for word in words[1:-1]:
        if word.stop:
            if not word.linking:
                return False
            stops.append(word)
            if len(stops) > 2 or (len(stops) > 1 and any(w.folded in _CONJUNCTIONS
                                                         for w in stops)):
                return False
        else:
            stops = []
    return True


_CONJUNCTIONS = frozenset({"and", "və", "и"})


def _bare_coordination(words: Sequence[_Word], text: str) -> bool:
    """English, whose modifiers come before the head: a lower-case phrase has a conjunction
    only after a modifier the conjuncts share (human rights and freedoms: human [rights and
    freedoms]); two bare words side by side are two terms listed together (rights and
    freedoms, international and regional). Names coordinate freely (Bosnia and
    Herzegovina)."""
    return (len(words) > 2 and words[1].folded in _CONJUNCTIONS
            and (words[0].token.text[:1].islower() or _initial(text, words[0].token)))


def _verbal(words: Sequence[_Word], text: str) -> bool:
    """English only: a gerund first (ensuring the right) or a participle before a linking
    word (specialized in, committed by) makes a clause, not a term; so does a lower-case
    third-person verb form (-s) right after a capitalised word that does not start the
    sentence, with more words after it: the name is its subject, the rest its object (headlines:
    Ombudsman issues statement, Commissioner asks for release; not Human rights protection)."""
    if words[0].folded.endswith("ing") and words[0].token.text[:1].islower():
        return True
    for word, after in zip(words, words[1:], strict=False):
        if after.linking and word.token.text[:1].islower() and word.folded.endswith(
                ("ed", "ing")) and after.folded != "of":
            return True
    for before, word in zip(words[:-2], words[1:-1], strict=False):
        if (before.token.text[:1].isupper() and not _initial(text, before.token)
                and not before.stop and word.token.text[:1].islower() and not word.stop
                and _third_person(word.folded)):
            return True
    return False


def _third_person(folded: str) -> bool:
    return (len(folded) > 3 and folded.endswith("s") and folded.isalpha()
            and not folded.endswith(("ss", "us", "is")))


_SENTENCE_END = (".", "!", "?", ":", ";")


def _initial(text: str, token: Token) -> bool:
    """Whether *token* starts a sentence (or the text)."""
    before = text[:token.start].rstrip(" \"'“”«»‘’(")
    return not before or before.endswith(_SENTENCE_END)


def _opens_name(run: Sequence[_Word], i: int, lang: str) -> bool:
    """A capitalised ordinal or number word before a capitalised content word: the start of a
    name (Second Karabakh War), though a stop word elsewhere."""
    word = run[i]
    return (word.folded in NAME_OPENERS.get(lang, ()) and word.token.text[:1].isupper()
            and i + 1 < len(run) and _edge_ok(run[i + 1])
            and run[i + 1].token.text[:1].isupper())


def _can_start(run: Sequence[_Word], i: int, lang: str) -> bool:
    """A content word, or a name opener; not a quantifier before ``of`` (a number of), nor an
    evaluative adjective (relevant authorities, authorized state bodies)."""
    word = run[i]
    if (word.folded in QUANTIFIERS.get(lang, ()) and word.token.text[:1].islower()
            and i + 1 < len(run) and run[i + 1].folded == "of"):
        return False
    if word.folded in EVALUATIVE.get(lang, ()):
        return False
    return _edge_ok(word) or _opens_name(run, i, lang)


def _joins(run: Sequence[_Word], k: int, lang: str) -> bool:
    """Whether the word at *k* would make a neighbouring candidate a longer compound: a
    content word that is not evaluative (relevant state bodies leaves state bodies free), or
    a name opener."""
    return 0 <= k < len(run) and (
        (_edge_ok(run[k]) and run[k].folded not in EVALUATIVE.get(lang, ()))
        or _opens_name(run, k, lang))


def _beside(run: Sequence[_Word], i: int, j: int, lang: str) -> tuple[str, ...]:
    """The content words right next to run[i..j] that would make it a longer compound."""
    out = []
    if not run[i].quoted and _joins(run, i - 1, lang):
        out.append("<" + run[i - 1].stem)
    if j + 1 < len(run) and not run[j + 1].quoted and _joins(run, j + 1, lang):
        out.append(">" + run[j + 1].stem)
    return tuple(out)


def _in_name(run: Sequence[_Word], i: int, j: int, text: str, lang: str) -> bool:
    """Whether run[i..j] sits inside a longer name: a capitalised content word next to it (not
    a sentence start: European Court, Hague Convention), or after it past prepositions
    (Convention on the Rights, Commissioner for Human Rights)."""
    for k, boundary in ((i - 1, i), (j + 1, j + 1)):
        if (_joins(run, k, lang) and not run[boundary].quoted
                and run[k].token.text[:1].isupper() and not _initial(text, run[k].token)):
            return True
    k = j + 1
    while k < len(run) and k - j <= 2 and run[k].linking and run[k].folded not in _CONJUNCTIONS:
        k += 1
    return (k > j + 1 and k < len(run) and _edge_ok(run[k])
            and run[k].token.text[:1].isupper())


def _extension(words: Sequence[_Word], right: bool, lang: str) -> str | None:
    """The word a longer candidate would add on this side: the next content word (articles
    skipped; on the left, not an evaluative adjective, which starts no candidate) or, on the
    right, a linking word with a content word after it (Convention on the Rights → of)."""
    for i, word in enumerate(words[:3]):
        if word.folded in _ARTICLES:
            continue
        if not right and word.folded in EVALUATIVE.get(lang, ()):
            return None
        if not word.stop:
            return word.stem
        if not right and word.linking:
            beyond = _extension(words[i + 1:], right, lang)
            return None if beyond is None else f"{beyond} {word.stem}"
        if right and word.linking and _extension(words[i + 1:], right, lang) is not None:
            return word.stem
        return None
    return None


_ARTICLES = frozenset({"the", "a", "an"})


def _key(words: Sequence[_Word], text: str) -> tuple[str, ...]:
    """Stems, with hyphen-joined words (inside a token or between two) made one."""
    out: list[str] = []
    for i, word in enumerate(words):
        part = word.stem.replace("-", "")
        if i and text[words[i - 1].token.end:word.token.start] == "-":
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)


def collect(texts: Iterable[str], lang: str, *, max_words: int = MAX_WORDS
            ) -> dict[tuple[str, ...], Candidate]:
    """Every candidate of *texts* (each text a unit), grouped by key, not yet scored."""
    groups: dict[tuple[str, ...], Candidate] = {}
    capitals: Counter[str] = Counter()  # single words: capitalised, non-initial occurrences
    inner: Counter[str] = Counter()  # single words: non-initial occurrences
    for unit, text in enumerate(texts):
        for run in runs(text, lang):
            for i, first in enumerate(run):
                if not _can_start(run, i, lang):
                    continue
                for j in range(i, min(len(run), i + max_words)):
                    last = run[j]
                    if j > i and last.quoted:
                        break
                    if not _edge_ok(last):
                        if not last.linking and last.stop and j > i:
                            break
                        continue
                    words = run[i:j + 1]
                    if not _inner_ok(words) or (lang == "en" and (
                            _verbal(words, text) or _bare_coordination(words, text))):
                        break
                    start, end = first.token.start, last.token.end
                    key = _key(words, text)
                    follower = run[j + 1] if j + 1 < len(run) else None
                    groups.setdefault(key, Candidate(key, lang)).occurrences.append(
                        Occurrence(unit, start, end, text[start:end],
                                   tuple(w.folded for w in words),
                                   _extension(run[:i][::-1], False, lang),
                                   _extension(run[j + 1:], True, lang),
                                   follower is not None and not follower.stop
                                   and not follower.quoted
                                   and follower.token.text[:1].islower(),
                                   _beside(run, i, j, lang),
                                   i == j and _in_name(run, i, j, text, lang)))
            for word in run:
                if word.token.start > 0 and text[:word.token.start].strip():
                    inner[word.stem] += 1
                    capitals[word.stem] += word.token.text[:1].isupper()
    for key in [k for k, c in groups.items() if len(k) == 1]:
        candidate = groups[key]
        name = inner[key[0]] and capitals[key[0]] >= 0.8 * inner[key[0]]
        if not (candidate.is_acronym or name) or (
                not candidate.is_acronym and name_part(candidate)):
            del groups[key]
    return groups


#: Share of a capitalised word's occurrences inside longer names above which it is only a part.
NAME_PART = 0.5


def name_part(candidate: Candidate) -> bool:
    """Whether a single capitalised word is, in most of its occurrences, a piece of longer
    names (European in European Court and European Network; Convention in Convention on the
    Rights of the Child and Hague Convention) rather than a name by itself."""
    n = candidate.frequency
    return n >= 2 and sum(o.in_name for o in candidate.occurrences) >= NAME_PART * n
