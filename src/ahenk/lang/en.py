"""English: plural and possessive, and a place's adjective as evidence.

A term word matches itself, its plural (mechanisms, NGOs, territories, crises, Ombudsmen) and the
possessive of either (Ombudsman's, NGO's, NGOs', children's). Terms are not singularised: a term
written in the plural ("human rights") does not match the singular ("human right"), which is
often another sense.

In a multiword term the last word inflects, and so does the word before the first preposition,
the head of "Minister of Foreign Affairs" → "Ministers of Foreign Affairs".

For term-missing's looser evidence only, a place name's adjective stands for the name
(:func:`is_relational`: Azerbaijani for Azerbaijan, Armenian for Armenia).
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

import regex

from ahenk.lang.base import APOSTROPHES, WORD_JOINED_LOWER, Language, Role, prefix_anchors

#: Irregular plurals (singular → plurals accepted besides the regular ones).
IRREGULAR = {
    "analysis": ("analyses",), "basis": ("bases",), "child": ("children",),
    "criterion": ("criteria",), "crisis": ("crises",), "datum": ("data",),
    "foot": ("feet",), "medium": ("media",), "man": ("men",), "person": ("people", "persons"),
    "phenomenon": ("phenomena",), "thesis": ("theses",), "woman": ("women",),
}
PREPOSITIONS = frozenset({"of", "for", "on", "in", "to", "against", "at", "by", "with", "from",
                          "under", "between", "within"})
_VOWELS = frozenset("aeiou")
_QUOTES = "".join("\\" + c for c in APOSTROPHES)
# A word as elsewhere, plus the apostrophe that ends a plural possessive (NGOs', ministers').
_WORD = regex.compile(WORD_JOINED_LOWER.pattern + rf"(?:(?<=[sS])[{_QUOTES}](?![\p{{L}}\p{{N}}]))?")


@lru_cache(maxsize=65536)
def plurals(word: str) -> frozenset[str]:
    """Plural spellings of a folded singular (over-generates harmlessly: "ombudsmans")."""
    out = {word + "s", *IRREGULAR.get(word, ())}
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.add(word + "es")
    if len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        out.add(word[:-1] + "ies")
    if word.endswith("man"):
        out.add(word[:-3] + "men")
    if word.endswith("f"):
        out.add(word[:-1] + "ves")
    if word.endswith("fe"):
        out.add(word[:-2] + "ves")
    if word.endswith("is"):
        out.add(word[:-2] + "es")
    return frozenset(out)


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Every form a folded term word may take: itself, plurals, and their possessives."""
    base = {word, *plurals(word)}
    out = set(base)
    for form in base:
        out.add(form + "'s")
        if form.endswith("s"):
            out.add(form + "'")
    return frozenset(out)


def is_form_of(word: str, surface: str) -> bool:
    return surface in forms(word)


#: A place's adjective (and the name of its people) where -n after -ia does not make it:
#: "Azerbaijani military forces" gives Azerbaijan, as "Armenian authorities" gives Armenia.
DEMONYMS = {
    "azerbaijan": "azerbaijani", "turkey": "turkish", "türkiye": "turkish",
    "iran": "iranian", "ukraine": "ukrainian", "europe": "european", "israel": "israeli",
    "pakistan": "pakistani", "kazakhstan": "kazakh", "uzbekistan": "uzbek",
    "turkmenistan": "turkmen", "france": "french", "germany": "german", "britain": "british",
    "china": "chinese", "switzerland": "swiss", "netherlands": "dutch",
    "karabakh": "karabakhi",
}


def is_relational(term_words: tuple[str, ...], surface: str) -> bool:
    """Whether folded *surface* is the adjective of a one-word place name (Azerbaijani,
    Armenian, Russians), the modifier an English translation often gives for a genitive
    (Ermənistanın raket zərbələri: Armenian missile strikes)."""
    if len(term_words) != 1:
        return False
    name = term_words[0]
    adjective = DEMONYMS.get(name) or (name + "n" if name.endswith("ia") else None)
    return adjective is not None and is_form_of(adjective, surface)


