"""Russian: lemmas from pymorphy3, ё/е folding, and which words of a term inflect.

Word level. A text word matches a term word when one of its analyses has the same *lemma key*
as the term word in its citation form: (normal form, part of speech, and for first names,
surnames and patronymics the gender). So омбудсмена → омбудсмен, в Шуше → Шуша, but мина does
not match минута, and the verb стать does not match the noun сталь. The gender in the key keeps
people apart: Алиевой is only Алиева, Алиевым and Алиеве only Алиев; the form Алиева itself is
ambiguous (nominative of Алиева, genitive of Алиев): in a full name it matches both terms, and
a masculine surname alone (Алиев) does not take the forms it shares with the feminine one
(Алиева, Алиеву), which name the Ombudsman Sabina Aliyeva as often as Ilham Aliyev's genitive
(Role.OWN_GENDER); term-missing's looser evidence still counts them in a translation (режим
Алиева). Write full names (Сабина Алиева, Ильхам Алиев) in the termbase where it matters: the
first name decides.

Words the dictionary does not know (transliterated names) fall back to a small stemmer: the
word's ending is swapped for one of the noun endings of its declension (Ханкенди, ending in -и,
is indeclinable and matches only itself). pymorphy3's guesses are not used for term words, except
the two that rest on a dictionary word: a hyphenated compound whose last part is known
(армяно-азербайджанский declines as азербайджанский) and a known word of six letters or more
behind an unknown prefix (миростроительство as строительство).

Term level. Russian phrases are head-initial after their adjectives: the adjectives before the
head noun and the head noun inflect (Национального превентивного механизма), dependents after it
keep their form (Кабинета министров, Уполномоченного по правам человека, Совета Европы). In a
name (Сабина Алиева, Ильхам Гейдар оглы Алиев) every part inflects. Three phrase shapes go
further: a common noun in the singular right after the head, or after the head and a preposition,
keeps its case but may change number (семья шехида → семей шехидов, подрыв на мине → подрыва на
минах; Кабинет министров, already plural, stays fixed); nouns coordinated with и/или inflect as
the head does (права и свободы человека → прав и свобод человека); a participle after the head
agrees with it (соотечественники, изгнанные из Армении → соотечественников, изгнанных из Армении);
so does a noun that can only be nominative after the fixed words, an apposition (Уполномоченный по
правам человека (Омбудсмен) → Уполномоченном по правам человека (Омбудсмене)).

pymorphy3 is imported on first use; the analyser is built once and word analyses are cached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

import regex

from ahenk.lang.base import APOSTROPHES, HYPHENS, Language, Role, prefix_anchors

_ADJECTIVAL = frozenset({"ADJF", "ADJS", "PRTF", "PRTS", "COMP"})
_VERBAL = frozenset({"VERB", "INFN", "GRND"})
_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
_NAME_TAGS = ("Name", "Surn", "Patr")
_GENDERS = ("masc", "femn", "neut")

# Fallback declension for unknown words: final letter -> (letters dropped, endings).
_NOUN_ENDINGS = {
    "consonant": (0, ("", "а", "у", "ом", "е", "ы", "и", "ов", "ам", "ами", "ах", "ым")),
    "а": (1, ("а", "ы", "и", "е", "у", "ой", "ою", "ей", "ею")),
    "я": (1, ("я", "и", "е", "ю", "ей", "ею")),
    "ь": (1, ("ь", "я", "ю", "ем", "е", "и", "ей", "ью", "ям", "ями", "ях")),
    "й": (1, ("й", "я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях")),
}
#: After ж, ш, ч, щ and ц an unstressed instrumental is -ем (Кендашем, like «товарищем»), and
#: the genitive plural after ж, ш, ч, щ is -ей (like «врачей»), after ц -ев: unknown names
#: may take either stress.
_AFTER_SIBILANT = {"ж": ("ем", "ей"), "ш": ("ем", "ей"), "ч": ("ем", "ей"), "щ": ("ем", "ей"),
                   "ц": ("ем", "ев")}
_VOWELS = frozenset("аеёиоуыэюя")
_L = r"\p{L}\p{M}\p{N}"
_H = "[" + "".join("\\" + c for c in HYPHENS) + "]"
_A = "[" + "".join("\\" + c for c in APOSTROPHES) + "]"
_CYRILLIC = regex.compile(r"[\p{Cyrillic}-]+")
# A hyphen joins whatever letter follows (Санкт-Петербурга, Нагорно-Карабахского: pymorphy3
# knows such words whole); an apostrophe only a lower-case one.
_WORD = regex.compile(rf"[{_L}]+(?:(?:{_H}(?=[{_L}])|{_A}(?=[\p{{Ll}}\p{{N}}]))[{_L}]+)*")


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The shared pymorphy3 analyser (built on first use: loading takes a moment)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=262144)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy3 analyses of a (lower-case) word, cached."""
    return tuple(analyzer().parse(word))


