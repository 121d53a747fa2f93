"""Looser evidence that a concept's term is in a text: for term-missing's acceptance only.

:mod:`ahenk.termbase.match` finds a term where its words stand together, inflected. A
translation may also give a term

* **with words inserted** (bounded): an adjective or a numeral before the head (minalanmış
  ərazilərin dəqiq xəritələri, группы для независимого мониторинга), a second term's modifiers
  on a shared head (saxlanılan erməni əsilli şəxslər), a bracketed abbreviation
  (… Təşkilatının (İƏT) Müstəqil …). At most :data:`MAX_INSERTED` words in all; an abbreviation
  in brackets does not count;
* **sharing its head in a coordination**: the inserted words start with a coordinating
  conjunction (Əlilliyi olan şəxslərin hüquqları haqqında və Uşaq hüquqları haqqında
  konvensiyalar), at most :data:`MAX_COORDINATED` words;
* **sharing its head in an English-style coordination**, the head first: the term's first
  words, a conjunct of at most :data:`MAX_COORDINATED` words (articles aside) and a
  conjunction, then the rest of the term (Conventions on the Rights of Persons with
  Disabilities and the Rights of the Child for Convention on the Rights of the Child);
* **with its person noun left to the context**, when the source's term names no person noun
  (Russian пропавшие без вести, задержанные: an adjective or participle used as a noun): a
  term that is modifiers on a generic noun for people (:data:`PERSON_NOUNS`: missing persons,
  itkin düşmüş şəxslər, detained person; person affected by mines) is given when its
  modifiers are, the people being named otherwise (4,000 Azerbaijanis are considered missing;
  the individuals detained; 4 min azərbaycanlı itkin düşmüş hesab olunur; individuals
  affected by mines). Where the source names the people (detained persons), the modifier
  alone is no evidence: saxlanılan sənədlər are stored documents. One noun for people stands
  for another anywhere (detained individuals for detained persons);
* **counted**: after a numeral, Azerbaijani counts people with nəfər in place of the head şəxs
  (vətənə qaytarılmış 31 nəfər);
* **with the language's syntax inside it**: an English word of the term in the possessive
  (the Non-Aligned Movement's Contact Group; a martyr's family for martyr family), an English
  article left out (families of martyrs for family of a martyr;
  :meth:`~ahenk.lang.base.Language.is_loose_form`, ``optional_words``);
* **in another word order the language's syntax gives it**: an English noun compound as an
  of-phrase (violation of human rights for human rights violation), a participle after its
  noun (the individuals detained for detained person), a noun made from a verb as its gerund
  (determining disability for disability determination), a Russian noun of action as its
  verb (на минах подорвались for подрыв на мине, мина взорвалась for взрыв мины;
  :meth:`~ahenk.lang.base.Language.rephrasings`);
* **as a derived modifier**: the language's relational word (мина → минная угроза, Армения →
  армянская оккупация, права человека → правозащитные учреждения, işğal → işğalçılıq
  siyasəti; :meth:`~ahenk.lang.base.Language.is_relational`).

Words never match across sentence punctuation (. ; : ! ?). Each word is compared as the term
matcher compares it (:meth:`~ahenk.lang.base.Language.is_form` with the language's roles), case
aside. Never used to find terms: term-forbidden and term-variant see only real matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from ahenk.lang import Language, Role
from ahenk.lang.base import Token
from ahenk.termbase.model import Term

#: Words that may be inserted inside a term, in all.
MAX_INSERTED = 3
#: Words of a coordination inserted before a shared head (starting with the conjunction).
MAX_COORDINATED = 5
#: Coordinating conjunctions, by language.
COORDINATORS = {"en": frozenset({"and", "or"}), "az": frozenset({"və", "ya", "həm"}),
                "ru": frozenset({"и", "или"})}
#: Generic nouns for people, by language (folded citation forms): one of them heading a term
#: (its last word, or its first before a participle: person affected by mines) may be left to
#: the context, and each stands for the others.
PERSON_NOUNS = {"en": ("person", "people", "individual"),
                "az": ("şəxs", "insan", "adam"),
                "ru": ("лицо", "человек", "люди")}
#: Counting words that stand for a head after a numeral: (language, head) -> counting words.
COUNTERS = {("az", "şəxs"): ("nəfər",), ("az", "adam"): ("nəfər",)}

_BREAK = regex.compile(r"[.;:!?…]")
_NUMERAL = regex.compile(r"\d")


def loosely_present(term: Term, text: str, language: Language,
                    tokens: Sequence[Token] | None = None, *, people_implied: bool = False
                    ) -> bool:
    """Whether *text* has *term* with a bounded insertion, a shared head, a counting word, or
    as its derived modifier (see the module). *people_implied*: the source's term names no
    person noun (пропавшие без вести, задержанные), so the term's own may be left out."""
    words = language.words(term.text)
    if not words:
        return False
    tokens = tokens if tokens is not None else language.tokenize(text)
    key = language.fold(text)  # length-preserving: each word's fold is a slice of it
    surfaces = [key[t.start:t.end] for t in tokens]
    proper = term.pos == "properNoun"
    if any(language.is_relational(words, surface, proper) for surface in surfaces):
        return True
    if len(words) < 2:  # the matcher found no form of the word; its rephrasings are evidence
        if any(_is_loose_form(shape[0], surface, shape_roles[0], language)
               for shape, shape_roles in language.rephrasings(words) if len(shape) == 1
               for surface in surfaces):
            return True  # разминирование: разминировали
        # and the forms it leaves out as ambiguous, written as the term is (режим Алиева:
        # Алиев's genitive, which the matcher leaves to the feminine Алиева)
        role = language.roles(words)[0]
        capital = term.text[:1].isupper()
        return role is Role.OWN_GENDER and any(
            language.is_loose_form(words[0], surface, role) and
            (not capital or token.text[:1].isupper())
            for surface, token in zip(surfaces, tokens, strict=True))
    roles = language.roles(words)
    if language.optional_words:  # an article the translation may leave out: families of martyrs
        kept = [(w, r) for w, r in zip(words, roles, strict=True)
                if w not in language.optional_words]
        if 0 < len(kept) < len(words):
            words, roles = tuple(w for w, _ in kept), tuple(r for _, r in kept)
    shapes = [(words, roles), *language.rephrasings(words)]
    if people_implied and len(words) > 1 and is_person_noun(words[-1], language):
        shapes.append((words[:-1], roles[:-1]))  # missing persons: 4,000 Azerbaijanis missing
    elif people_implied and len(words) > 2 and is_person_noun(words[0], language):
        shapes.append((words[1:], roles[1:]))  # person affected by mines: individuals affected…
    for ordered, ordered_roles in shapes:
        for i, surface in enumerate(surfaces):
            if not _is_loose_form(ordered[0], surface, ordered_roles[0], language):
                continue
            if _from(i, ordered, ordered_roles, tokens, surfaces, text, language) is not None \
                    or _head_shared(i, ordered, ordered_roles, tokens, surfaces, text, language):
                return True
    return False


