"""Azerbaijani (Latin script): recognise a known stem followed by a chain of inflectional suffixes.

Not a morphological analyser: the question is always "is *word* the term *stem*, inflected?",
and precision matters more than recall. :func:`is_inflection` strips the stem (allowing the
alternations below) and parses the rest with a small grammar of suffix slots:

    stem [plural] [possessive] [case | instrumental | equative] [-ki [plural] [case]] [predicative]

* Harmony: two-way (A = a/ə) and four-way (I = ı/i/u/ü), each suffix from the last vowel before
  it. Azerbaijani harmony is regular on the written last vowel, loanwords included
  (Ombudsman → Ombudsmanın, saat → saatı); exceptions go in :data:`HARMONY_EXCEPTIONS`.
* Buffers after a vowel: y (Gəncəyə, Gəncəylə), n (Gəncənin, Gəncəni), s (Gəncəsi); n after the
  3rd-person possessive and after -ki (ərazisində, Bakıdakına).
* Final q → ğ and k → y before a vowel (bucaq → bucağa, bölmək → bölməyə); the unchanged form is
  accepted too, as monosyllables and many loans keep it (kök → kökə, hüquq → hüququ).
* Vowel loss before a vowel in a closed list (fikir → fikri, oğul → oğlu): :data:`SYNCOPE`.
* A term ending in the possessive of an izafet compound (dövlət orqanı, Nazirlər Kabineti) takes
  n before a case (orqanının, Kabinetinə), and its plural puts the possessive after the plural:
  dövlət orqanları, milli insan hüquqları təsisatlarının (:func:`is_plural_of_possessed`).
* After an apostrophe or hyphen (names, abbreviations, numbers: Amnesty International-ın,
  BMT-nin, COP29-da, 1991-ci) harmony follows pronunciation, which spelling cannot tell
  (Human Rights Watch-un, BMT-nin): any harmonic variant is accepted, except after digits, whose
  spoken form is known (29-cu, 30-dan, 200-dən, 36-sı).

Derivational suffixes make new words and are *not* inflections: Qarabağlı (a Karabakh native),
insanlıq, hüquqşünas, İranlı do not match Qarabağ, insan, hüquq, İran. Nor do look-alikes
(Bakıxanov is not Bakı).
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

import regex

from ahenk.lang.base import Language, Role

BACK = frozenset("aıou")
FRONT = frozenset("eəiöü")
VOWELS = BACK | FRONT
SEPARATORS = "'-"

_FOUR_WAY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü",
             "ü": "ü"}
_ALTERNATION = {"q": "ğ", "k": "y"}

#: Stems that lose their last vowel before a vowel-initial suffix (fikir + i → fikri).
SYNCOPE = {
    "ağız": "ağz", "ağıl": "ağl", "alın": "aln", "beyin": "beyn", "boyun": "boyn",
    "burun": "burn", "ətir": "ətr", "fikir": "fikr", "isim": "ism", "könül": "könl",
    "nəsil": "nəsl", "oğul": "oğl", "ömür": "ömr", "qəbir": "qəbr", "səbir": "səbr",
    "sinif": "sinf", "şəkil": "şəkl", "zehin": "zehn",
}
#: Stems whose suffixes follow another vowel than their written last one (folded stem → vowel).
HARMONY_EXCEPTIONS: dict[str, str] = {}

# Spoken Azerbaijani number words: digits → (last vowel, ends in a vowel).
_UNITS = {0: "sıfır", 1: "bir", 2: "iki", 3: "üç", 4: "dörd", 5: "beş", 6: "altı", 7: "yeddi",
          8: "səkkiz", 9: "doqquz"}
_TENS = {1: "on", 2: "iyirmi", 3: "otuz", 4: "qırx", 5: "əlli", 6: "altmış", 7: "yetmiş",
         8: "səksən", 9: "doxsan"}

# Suffix slots: name -> (after a consonant, after a vowel, after 3rd-person possessive or -ki).
# A = a/ə, I = ı/i/u/ü, K = ı/i (the -ki particle: Bakıdakı, Gəncədəki).
_SUFFIXES = {
    "PL": ("lAr", "lAr", "lAr"),
    "P1S": ("Im", "m", "m"),
    "P2S": ("In", "n", "n"),
    "P3": ("I", "sI", "sI"),
    "P1P": ("ImIz", "mIz", "mIz"),
    "P2P": ("InIz", "nIz", "nIz"),
    "GEN": ("In", "nIn", "nIn"),
    "DAT": ("A", "yA", "nA"),
    "ACC": ("I", "nI", "nI"),
    "LOC": ("dA", "dA", "ndA"),
    "ABL": ("dAn", "dAn", "ndAn"),
    "INS": ("lA", "ylA", "ylA"),
    "EQU": ("cA", "cA", "ncA"),
    "KI": ("kK", "kK", "kK"),
    "PRED": ("dIr", "dIr", "dIr"),
}
_CASES = ("GEN", "DAT", "ACC", "LOC", "ABL")
_POSSESSIVES = ("P1S", "P2S", "P3", "P1P", "P2P")
# Which slot may follow which (the state is the last slot filled).
_NEXT = {
    "STEM": ("PL", *_POSSESSIVES, *_CASES, "INS", "EQU", "PRED"),
    "PL": (*_POSSESSIVES, *_CASES, "INS", "EQU", "PRED"),
    "P1S": (*_CASES, "INS", "EQU", "PRED"),
    "P2S": (*_CASES, "INS", "EQU", "PRED"),
    "P3": (*_CASES, "INS", "EQU", "PRED"),
    "P1P": (*_CASES, "INS", "PRED"),
    "P2P": (*_CASES, "INS", "PRED"),
    "GEN": ("KI", "PRED"),
    "LOC": ("KI", "PRED"),
    "ABL": ("PRED",),
    "KI": ("PL2", *_CASES, "INS", "PRED"),
    "PL2": (*_CASES, "INS", "PRED"),
    "PRED": ("PL3",),
    "ORD": (*_CASES, "PRED"),
}
# Slots after which a case takes the n-buffer (otağına, Bakıdakına).
_N_BUFFER = frozenset({"P3", "KI"})


def last_vowel(text: str) -> str | None:
    for char in reversed(text):
        if char in VOWELS:
            return char
    return None


def _spoken_number(digits: str) -> str:
    """The last word of a number as spoken (2024 → "dörd", 30 → "otuz", 200 → "yüz")."""
    n = int(digits)
    if n == 0:
        return _UNITS[0]
    if n % 1000:
        last = n % 1000
        if last % 10:
            return _UNITS[last % 10]
        if last % 100:
            return _TENS[(last % 100) // 10]
        return "yüz"
    for word, scale in (("min", 10**3), ("milyon", 10**6), ("milyard", 10**9)):
        if (n // scale) % 1000:
            return word
    return "milyard"


def _harmonise(template: str, vowel: str | None) -> list[str]:
    """Concrete forms of a suffix template; *vowel* None means any harmonic variant."""
    forms = [("", vowel)]
    for char in template:
        grown = []
        for text, last in forms:
            if char == "A":
                options = ["a", "ə"] if last is None else ["a" if last in BACK else "ə"]
            elif char == "I":
                options = ["ı", "i", "u", "ü"] if last is None else [_FOUR_WAY[last]]
            elif char == "K":
                options = ["ı", "i"] if last is None else ["ı" if last in BACK else "i"]
            else:
                options = [char]
            for option in options:
                grown.append((text + option, option if option in VOWELS else last))
        forms = grown
    return [text for text, _ in forms]


def _forms(slot: str, state: str, vowel: str | None, after_vowel: bool | None) -> list[str]:
    templates = _SUFFIXES["PL" if slot in ("PL2", "PL3") else slot]
    if state in _N_BUFFER:
        chosen = {templates[2]}
    elif after_vowel is None:
        chosen = {templates[0], templates[1]}
    else:
        chosen = {templates[1] if after_vowel else templates[0]}
    return [form for template in chosen for form in _harmonise(template, vowel)]


def _chain(rest: str, state: str, vowel: str | None, after_vowel: bool | None) -> bool:
    if not rest:
        return True
    for slot in _NEXT.get(state, ()):
        for form in _forms(slot, state, vowel, after_vowel):
            if rest.startswith(form) and _chain(rest[len(form):], slot,
                                                last_vowel(form) or vowel, form[-1] in VOWELS):
                return True
    return False


def is_suffix_chain(rest: str, stem: str, *, separated: bool = False) -> bool:
    """Whether folded *rest* is a valid suffix chain after folded *stem*.

    *separated*: the chain follows an apostrophe or hyphen, so harmony is free (unless the stem
    ends in digits, whose spoken form decides).
    """
    if separated:
        digits = len(stem) - len(stem.rstrip("0123456789"))
        if digits:
            spoken = _spoken_number(stem[-digits:])
            return (_chain(rest, "STEM", last_vowel(spoken), spoken[-1] in VOWELS)
                    or _chain_ordinal(rest, spoken))
        return _chain(rest, "STEM", None, None)
    vowel = HARMONY_EXCEPTIONS.get(stem) or last_vowel(stem)
    return _chain(rest, "STEM", vowel, stem[-1:] in VOWELS if vowel else None)


def _chain_ordinal(rest: str, spoken: str) -> bool:
    """After digits the ordinal is written -cı/-ci/-cu/-cü (1991-ci, 29-cu, 2024-cü)."""
    vowel = last_vowel(spoken)
    for form in _harmonise("cI", vowel):
        if rest.startswith(form) and _chain(rest[len(form):], "ORD", _FOUR_WAY[vowel],
                                            True):
            return True
    return False


@lru_cache(maxsize=262144)
def is_inflection(stem: str, word: str) -> bool:
    """Whether folded *word* is folded *stem* itself or the stem plus inflectional suffixes.

    >>> is_inflection("ombudsman", "ombudsmanın"), is_inflection("bakı", "bakıxanov")
    (True, False)
    """
    if not stem or not word:
        return False
    if word == stem:
        return True
    if word.startswith(stem):
        rest = word[len(stem):]
        if rest[0] in SEPARATORS:
            return len(rest) > 1 and is_suffix_chain(rest[1:], stem, separated=True)
        if is_suffix_chain(rest, stem):
            return True
    for changed in _alternants(stem):
        if word.startswith(changed):
            rest = word[len(changed):]
            if rest[:1] in VOWELS and is_suffix_chain(rest, stem):
                return True
    return False


def _alternants(stem: str) -> list[str]:
    """How *stem* may be written before a vowel-initial suffix, besides itself."""
    out = []
    if stem[-1] in _ALTERNATION and len(stem) > 1:
        out.append(stem[:-1] + _ALTERNATION[stem[-1]])
    if stem in SYNCOPE:
        out.append(SYNCOPE[stem])
    return out


def stem_candidates(word: str) -> list[str]:
    """Stems that folded *word* could be an inflection of, longest first (word itself first).

    Over-generates by design (every prefix that leaves a valid chain); use it to look a word up
    in a list of known stems, not as a lemma.
    """
    out: list[str] = []
    for end in range(len(word), 0, -1):
        prefix = word[:end]
        options = [prefix]
        if prefix[-1] == "ğ":
            options.append(prefix[:-1] + "q")
        elif prefix[-1] == "y":
            options.append(prefix[:-1] + "k")
        options.extend(full for full, short in SYNCOPE.items() if short == prefix)
        for option in options:
            if last_vowel(option) and option not in out and is_inflection(option, word):
                out.append(option)
    return out


def anchor(stem: str) -> str:
    """The prefix every inflected form of folded *stem* starts with."""
    cut = len(stem)
    bare = possessed_stem(stem)
    for changed in (*_alternants(stem), *((bare, *_alternants(bare)) if bare else ())):
        n = 0
        while n < min(len(stem), len(changed)) and stem[n] == changed[n]:
            n += 1
        cut = min(cut, n)
    return stem[:cut] or stem


def possessed_stem(word: str) -> str | None:
    """The noun inside a word ending in the 3rd-person possessive of an izafet compound
    (orqanı → orqan, Respublikası → Respublika, bucağı → bucaq), if the ending fits harmony."""
    if len(word) > 3 and word[-2] == "s" and word[-1] in "ıiuü" and word[-3] in VOWELS:
        bare = word[:-2]
    elif len(word) > 2 and word[-1] in "ıiuü" and word[-2] not in VOWELS:
        bare = word[:-1]
        if bare[-1] in "ğy":
            bare = bare[:-1] + ("q" if bare[-1] == "ğ" else "k")
    else:
        return None
    vowel = last_vowel(bare)
    return bare if vowel and _FOUR_WAY[vowel] == word[-1] else None


@lru_cache(maxsize=65536)
def plural_stem(word: str) -> str | None:
    """The singular stem of a plural term word (şəxslər → şəxs, qaçqınlar → qaçqın), so a term
    recorded in the plural also matches its singular forms (itkin düşmüş şəxsin).

    Only when the plural suffix agrees with the stem's harmony and the stem keeps four letters or
    more, so words that merely end in -lar (dollar) are not cut.
    """
    if len(word) < 7 or word[-3:] not in ("lar", "lər"):
        return None
    bare = word[:-3]
    vowel = last_vowel(bare)
    if vowel is None or _harmonise("lAr", vowel) != [word[-3:]]:
        return None
    return bare


@lru_cache(maxsize=262144)
def is_plural_of_possessed(word: str, surface: str) -> bool:
    """Whether *surface* is the plural of an izafet head (dövlət orqanı → dövlət orqanları,
    təsisatı → təsisatlarının): the possessive moves after the plural."""
    bare = possessed_stem(word)
    if bare is None:
        return False
    for stem in (bare, *_alternants(bare)):
        if not surface.startswith(stem):
            continue
        rest = surface[len(stem):]
        vowel = last_vowel(bare)
        for plural in _harmonise("lAr", vowel):
            possessive = plural + _FOUR_WAY[last_vowel(plural) or "a"]
            if rest.startswith(possessive) and _chain(rest[len(possessive):], "P3",
                                                      last_vowel(possessive), True):
                return True
    return False


#: The light verbs that make a bare noun a compound verb (müraciət etmək, to appeal; işğal
#: edib, occupied; müraciət olunub, was appealed to): et- before a consonant, ed- before a
#: vowel (edir, edən, edilib), olun- in the passive. Not etiraz, etnik, edam; not olub.
_LIGHT_VERB = regex.compile(r"(?:et[mdsş]|ed[iə]|olun)\w*")
_WORD_THEN_NEXT = regex.compile(r"[\p{L}\p{M}]+[ \t\u00a0]+([\p{L}\p{M}]+)")


class Azerbaijani(Language):
    """Only the last word of a multiword term inflects: Milli Preventiv Mexanizmin."""

    code: ClassVar[str] = "az"

    def is_verb_at(self, text: str, start: int) -> bool:
        # "sizə müraciət edirik", we appeal to you: the noun and a light verb are one verb
        found = _WORD_THEN_NEXT.match(text, start)
        return found is not None and _LIGHT_VERB.fullmatch(self.fold(found.group(1))) is not None

    def roles(self, term_words: tuple[str, ...]) -> tuple[Role, ...]:
        return (Role.FIXED,) * (len(term_words) - 1) + (Role.INFLECTS,)

    def _inflected(self, word: str, surface: str) -> bool:
        if is_inflection(word, surface) or is_plural_of_possessed(word, surface):
            return True
        bare = plural_stem(word)
        return bare is not None and is_inflection(bare, surface)

    def _inflected_like(self, written: tuple[str, ...], like_words: tuple[str, ...],
                        surface: tuple[str, ...]) -> tuple[str, ...] | None:
        return inflected_like(self, written, like_words, surface)

    def is_relational(self, term_words: tuple[str, ...], surface: str,
                      proper: bool = False) -> bool:
        return is_relational(self, term_words, surface, proper)

    def _anchors_of(self, word: str) -> frozenset[str]:
        bare = plural_stem(word)
        return frozenset({anchor(bare if bare is not None else word)})


#: Words for a place's people or things that are not the place name and a suffix.
def inflected_like(language: Language, written: tuple[str, ...], like_words: tuple[str, ...],
                   surface: tuple[str, ...]) -> tuple[str, ...] | None:
    """*written* with the suffix chain that *surface* puts on the last word of *like_words*,
    rebuilt for the new last word: its vowels harmonised anew, a buffer consonant put in or
    left out, k/q turned y/ğ before a vowel, an apostrophe or hyphen after an abbreviation
    dropped after a word (Dağlıq Qarabağda → Qarabağda; Stepanakertə → Xankəndiyə; MPM-in →
    Milli Preventiv Mexanizmin; Ombudsmenin → Ombudsmanın). The other words of *like_words*
    must stand unchanged; None when they do not, or when no single rebuilt chain is one the
    new word takes."""
    if any(language.fold(text) != word
           for word, text in zip(like_words[:-1], surface[:-1], strict=True)):
        return None
    word, typed = like_words[-1], surface[-1]
    folded = language.fold(typed)
    start = next((len(stem) for stem in (word, *_alternants(word)) if folded.startswith(stem)),
                 None)
    if start is None:
        return None
    rest = folded[start:]
    if not rest:
        return written
    last = written[-1]
    stem = language.fold(last)
    # a word of more than one syllable turns k/q to y/ğ before a vowel (bucaq → bucağa)
    alternates = sum(c in VOWELS for c in stem) > 1
    after_capitals = typed[:start].isupper() or typed[:start].isdigit()
    for tier in _rebuilt_chains(rest, stem, after_capitals):
        found: set[str] = set()
        for chain in tier:
            turned = [last[:-1] + alt[-1] for alt in _alternants(stem)
                      if len(alt) == len(stem) and chain[:1] in VOWELS]
            for changed in (*turned, last) if alternates else (last, *turned):
                if is_inflection(stem, language.fold(changed + chain)):
                    found.add(changed + chain)
                    break
        if len(found) > 1 and rest[:1] in "aə":
            # a chain that opens with a/ə is the dative, whose buffer is y: Xankəndiyə, not
            # Xankəndinə (its Xankənd, to it)
            found = {f for f in found if language.fold(f)[len(stem):][:1] == "y"} or found
        if found:
            return (*written[:-1], found.pop()) if len(found) == 1 else None
    return None


def _rebuilt_chains(rest: str, stem: str, after_capitals: bool) -> list[list[str]]:
    """Folded suffix chain *rest* as it may read after folded *stem*, in tiers tried in turn:
    as typed; harmonised anew; with a buffer consonant (y, n, s) taken out or put in. A
    separator after an abbreviation or digits (MPM-in) is dropped after a word; one after a
    name (Calque'da) stays."""
    if rest[:1] in SEPARATORS and after_capitals and not (
            stem[-1:].isdigit() or stem.upper() == stem):
        rest = rest[1:]
    harmonised = _harmonised(rest, stem)
    tiers = [[rest], [harmonised]]
    buffered: list[str] = []
    for chain in (rest, harmonised):
        if chain[:1] in "yns" and chain[1:2] in VOWELS:
            buffered.append(chain[1:])  # a buffer the old word needed (Xankəndinin)
        if chain[:1] in VOWELS and stem[-1:] in VOWELS:
            buffered.extend(buffer + chain for buffer in "yns")
    tiers.append(buffered)
    return [list(dict.fromkeys(tier)) for tier in tiers]


def _harmonised(chain: str, stem: str) -> str:
    """*chain*'s vowels put in harmony with *stem*'s last vowel, each after the one before:
    a/ə two ways, ı/i/u/ü four ways."""
    vowel = last_vowel(stem)
    if vowel is None:
        return chain
    out = []
    for char in chain:
        if char in "aə":
            char = "a" if vowel in BACK else "ə"
        elif char in "ıiuü":
            char = _FOUR_WAY[vowel]
        if char in VOWELS:
            vowel = char
        out.append(char)
    return "".join(out)


RELATIONAL = {("ermənistan",): "erməni"}  # erməni işğalı: the occupation of Armenia
_FOUR_WAY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü",
             "ü": "ü"}


def is_relational(language: Language, term_words: tuple[str, ...], surface: str,
                  proper: bool = False) -> bool:
    """Whether folded *surface* is an -çı/-çılıq derivative of a one-word term (işğal →
    işğalçı, işğalçılıq; inflected), the word of :data:`RELATIONAL`, or, for a place name
    (*proper*), its -lı word for its people (27 azərbaycanlı mülki şəxs, 27 civilians of
    Azerbaijan). Not -lı of a common noun, nor -sız or -lıq: minalı is mined, minasız without
    mines."""
    if term_words in RELATIONAL:
        return language.is_form(RELATIONAL[term_words], surface)
    if len(term_words) != 1 or not term_words[0].isalpha():
        return False
    word = term_words[0]
    vowel = last_vowel(word)
    if vowel is None:
        return False
    i = _FOUR_WAY[vowel]
    if proper and language.is_form(word + "l" + i, surface):
        return True
    agent = word + "ç" + i
    abstract = agent + "l" + i + ("q" if i in "ıu" else "k")
    return language.is_form(agent, surface) or language.is_form(abstract, surface)


LANGUAGE = Azerbaijani()