def _fold(text: str) -> str:
    return text.replace("ё", "е")


def _key(parse: Any) -> tuple[str, str, str]:
    tag = parse.tag
    pos = str(tag.POS or "")
    pos = "ADJ" if pos in _ADJECTIVAL else "VERB" if pos in _VERBAL else pos
    gender = ""
    if any(name in tag for name in _NAME_TAGS):
        gender = next((g for g in _GENDERS if g in tag), "")
    return _fold(parse.normal_form), pos, gender


@lru_cache(maxsize=262144)
def lemma_keys(word: str) -> frozenset[tuple[str, str, str]]:
    """Every lemma key of a text word (folded, lower case)."""
    return frozenset(_key(p) for p in parses(word))


@lru_cache(maxsize=262144)
def lemmas(word: str) -> tuple[str, ...]:
    """Normal forms of *word*, most probable first (ё folded to е)."""
    out: dict[str, None] = {}
    for parse in parses(_fold(word.lower())):
        out.setdefault(_fold(parse.normal_form))
    return tuple(out)


@lru_cache(maxsize=262144)
def lemma(word: str) -> str:
    """The most probable normal form of *word* (remembered: the consistency key asks it of
    every word of every segment)."""
    found = lemmas(word)
    return found[0] if found else _fold(word.lower())


@lru_cache(maxsize=262144)
def _known(word: str) -> tuple[Any, ...]:
    """The analyses of *word* from the dictionary (``is_known`` walks the DAWG: cached), or
    failing those the guesses that rest on a dictionary word (see the module)."""
    found = parses(word)
    return tuple(p for p in found if p.is_known) or tuple(p for p in found if _reliable(p))


_RELIABLE_REST = 6  # letters of the dictionary word behind an unknown prefix


def _reliable(parse: Any) -> bool:
    """A guess built on a known word: a hyphenated compound with a known last part, or a known
    word of :data:`_RELIABLE_REST` letters or more behind an unknown prefix."""
    stack = parse.methods_stack
    kind = type(stack[-1][0]).__name__
    if kind == "HyphenatedWordsAnalyzer":
        return True
    return (kind == "UnknownPrefixAnalyzer" and type(stack[0][0]).__name__ == "DictionaryAnalyzer"
            and len(stack[0][1]) >= _RELIABLE_REST)


@lru_cache(maxsize=65536)
def citation_keys(word: str) -> frozenset[tuple[str, str, str]]:
    """Lemma keys of a term word read as a citation form (nominative where it can be)."""
    known = _known(word)
    chosen = [p for p in known if p.tag.case in ("nomn", None)] or known
    if any(p.tag.POS == "ADJF" for p in chosen):  # уполномоченный: the adjective, not the verb
        chosen = [p for p in chosen if p.tag.POS not in ("PRTF", "PRTS")]
    return frozenset(_key(p) for p in chosen)


def is_known(word: str) -> bool:
    return bool(_known(word))