#: Endings of nouns made from verbs, each with how much of it the verb keeps: establishment
#: (establish), determination (determin-e, or determinat-e), violation (violat-e), removal,
#: assistance, seizure. Spellings that are no verb's are generated too and never met in a text.
_NOMINAL_ENDINGS = (("ment", ("",)), ("ation", ("", "at")), ("ion", ("",)), ("al", ("",)),
                    ("ance", ("",)), ("ence", ("",)), ("ure", ("",)))


def gerunds(noun: str) -> tuple[str, ...]:
    """Gerunds a folded noun made from a verb may stand for (determination → determining,
    establishment → establishing, violation → violating); none for other nouns."""
    out: list[str] = []
    for ending, kept in _NOMINAL_ENDINGS:
        stem = noun[:-len(ending)]
        if noun.endswith(ending) and len(stem) >= 3:
            out.extend(stem + extra + "ing" for extra in kept)
    return tuple(dict.fromkeys(out))


#: Words in -man whose plural is -mans: not compounds of man.
_MAN_NOT_MEN = frozenset({"human", "german", "roman", "shaman", "talisman", "caiman",
                          "ottoman", "walkman", "desman"})


def plural(word: str) -> str:
    """The plural of a singular as written (its case kept): the irregular one, else by the
    spelling rules (box → boxes, authority → authorities, ombudsman → ombudsmen, NGO →
    NGOs)."""
    folded = word.lower()
    irregular = IRREGULAR.get(folded)
    if irregular:
        out = irregular[0]
    elif folded.endswith("man") and folded not in _MAN_NOT_MEN:
        out = folded[:-3] + "men"  # ombudsman → ombudsmen, chairman → chairmen
    elif folded.endswith(("s", "x", "z", "ch", "sh")):
        out = folded + "es"
    elif len(folded) > 1 and folded.endswith("y") and folded[-2] not in _VOWELS:
        out = folded[:-1] + "ies"
    else:
        out = folded + "s"
    if word.isupper() and len(word) > 1:
        return word + "s"  # an abbreviation: NGOs
    return (word[:1] + out[1:]) if word[:1].isupper() else out


def inflected_like(language: Language, written: tuple[str, ...], like_words: tuple[str, ...],
                   surface: tuple[str, ...]) -> tuple[str, ...] | None:
    """*written* with the plural and the possessive that *surface* gives *like_words*: the
    number goes to the head (the word before the first preposition, else the last), the
    possessive to the last word (Ombudsman Institutes' → Ombudsman Institutions')."""
    like_roles = language.roles(like_words)
    plural_head, possessive = False, ""
    for i, (word, text) in enumerate(zip(like_words, surface, strict=True)):
        folded = language.fold(text)
        if folded == word:
            continue
        base = folded
        last = i == len(like_words) - 1 and len(folded) > 2
        if last and folded[-2] in APOSTROPHES and folded[-1] == "s":
            base, possessive = folded[:-2], text[-2:]  # the Ombudsman's
        elif last and folded[-1] in APOSTROPHES:
            base, possessive = folded[:-1], text[-1:]  # the NGOs'
        if base == word:
            continue
        if like_roles[i] is not Role.INFLECTS or base not in plurals(word):
            return None
        plural_head = True
    folded = tuple(language.fold(w) for w in written)
    head = next((i - 1 for i, w in enumerate(folded) if w in PREPOSITIONS and i > 0),
                len(written) - 1)
    out = list(written)
    if plural_head:
        out[head] = plural(out[head])
    if possessive:
        quote = possessive[0]
        # the plural's apostrophe alone (Institutions'), else 's (the Ombudsman's, people's)
        plural_last = plural_head and head == len(out) - 1 and out[-1].lower().endswith("s")
        out[-1] += quote if plural_last else possessive if len(possessive) == 2 else quote + "s"
    return tuple(out)


