"""The citation form of a term found inflected in text.

* Azerbaijani: the attested form the others are inflections of (Milli Preventiv Mexanizm over
  Mexanizmin, Mexanizmə); when only inflected forms were seen, the last word loses a case
  ending that cannot be anything else (genitive -(n)In, locative -(n)dA, ablative -(n)dAn,
  instrumental -(y)lA, dative after the n-buffer -nA: Mexanizmin → Mexanizm, orqanının →
  orqanı, hüquqlarının → hüquqları), or a dative -(y)A or accusative -(n)I when the result is
  itself attested (the accusative -I is also the izafet possessive: insan hüquqları keeps it).
* Russian: the adjectives up to the head noun and the head put in the nominative with pymorphy3,
  keeping number and gender; what follows the head keeps its case (Национального
  превентивного механизма → Национальный превентивный механизм, Кабинета министров →
  Кабинет министров). A word that can be a noun or an adjective (мирового: of the world, or
  a settlement's) is the adjective when it agrees in case, number and gender with a noun
  after it, so the head is that noun and the adjective takes its gender (мирового
  сообщества → мировое сообщество, not мировой сообщества).
* English and others: the most frequent uninflected form (:func:`canonical_form`).

Capitals are kept word by word; a form seen only at sentence starts is lower-cased when the
source term is lower case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ahenk.lang import language_module
from ahenk.mining.candidates import Occurrence, canonical_form

_AZ_SURE = ("nın", "nin", "nun", "nün", "ın", "in", "un", "ün", "nda", "ndə", "da", "də",
            "ndan", "ndən", "dan", "dən", "ta", "tə", "tan", "tən", "yla", "ylə", "la", "lə",
            "na", "nə")
_AZ_IF_ATTESTED = ("ya", "yə", "a", "ə", "nı", "ni", "nu", "nü", "ı", "i", "u", "ü")
_SENTENCE_END = (".", "!", "?", ":", "—", "–", '"', "«", "“")


def citation_form(occurrences: Sequence[Occurrence], lang: str, *, lower_initial: bool = False,
                  texts: Sequence[str] = ()) -> str:
    """The form a termbase would list for *occurrences* of one term in *lang*."""
    if lang == "ru":
        form = russian_nominative(Counter(o.surface for o in occurrences).most_common(1)[0][0])
    elif lang == "az":
        form = azerbaijani_base(canonical_form(occurrences, lang), occurrences)
    else:
        form = canonical_form(occurrences, lang)
    if lower_initial and texts and form[:1].isupper() and not _all_caps(form.split()[0]):
        starts = [_at_sentence_start(text, o.start) for o, text in zip(occurrences, texts,
                                                                        strict=False)]
        if starts and all(starts):
            form = language_module(lang).fold(form[:1]) + form[1:]
    return form


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before.endswith(_SENTENCE_END)


def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------- Azerbaijani


def azerbaijani_base(form: str, occurrences: Sequence[Occurrence]) -> str:
    """*form* with a case ending taken off its last word (see the module docstring)."""
    from ahenk.lang.az import is_inflection

    language = language_module("az")
    head, sep, last = form.rpartition(" ")
    folded = language.fold(last)
    if "'" in folded or "-" in folded or _all_caps(last):
        return form
    seen = {language.fold(o.surface) for o in occurrences}
    prefix = language.fold(head + sep)
    for ending in sorted(_AZ_SURE + _AZ_IF_ATTESTED, key=len, reverse=True):
        if not folded.endswith(ending) or len(folded) - len(ending) < 4:
            continue
        base = folded[: -len(ending)]
        for stem in dict.fromkeys((base, base[:-1] + "q" if base.endswith("ğ") else base)):
            if ending in _AZ_IF_ATTESTED and prefix + stem not in seen:
                continue
            if is_inflection(stem, folded):
                return head + sep + last[: len(base) - 1] + _recase(stem[-1], last[len(base) - 1])
    return form


# --------------------------------------------------------------------------- Russian

_ADJ = frozenset({"ADJF", "PRTF"})


def russian_nominative(phrase: str) -> str:
    """*phrase* with its leading adjectives and head noun in the nominative."""
    from ahenk.lang.ru import parses

    language = language_module("ru")
    tokens = language.tokenize(phrase)
    if not tokens:
        return phrase
    analyses = [parses(language.fold(t.text)) for t in tokens]
    head = None
    for i, options in enumerate(analyses):
        if any(p.tag.POS == "NOUN" for p in options):
            if i + 1 < len(analyses) and _modifies(options, analyses[i + 1]):
                continue
            head = i
            break
        if not any(p.tag.POS in _ADJ for p in options):
            return phrase  # a preposition, a verb, a number before any noun
    if head is None:
        return phrase
    head_parse = _agreeing_head(analyses[head], analyses[:head])
    if head_parse is None or head_parse.tag.case == "nomn":
        return phrase
    new = {head: _inflect(head_parse, {"nomn"})}
    for i in range(head):
        adjective = next((p for p in analyses[i] if p.tag.POS in _ADJ
                          and p.tag.case == head_parse.tag.case
                          and p.tag.number == head_parse.tag.number
                          and (head_parse.tag.number == "plur"
                               or p.tag.gender in (head_parse.tag.gender, None))), None)
        if adjective is None:
            return phrase
        new[i] = _inflect(adjective, {"nomn"})
    if any(v is None for v in new.values()):
        return phrase
    out, last = [], 0
    for i, token in enumerate(tokens):
        out.append(phrase[last:token.start])
        out.append(_recase(new[i], token.text) if i in new else token.text)
        last = token.end
    out.append(phrase[last:])
    return "".join(out)


def _modifies(options: Sequence, following: Sequence) -> bool:  # type: ignore[type-arg]
    """Whether one adjective reading of a word agrees with a noun reading of the next."""
    return any(a.tag.POS in _ADJ and n.tag.POS == "NOUN" and a.tag.case == n.tag.case
               and a.tag.number == n.tag.number
               and (n.tag.number == "plur" or a.tag.gender == n.tag.gender)
               for a in options for n in following)


def _agreeing_head(options: Sequence, adjectives: Sequence[Sequence]):  # type: ignore[no-untyped-def]
    nouns = [p for p in options if p.tag.POS == "NOUN"]
    if not adjectives:
        return nouns[0] if nouns else None
    for noun in nouns:
        if all(any(a.tag.POS in _ADJ and a.tag.case == noun.tag.case
                   and a.tag.number == noun.tag.number for a in adj) for adj in adjectives):
            return noun
    return nouns[0] if nouns else None


def _inflect(parse, grammemes: set[str]) -> str | None:  # type: ignore[no-untyped-def]
    inflected = parse.inflect(grammemes)
    return inflected.word if inflected is not None else None


def _recase(word: str | None, original: str) -> str:
    word = word or original
    if _all_caps(original):
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