def _citable(word: str) -> bool:
    """Whether the dictionary can read term word *word* as a citation form (a nominative, or a
    word without case). One it reads only in an oblique case is taken for an unknown word and
    declined by its ending: the place names Газах and Уджар are not «газ» in the prepositional
    plural nor a plural-only noun in the genitive, nor Шарахан a short participle."""
    return any(p.tag.case == "nomn" or (p.tag.case is None and p.tag.POS not in _PREDICATIVE)
               for p in _known(word))


#: Forms without case that only stand as a predicate or beside one (verbs, gerunds, short
#: participles and adjectives): a term word read only as one of them (Шарахан, a short
#: participle to pymorphy3; Разен, short for «разный») is taken for an unknown noun.
_PREDICATIVE = frozenset({"VERB", "INFN", "PRTS", "ADJS", "GRND"})


def fallback_forms(word: str) -> tuple[str, tuple[str, ...]]:
    """(stem, endings) of an unknown word declined as a noun; no endings if indeclinable."""
    last = word[-1:]
    if not _CYRILLIC.fullmatch(word):
        return word, ()
    if last in _NOUN_ENDINGS:
        drop, endings = _NOUN_ENDINGS[last]
    elif last.isalpha() and last not in _VOWELS and last != "ъ":
        drop, endings = _NOUN_ENDINGS["consonant"]
        endings += _AFTER_SIBILANT.get(last, ())
    else:
        return word, ()
    return word[: len(word) - drop], endings


@lru_cache(maxsize=262144)
def is_form_of(word: str, surface: str) -> bool:
    """Whether folded *surface* is an inflected form of folded term word *word*."""
    if word == surface:
        return True
    if _citable(word):
        return bool(citation_keys(word) & lemma_keys(surface))
    stem, endings = fallback_forms(word)
    return len(stem) >= 2 and surface.startswith(stem) and surface[len(stem):] in endings


#: Singular oblique endings of an unknown dependent noun -> its plural endings in that case.
_PLURAL_OF = {"а": ("ов", "ей"), "я": ("ей", "ев"), "ы": ("",), "е": ("ах", "ях", "ам", "ям"),
              "у": ("ам",), "ю": ("ям",), "ом": ("ами",), "ем": ("ями",), "ой": ("ами",)}
_OBLIQUE = frozenset({"gent", "gen2", "datv", "ablt", "loct", "loc2"})
_PROPER_TAGS = (*_NAME_TAGS, "Geox", "Orgn", "Abbr", "Fixd")
_COORDINATORS = frozenset({"и", "или"})


def _dependent(word: str) -> bool:
    """A common noun in a singular oblique case: a dependent that may change number."""
    known = _known(word)
    if not known:
        return any(word.endswith(e) and len(word) > len(e) + 2 for e in _PLURAL_OF)
    return any(p.tag.POS == "NOUN" and p.tag.number == "sing" and p.tag.case in _OBLIQUE
               and not any(t in p.tag for t in _PROPER_TAGS) for p in known)


@lru_cache(maxsize=262144)
def number_form(word: str, surface: str) -> bool:
    """Whether folded *surface* is dependent noun *word* in the same case, any number."""
    if word == surface:
        return True
    if surface[:3] != word[:3]:
        return False  # a suppletive plural is another phrase: права людей, not права человека
    known = _known(word)
    if not known:
        for ending, plurals in _PLURAL_OF.items():
            if word.endswith(ending):
                stem = word[: len(word) - len(ending)]
                if surface.startswith(stem) and surface[len(stem):] in plurals:
                    return True
        return False
    wanted = {(_key(p), p.tag.case) for p in known if p.tag.POS == "NOUN"
              and p.tag.number == "sing" and p.tag.case in _OBLIQUE}
    return any((_key(p), p.tag.case) in wanted for p in parses(surface))


def _participle(word: str) -> bool:
    """A full participle in the nominative (изгнанные): post-posed, it agrees with the head."""
    return any(p.tag.POS == "PRTF" and p.tag.case == "nomn" for p in _known(word))