def _from(first: int, words: tuple[str, ...], roles: tuple[Role, ...], tokens: Sequence[Token],
          surfaces: list[str], text: str, language: Language) -> int | None:
    """The term's words from text word *first* on, in order, within the insertion budget:
    the index of the text word that gives the term's last word, or None."""
    coordinators = COORDINATORS.get(language.code, frozenset())
    at, inserted = first, 0
    for word, role in zip(words[1:], roles[1:], strict=True):
        gap = 0
        for j in range(at + 1, len(tokens)):
            if _BREAK.search(text, tokens[j - 1].end, tokens[j].start):
                return None
            if _is_loose_form(word, surfaces[j], role, language) or \
                    _counts(word, j, surfaces, language):
                break
            if not _bracketed(tokens[j], text):
                gap += 1
            shared = surfaces[at + 1] in coordinators
            if gap > (MAX_COORDINATED if shared else MAX_INSERTED - inserted):
                return None
        else:
            return None
        inserted += 0 if surfaces[at + 1] in coordinators else gap
        at = j
    return at


def _head_shared(first: int, words: tuple[str, ...], roles: tuple[Role, ...],
                 tokens: Sequence[Token], surfaces: list[str], text: str,
                 language: Language) -> bool:
    """The term's first words from text word *first* on, then another conjunct ending with a
    conjunction, then the rest of the term: Conventions on the Rights of Persons with
    Disabilities and the Rights of the Child (Convention on the Rights of the Child)."""
    coordinators = COORDINATORS.get(language.code, frozenset())
    for split in range(1, len(words)):
        at = _from(first, words[:split], roles[:split], tokens, surfaces, text, language)
        if at is None:
            return False  # a shorter head was not there: no longer one is
        conjunct = 0  # its words, articles aside
        for conjunction in range(at + 1, len(tokens)):
            if _BREAK.search(text, tokens[conjunction - 1].end, tokens[conjunction].start):
                break
            if surfaces[conjunction] not in coordinators or not conjunct:
                conjunct += surfaces[conjunction] not in language.optional_words
                if conjunct > MAX_COORDINATED:
                    break
                continue
            rest = conjunction + 1
            while rest < len(tokens) and surfaces[rest] in language.optional_words:
                rest += 1  # and the Rights of the Child
            if rest < len(tokens) and \
                    not _BREAK.search(text, tokens[conjunction].end, tokens[rest].start) and \
                    _is_loose_form(words[split], surfaces[rest], roles[split], language) and \
                    _from(rest, words[split:], roles[split:], tokens, surfaces, text,
                          language) is not None:
                return True
    return False


def _is_loose_form(word: str, surface: str, role: Role, language: Language) -> bool:
    """:meth:`Language.is_loose_form`, and one generic noun for people for another (detained
    individuals for detained persons, şəxslər for insanlar)."""
    return language.is_loose_form(word, surface, role) or (
        is_person_noun(word, language) and is_person_noun(surface, language))


@lru_cache(maxsize=16384)
def is_person_noun(word: str, language: Language) -> bool:
    """Whether folded *word* is a form of one of the language's :data:`PERSON_NOUNS`."""
    return any(word == noun or language.is_form(noun, word)
               for noun in PERSON_NOUNS.get(language.code, ()))


def _counts(word: str, j: int, surfaces: list[str], language: Language) -> bool:
    """Text word *j* is a counting word for head *word*, after a numeral (31 nəfərlə)."""
    counters = COUNTERS.get((language.code, word), ())
    return j > 0 and bool(_NUMERAL.search(surfaces[j - 1])) and any(
        language.is_form(counter, surfaces[j]) for counter in counters)


def _bracketed(token: Token, text: str) -> bool:
    """An abbreviation in brackets: (İƏT), (OIC)."""
    return (text[token.start - 1:token.start] == "(" and text[token.end:token.end + 1] == ")"
            and token.text.upper() == token.text)