class English(Language):
    code: ClassVar[str] = "en"
    word_pattern = _WORD

    def roles(self, term_words: tuple[str, ...]) -> tuple[Role, ...]:
        inflecting = {len(term_words) - 1}
        for i, word in enumerate(term_words):
            if word in PREPOSITIONS and i > 0:
                inflecting.add(i - 1)
                break
        return tuple(Role.INFLECTS if i in inflecting else Role.FIXED
                     for i in range(len(term_words)))

    def _inflected(self, word: str, surface: str) -> bool:
        return is_form_of(word, surface)

    def _anchors_of(self, word: str) -> frozenset[str]:
        return prefix_anchors(forms(word))

    optional_words: ClassVar[frozenset[str]] = frozenset({"a", "an", "the"})

    def is_relational(self, term_words: tuple[str, ...], surface: str,
                      proper: bool = False) -> bool:
        return is_relational(term_words, surface)

    def rephrasings(self, term_words: tuple[str, ...]
                    ) -> tuple[tuple[tuple[str, ...], tuple[Role, ...]], ...]:
        # a noun compound as an of-phrase: human rights violation → violation of human
        # rights, mine victim → victims of mines, disability determination → determination of
        # disability; the head inflects, and so does the last modifier (mines)
        # a participle after its noun (the individuals detained: detained person); and a
        # noun made from a verb as its gerund, on the compound's modifiers or the
        # of-phrase's object: disability determination, establishment of disability →
        # determining disability, establishing disability
        if len(term_words) < 2 or any(not w.isalpha() and "-" not in w for w in term_words):
            return ()
        out: list[tuple[tuple[str, ...], tuple[Role, ...]]] = []
        if len(term_words) > 2 and term_words[1] == "of" and not any(
                w in PREPOSITIONS for w in term_words[2:]):
            head, _, *objects = term_words
            fixed = (Role.FIXED,) * (len(objects) - 1) + (Role.INFLECTS,)
            out.extend(((gerund, *objects), (Role.FIXED, *fixed)) for gerund in gerunds(head))
            return tuple(out)
        if any(w in PREPOSITIONS for w in term_words):
            return ()
        *modifiers, head = term_words
        if len(term_words) == 2 and modifiers[0].endswith("ed"):
            # a participle after its noun, a reduced relative clause: the individuals
            # detained, persons displaced (detained person, displaced person)
            out.append(((head, modifiers[0]), (Role.INFLECTS, Role.FIXED)))
        roles = (Role.INFLECTS, Role.FIXED) + (Role.FIXED,) * (len(modifiers) - 1) + (
            Role.INFLECTS,)
        out.append(((head, "of", *modifiers), roles))
        fixed = (Role.FIXED,) * (len(modifiers) - 1) + (Role.INFLECTS,)
        out.extend(((gerund, *modifiers), (Role.FIXED, *fixed)) for gerund in gerunds(head))
        return tuple(out)

    def is_loose_form(self, word: str, surface: str, role: Role = Role.INFLECTS) -> bool:
        # a word inside a term may take the possessive: the Non-Aligned Movement's Contact
        # Group, a martyr's family (martyr family)
        if self.is_form(word, surface, role):
            return True
        return surface[-2:] in _POSSESSIVE_ENDINGS and self.is_form(word, surface[:-2], role)

    def _inflected_like(self, written: tuple[str, ...], like_words: tuple[str, ...],
                        surface: tuple[str, ...]) -> tuple[str, ...] | None:
        return inflected_like(self, written, like_words, surface)

    def is_verb_at(self, text: str, start: int) -> bool:
        # "we appeal to you": a word right after a subject pronoun is the verb
        before = _LAST_WORD.search(text, 0, start)
        return before is not None and before.group(1).lower() in SUBJECT_PRONOUNS


_POSSESSIVE_ENDINGS = frozenset(q + "s" for q in APOSTROPHES)
#: Subject pronouns: the word after one is a finite verb (we appeal, they report). Not "you"
#: and "it", which are objects too (we call on you, appeal it).
SUBJECT_PRONOUNS = frozenset({"i", "we", "they", "he", "she"})
_LAST_WORD = regex.compile(r"(?<![\p{L}'’])(\p{L}+)\s+$")

LANGUAGE = English()