def is_substantivised(term_words: tuple[str, ...]) -> bool:
    """An adjective or participle with no noun reading heads the term, and no noun of its own
    follows it (пропавшие без вести, пострадавший от мин, задержанный; not мирные жители, nor
    военнопленный, a noun too)."""
    known = _known(term_words[0]) if term_words else ()
    if not known or any(p.tag.POS not in _ADJECTIVAL for p in known):
        return False
    return len(term_words) == 1 or _preposition(term_words[1])


def _is_name(word: str) -> bool:
    known = _known(word)
    return not known or any(any(t in p.tag for t in _NAME_TAGS) for p in known)


def _can_head(word: str) -> bool:
    """A citation-form word that can take case: nominative (or unknown, or a name)."""
    known = _known(word)
    if not known:
        return any(ch.isalpha() for ch in word)
    if known[0].tag.POS in _FUNCTION_WORDS:  # по, и, для (by their likeliest reading)
        return False
    return any(p.tag.case == "nomn" for p in known)


@lru_cache(maxsize=65536)
def roles(term_words: tuple[str, ...]) -> tuple[Role, ...]:
    """Adjectives up to the head noun and the head inflect; what follows the head is fixed,
    except further parts of a name; a preposition or oblique case before the head fixes the rest.
    """
    if len(term_words) == 1:
        word = term_words[0]
        if _masculine_surname(word):
            return (Role.OWN_GENDER,)  # Алиев alone: not the feminine Алиева
        return (Role.INFLECTS if _can_head(word) or (
            _known(word) and not _citable(word) and _known(word)[0].tag.POS not in
            _FUNCTION_WORDS) else Role.FIXED,)
    out: list[Role] = []
    head: str | None = None  # None: still before the head noun
    closed = False
    after = 0  # words since the head
    governed = False  # the word after the head was a preposition
    for i, word in enumerate(term_words):
        after += 1
        following = term_words[i + 1] if i + 1 < len(term_words) else None
        if closed:
            # Уполномоченный по правам человека (Омбудсмен): an apposition agrees with the head
            apposition = out[0] is Role.INFLECTS and _nominative_noun(word)
            out.append(Role.INFLECTS if apposition else Role.FIXED)
        elif head is None:
            if not _can_head(word):
                closed = True
                out.append(Role.FIXED)
                continue
            out.append(Role.INFLECTS)
            if _is_name(word) or not any(p.tag.POS in _ADJECTIVAL for p in _known(word)) or (
                    _noun(word) and (following is None or not _can_head(following))):
                head, after = word, 0  # права (also a short adjective) before человека: a noun
        elif _is_name(head) and _is_name(word) and _can_head(word):
            out.append(Role.INFLECTS)  # Сабина Алиева: every part of a name inflects
        elif (after == 1 and word in _COORDINATORS and following is not None
              and _can_head(following)):
            out.append(Role.FIXED)  # права и свободы: the next noun inflects as the head
            head = None
        elif after == 1 and _participle(word):
            out.append(Role.INFLECTS)  # соотечественники, изгнанные из Армении
            closed = True
        elif after == 1 and following is not None and _preposition(word) and \
                _dependent(following):
            out.append(Role.FIXED)  # подрыв на мине: the preposition, then its noun
            governed = True
        elif (after == 1 or governed) and _dependent(word):
            out.append(Role.NUMBER)  # семья шехида → семей шехидов
            closed = True
        else:
            closed = True
            out.append(Role.FIXED)
    return tuple(out)


def _masculine_surname(word: str) -> bool:
    """A masculine surname in the nominative (Алиев, Гасанов): one that has a feminine."""
    return any("Surn" in p.tag and p.tag.gender == "masc" and p.tag.case == "nomn"
               for p in _known(word))


@lru_cache(maxsize=65536)
def own_gender_form(word: str, surface: str) -> bool:
    """A form of masculine surname *word* that is not also the feminine surname (Алиева:
    genitive of Алиев and nominative of Алиева, so not taken for Алиев alone)."""
    return is_form_of(word, surface) and not any(
        "Surn" in p.tag and p.tag.gender == "femn" for p in parses(surface))


