"""Russian: a term put in the case and number of another term's form in a text, for the text
a fixer swaps in (term-forbidden's expected: «с омбудсманом» → Омбудсменом; «в Степанакерте»
→ Ханкенди, indeclinable). The head's reading comes from pymorphy3 (or, for a word the
dictionary does not know, from its ending); each inflecting word of the new term is then built
by the dictionary, adjectives agreeing. Kept apart from :mod:`ahenk.lang.ru`, which matches
forms and never builds one.
"""

from __future__ import annotations

from typing import Any

from ahenk.lang.base import Role
from ahenk.lang.casing import capitalize
from ahenk.lang.ru import (
    _ADJECTIVAL,
    _citable,
    _fold,
    _key,
    _known,
    citation_keys,
    fallback_forms,
    parses,
    roles,
)


def inflected_like(written: tuple[str, ...], like_words: tuple[str, ...],
                   surface: tuple[str, ...]) -> tuple[str, ...] | None:
    """The term words *written* in the case and number that the text words *surface* give the
    head of the folded term *like_words* (Нагорном Карабахе: Карабах → Карабахе; Омбудсмана:
    Омбудсмен → Омбудсмена): each word of *written* that inflects takes them (adjectives
    agree), the rest stay. None when the head's reading is unknown or ambiguous between forms
    that differ, or the dictionary cannot build a form."""
    heads = [i for i, role in enumerate(roles(like_words)) if role is Role.INFLECTS]
    if not heads:
        return None
    head = heads[-1]
    like, text = like_words[head], _fold(surface[head].lower())
    if _citable(like):
        wanted = citation_keys(like)
        readings = {(p.tag.case, p.tag.number) for p in parses(text)
                    if _key(p) in wanted and p.tag.case and p.tag.number}
    else:  # a word the dictionary does not know, declined by its ending (Омбудсман)
        stem, endings = fallback_forms(like)
        ending = text[len(stem):] if text.startswith(stem) else None
        readings = set(_CONSONANT_READINGS.get(ending or "", ())) if (
            ending is not None and ending in endings and stem == like) else set()
        if not endings and text == like:
            readings = {("nomn", "sing")}  # indeclinable: its one form
    if not readings:
        return None
    results = {_inflect_term(written, case, number) for case, number in readings}
    return results.pop() if len(results) == 1 else None


#: What the endings of an unknown consonant-final noun say (case, number), as the fallback
#: declension (:data:`_NOUN_ENDINGS`) writes them; the accusative is the nominative's or, for
#: people, the genitive's form.
_CONSONANT_READINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "": (("nomn", "sing"), ("accs", "sing")), "а": (("gent", "sing"), ("accs", "sing")),
    "у": (("datv", "sing"),), "ом": (("ablt", "sing"),), "ем": (("ablt", "sing"),),
    "е": (("loct", "sing"),), "ы": (("nomn", "plur"), ("accs", "plur")),
    "и": (("nomn", "plur"), ("accs", "plur")), "ов": (("gent", "plur"), ("accs", "plur")),
    "ей": (("gent", "plur"), ("accs", "plur")), "ам": (("datv", "plur"),),
    "ами": (("ablt", "plur"),), "ах": (("loct", "plur"),),
}


def _inflect_term(written: tuple[str, ...], case: str, number: str) -> tuple[str, ...] | None:
    """*written* with each inflecting word in *case* and *number*; adjectives and participles
    in the accusative take their noun's animacy (Национального превентивного механизма)."""
    folded = tuple(_fold(w.lower()) for w in written)
    term_roles = roles(folded)
    nouns = [_citation(w) for w, r in zip(folded, term_roles, strict=True)
             if r is Role.INFLECTS]
    animacy = next((p.tag.animacy for p in nouns if p is not None and p.tag.POS == "NOUN"),
                   None)
    out = []
    for word, key, role in zip(written, folded, term_roles, strict=True):
        if role is not Role.INFLECTS:
            out.append(word)
            continue
        parse = _citation(key)
        if parse is None:
            if not _known(key) and not fallback_forms(key)[1]:
                out.append(word)  # indeclinable (Ханкенди): one form for every case
                continue
            return None
        grammemes = {case, number}
        if case == "accs" and parse.tag.POS in _ADJECTIVAL and animacy:
            grammemes.add(animacy)
        form = parse.inflect(grammemes)
        if form is None:
            return None
        text = form.word
        if word[:1].isupper():
            text = capitalize(text, "ru")
        out.append(text)
    return tuple(out)


def _citation(word: str) -> Any:
    """The dictionary's reading of term word *word* as its citation form, or None."""
    keys = citation_keys(word)
    return next((p for p in _known(word) if _key(p) in keys and p.tag.case in ("nomn", None)),
                None)