def _nominative_noun(word: str) -> bool:
    """A common noun that can only be nominative (омбудсмен): after a closed phrase, an
    apposition to its head."""
    known = _known(word)
    return bool(known) and all(p.tag.POS == "NOUN" and p.tag.case == "nomn" and
                               not any(t in p.tag for t in _PROPER_TAGS) for p in known)


def _noun(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in _known(word))


def _preposition(word: str) -> bool:
    known = _known(word)
    return bool(known) and known[0].tag.POS == "PREP"


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Every form of folded *word*'s paradigm (ё folded), *word* included: the dictionary's
    lexemes of the word as cited, or for a word it does not know, the forms of its ending's
    declension (:func:`fallback_forms`)."""
    known = _known(word)
    if not known:
        stem, endings = fallback_forms(word)
        return frozenset({stem + e for e in endings} | {word})
    keys = citation_keys(word)
    return frozenset({_fold(form.word) for parse in known if _key(parse) in keys
                      for form in parse.lexeme} | {word})


@lru_cache(maxsize=65536)
def anchors(word: str) -> frozenset[str]:
    """Prefixes, one of which every inflected form of folded *word* starts with (ё folded).

    Forms are grouped by their first letters (:func:`~ahenk.lang.base.prefix_anchors`), so
    день/дня and человек/люди give two anchors each.
    """
    return prefix_anchors(forms(word))


#: Relational adjectives that are not the noun's stem and a suffix: term words -> adjective.
RELATIONAL = {
    ("армения",): "армянский", ("россия",): "российский", ("грузия",): "грузинский",
    ("турция",): "турецкий", ("права", "человека"): "правозащитный",
}
_COMMON_SUFFIXES = ("ный", "онный")  # мина → минный, оккупация → оккупационный
_PLACE_SUFFIXES = ("ский",)  # Карабах → карабахский (not мина → минский: Минск)


@lru_cache(maxsize=65536)
def is_relational(term_words: tuple[str, ...], surface: str) -> bool:
    """Whether folded *surface* is the relational adjective of the folded term: from
    :data:`RELATIONAL`, or a one-word noun's stem (its last vowel, й or ь dropped) with -ный or
    -онный, a place name's with -ский."""
    adjectives = {_fold(p.normal_form) for p in parses(surface) if p.tag.POS == "ADJF"}
    if not adjectives:
        return False
    if term_words in RELATIONAL:
        return RELATIONAL[term_words] in adjectives
    if len(term_words) != 1:
        return False
    for parse in _known(term_words[0]):
        if parse.tag.POS != "NOUN" or any(t in parse.tag for t in _NAME_TAGS):
            continue
        noun = _fold(parse.normal_form)
        stem = noun[:-1] if noun[-1:] in "аяоеьй" else noun
        suffixes = _PLACE_SUFFIXES if "Geox" in parse.tag else _COMMON_SUFFIXES
        if len(stem) >= 3 and any(stem + s in adjectives for s in suffixes):
            return True
    return False


#: Nouns of action and the verbs they are made from, which a translation may use instead
#: (подрыв на мине: на минах подорвались; задержание: задержали): a small lexicon of the
#: domain, since the dictionary keeps no derivations.
VERBS_OF_NOUNS: dict[str, tuple[str, ...]] = {
    "подрыв": ("подорваться", "подорвать"), "взрыв": ("взорваться", "взорвать"),
    "задержание": ("задержать", "задерживать"), "нарушение": ("нарушить", "нарушать"),
    "защита": ("защитить", "защищать"), "установление": ("установить", "устанавливать"),
    "лишение": ("лишить", "лишать"), "освобождение": ("освободить", "освобождать"),
    "похищение": ("похитить", "похищать"), "убийство": ("убить", "убивать"),
    "пытка": ("пытать",), "обстрел": ("обстрелять", "обстреливать"),
    "разминирование": ("разминировать",), "депортация": ("депортировать",),
    "оккупация": ("оккупировать",), "репатриация": ("репатриировать",),
    "расследование": ("расследовать",), "уничтожение": ("уничтожить", "уничтожать"),
    "изгнание": ("изгнать", "изгонять"), "разрушение": ("разрушить", "разрушать"),
}
_VERBS = frozenset(verb for verbs in VERBS_OF_NOUNS.values() for verb in verbs)


class Russian(Language):
    code: ClassVar[str] = "ru"
    word_pattern = _WORD
    # 2 мин (минута, not мина), 5 ч, 3 с (секунда), 10 г (грамм, год), 4 м, 250 тыс
    unit_abbreviations: ClassVar[frozenset[str]] = frozenset(
        {"мин", "сек", "с", "ч", "г", "гг", "кг", "м", "км", "см", "мм", "л", "тыс", "млн",
         "млрд", "руб", "долл", "чел"})

    def roles(self, term_words: tuple[str, ...]) -> tuple[Role, ...]:
        return roles(term_words)

    def is_word(self, word: str) -> bool:
        # the dictionary's own words only: a guess on a known ending (мобельный: мо + бельный)
        # is what a misspelling looks like
        return any(p.is_known for p in parses(word))

    def _inflected(self, word: str, surface: str) -> bool:
        return is_form_of(word, surface)

    def _number_form(self, word: str, surface: str) -> bool:
        return number_form(word, surface)

    def _own_gender_form(self, word: str, surface: str) -> bool:
        return own_gender_form(word, surface)

    def is_relational(self, term_words: tuple[str, ...], surface: str,
                      proper: bool = False) -> bool:
        return is_relational(term_words, surface)

    def is_substantivised(self, term_words: tuple[str, ...]) -> bool:
        return is_substantivised(term_words)

    def _inflected_like(self, written: tuple[str, ...], like_words: tuple[str, ...],
                        surface: tuple[str, ...]) -> tuple[str, ...] | None:
        from ahenk.lang.ru_inflect import inflected_like

        return inflected_like(written, like_words, surface)

    def rephrasings(self, term_words: tuple[str, ...]
                    ) -> tuple[tuple[tuple[str, ...], tuple[Role, ...]], ...]:
        # a noun of action as its verb, before or after the rest (подрыв на мине: подорвались
        # на минах, на минах подорвались)
        verbs = VERBS_OF_NOUNS.get(term_words[0], ()) if term_words else ()
        if not verbs:
            return ()
        rest, rest_roles = term_words[1:], roles(term_words)[1:]
        if rest and not _preposition(rest[0]):
            # the noun's genitive is the verb's subject or object: взрыв мины → мина взорвалась
            rest_roles = (Role.INFLECTS, *rest_roles[1:])
        out: list[tuple[tuple[str, ...], tuple[Role, ...]]] = []
        for verb in verbs:
            out.append(((verb, *rest), (Role.INFLECTS, *rest_roles)))
            if rest:
                out.append(((*rest, verb), (*rest_roles, Role.INFLECTS)))
        return tuple(out)

    def is_loose_form(self, word: str, surface: str, role: Role = Role.INFLECTS) -> bool:
        if word in _VERBS:  # any form of the verb, its participles included
            return any(key[0] == word and key[1] in ("VERB", "ADJ")
                       for key in lemma_keys(surface))
        if role is Role.OWN_GENDER:  # as evidence the ambiguous form counts: режим Алиева
            role = Role.INFLECTS
        return self.is_form(word, surface, role)

    def could_be_form(self, word: str, surface: str) -> bool:
        # pymorphy3's guesses too: прав is a form of права, миростроительства of
        # миростроительство; Ханкенды shares no lemma with Ханкенди
        return word == surface or bool(set(lemmas(word)) & set(lemmas(surface)))

    def forms(self, word: str) -> frozenset[str]:
        return forms(word)

    def _anchors_of(self, word: str) -> frozenset[str]:
        return anchors(word)


LANGUAGE = Russian()
