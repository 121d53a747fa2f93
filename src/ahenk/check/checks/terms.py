"""Terminology: the termbase's terms used, its rejected terms avoided, its names spelt right.

Built on :mod:`ahenk.termbase.match`, which finds terms inflected (Ombudsmanın, омбудсмена,
Ombudsman's). ``term-missing`` and ``term-forbidden`` compare what the matcher finds in the
source and the target; ``term-variant`` looks for near-misses (:mod:`._variants`). Indexes are
built once per run and language and shared by the three checks.

A target left untranslated (:func:`untranslated`: what ``unchanged`` or ``wrong-language``
reports) is not searched for missing or misspelt terms: its words are the source language's,
and the one finding that the unit is untranslated says all there is to say.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks._text import EMAIL, URL, mask
from ahenk.check.checks._variants import Variant, VariantIndex
from ahenk.check.checks.untranslated import untranslated
from ahenk.check.finding import Finding, Side
from ahenk.check.registry import register
from ahenk.diagnostics import Severity
from ahenk.lang import language_module
from ahenk.lang.casing import fold
from ahenk.termbase.loose import is_person_noun, loosely_present
from ahenk.termbase.match import TermIndex, TermMatch
from ahenk.termbase.model import Concept, TermStatus

_MEMO_SIZE = 20000


def term_index(context: CheckContext, lang: str) -> TermIndex:
    return context.cached(("term-index", lang), lambda: TermIndex(context.termbase, lang))


def variant_index(context: CheckContext, lang: str) -> VariantIndex:
    return context.cached(("variant-index", lang), lambda: VariantIndex(context.termbase, lang))


def concepts(context: CheckContext) -> dict[str, Concept]:
    return context.cached("concepts", lambda: {c.id: c for c in context.termbase or ()})


def matches(context: CheckContext, text: str, lang: str | None, *,
            nested: bool = False) -> list[TermMatch]:
    if not lang or not text:
        return []
    # the three term checks ask about the same texts: remember the latest ones, boundedly
    memo: dict[tuple[str, str, bool], list[TermMatch]] = context.cached("matches", dict)
    key = (lang, text, nested)
    if key not in memo:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        search = plain(text)

        def find() -> list[TermMatch]:  # the index is built only when no cache answers
            return term_index(context, lang).find(search, nested=nested)

        cache = context.segment_cache
        memo[key] = find() if cache is None else cache.matches(lang, text, nested, search, find)
    return memo[key]


def variants(context: CheckContext, text: str, lang: str) -> list[Variant]:
    """The near-misses of *lang*'s terms in *text* outside the terms found as such,
    remembered boundedly like :func:`matches`: a memory repeats its segments (the same source
    under each target language, recurring sentences), and the answer depends on the text
    alone."""
    memo: dict[tuple[str, str], list[Variant]] = context.cached("variants", dict)
    key = (lang, text)
    found = memo.get(key)
    if found is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        search = plain(text)

        def find() -> list[Variant]:
            exact = [(m.start, m.end) for m in matches(context, text, lang)]
            return variant_index(context, lang).find(search, exact)

        cache = context.segment_cache
        found = memo[key] = find() if cache is None else cache.variants(lang, text, search, find)
    return found


def plain(text: str) -> str:
    """*text* with URLs and e-mail addresses blanked (offsets kept): "ombudsman" in
    https://ombudsman.az or office@ombudsman.az is no use of a term."""
    if "@" in text or "://" in text or "www." in text:
        return mask(text, URL, EMAIL)
    return text


def foreign_terms(context: CheckContext, lang: str) -> frozenset[str]:
    """Case-folded term texts of the termbase's other languages (Azərbaycan in English text)."""
    def build() -> frozenset[str]:
        return frozenset(fold(t.text, t.lang.language) for c in context.termbase or ()
                         for t in c.terms if t.lang.language != lang)
    return context.cached(("foreign-terms", lang), build)


def _preferred(concept: Concept | None, lang: str) -> str | None:
    if concept is None:
        return None
    term = concept.preferred(lang) or next(iter(concept.allowed(lang)), None)
    return term.text if term else None


@register
class TermMissing(Check):
    id = "term-missing"
    name = "Term not used"
    description = (
        "The source uses a termbase term, and the target has none of the concept's preferred "
        "or admitted terms in the target language, in any inflected form. The finding names "
        "the preferred term. When the target uses a deprecated or forbidden term of the "
        "concept instead, term-forbidden reports it and this check stays silent. Words "
        "inside URLs and e-mail addresses are not terms. A term counts as used when its "
        "words stand in order with up to three words inserted (an adjective, a numeral, "
        "another term's modifiers on a shared head; an abbreviation in brackets not counted) "
        "or up to five in a coordination sharing the head (A haqqında və B haqqında "
        "konvensiyalar); when Azerbaijani counts people with nəfər after a numeral in place "
        "of şəxs; and when the target has the term's relational word instead (мина → минная "
        "угроза, Армения → армянская оккупация, права человека → правозащитный, işğal → "
        "işğalçılıq, Armenia → Armenian missile strikes, Azərbaycan → 27 azərbaycanlı mülki "
        "şəxs); and in English with a word of the "
        "term in the possessive (the Non-Aligned Movement's Contact Group), an article left "
        "out (families of martyrs), a noun compound as an of-phrase (violation of human "
        "rights), a participle after its noun (the individuals detained for detained "
        "person), a noun made from a verb as its gerund (determining disability for "
        "disability determination), a Russian noun of action as its verb (на минах "
        "подорвались for подрыв на мине), or a coordination sharing the head first (the "
        "Conventions on the Rights of Persons with Disabilities and the Rights of the Child). "
        "A term naming people with a generic noun (missing persons, itkin düşmüş şəxslər) "
        "may leave the noun to the context when the source's term is an adjective or "
        "participle used as a noun (считаются пропавшими без вести: 4,000 Azerbaijanis are "
        "considered missing), and one noun for people stands for another (detained "
        "individuals). A one-word noun term used as a verb in the source (we appeal to you; "
        "müraciət edirik, işğal edib: a noun with a light verb) is not expected. A source "
        "span that terms of several concepts match (civilians: a civilian, or the civilian "
        "population) is translated when the target uses any of "
        "those concepts' terms. A target left untranslated, the source text unchanged or a "
        "text that reads as the source language (what unchanged and wrong-language report), "
        "is not reported: every term of it would be missing, and the unit's one finding says "
        "so. A copy those checks let pass (a name such as National Preventive Mechanism left "
        "in English) is reported."
    )
    version = 4
    severity = Severity.ERROR
    needs_termbase = True
    related = ("Xbench: key term mismatch", "Verifika: terminology")
    examples = (("en", "The Ombudsman visited the prison.", "ru",
                 "Уполномоченный посетил тюрьму."),)

    def prepare(self, context: CheckContext, languages: Iterable[str]) -> None:
        for lang in languages:
            term_index(context, lang)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        tgt = pair.tgt or ""
        in_target: dict[str, set[TermStatus]] = {}
        # nested: a term inside a longer one counts (мина in «жертв мин», şəhid in «şəhid ailələri»)
        for match in matches(context, pair.target_text or "", tgt, nested=True):
            in_target.setdefault(match.concept, set()).add(match.status)
        reported: set[str] = set()
        copied: bool | None = None  # the target untranslated: asked once, when needed
        found = matches(context, pair.source_text, pair.src)
        # An ambiguous source term — the same span matched by several concepts ("civilians":
        # civilian persons or the civilian population) — is translated when any one of them is.
        satisfied = {(m.start, m.end) for m in found if m.concept in in_target}
        for match in found:
            if match.concept in reported or (match.start, match.end) in satisfied:
                continue
            concept = concepts(context).get(match.concept)
            if concept is None or not concept.allowed(tgt):
                continue  # no target term to expect
            if _verb_use(match, pair.source_text, pair.src, context):
                continue  # "we appeal to you": the verb, not the noun term
            statuses = in_target.get(match.concept, set())
            if statuses:
                continue  # allowed: fine; only rejected ones: term-forbidden's finding
            if _loosely_translated(concept, pair.target_text or "", tgt, context,
                                   people_implied=_names_no_person(match, pair.src, context)):
                continue  # with inserted words, a shared head, or as a derived modifier
            if copied is None:
                copied = untranslated(pair)
            if copied:
                return  # unchanged or wrong-language reports the unit
            reported.add(match.concept)
            expected = _preferred(concept, tgt)
            yield self.finding(pair, f"«{match.surface}» should be translated as «{expected}»",
                               term=match.term, expected=expected)


@register
class TermForbidden(Check):
    id = "term-forbidden"
    name = "Rejected term used"
    description = (
        "A term the termbase marks deprecated or forbidden appears (in any inflected form) in "
        "the target or in the source: a misused abbreviation or a rejected place name in a "
        "source document is a finding too. The finding names the concept's preferred term. A "
        "forbidden term is an error, a deprecated one a warning. The finding's expected text "
        "is the preferred term inflected as the rejected one was, where the language can say "
        "(«в Степанакерте»: Ханкенди, indeclinable; «с омбудсманом»: омбудсменом; "
        "Stepanakertə: Xankəndiyə; the MPM's: the National Preventive Mechanism's). A "
        "rejected term inside an allowed one (the same span matched as allowed) is not "
        "reported, nor is one inside a URL or an e-mail address. A target left untranslated "
        "(the source text unchanged, or a text that reads as the source language) is not "
        "searched: its rejected terms are the source's, reported there, and the unit's "
        "untranslated target is reported once."
    )
    version = 4
    severity = Severity.ERROR
    needs_termbase = True
    needs_target = False
    related = ("Xbench: key term mismatch", "Verifika: forbidden terms")
    examples = (("en", "The Ombudsman visited the prison.", "ru",
                 "Омбудсман посетил тюрьму."),
                ("en", "The Ombudsman and the MPM team visited the prison.", "az",
                 "Ombudsman MPM qrupu ilə birlikdə həbsxanaya baş çəkib."))

    def prepare(self, context: CheckContext, languages: Iterable[str]) -> None:
        for lang in languages:
            term_index(context, lang)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        sides = [Side.SOURCE] + ([Side.TARGET] if pair.target_text else [])
        for side in sides:
            lang, text = pair.lang(side), pair.text(side)
            if not lang or not text:
                continue
            found = matches(context, text, lang)
            allowed_spans = {(m.start, m.end) for m in found if m.status.allowed}
            rejected = [m for m in found
                        if not m.status.allowed and (m.start, m.end) not in allowed_spans]
            if rejected and side is Side.TARGET and untranslated(pair):
                continue  # the source's own terms, copied: reported on the source side
            language = language_module(lang)
            for match in rejected:
                preferred = _preferred(concepts(context).get(match.concept), lang)
                instead = f"; use «{preferred}»" if preferred else ""
                # what a fixer swaps in: the preferred term inflected as the rejected one was
                expected = preferred and (
                    language.inflected_like(preferred, match.term, match.surface) or preferred)
                if expected and expected != preferred:
                    instead += f": «{expected}»"
                yield self.finding(
                    pair, f"«{match.surface}» is a {match.status.value} term{instead}",
                    side=side, term=match.term, expected=expected, found=match.surface,
                    span=(match.start, match.end),
                    severity=Severity.ERROR if match.status is TermStatus.FORBIDDEN
                    else Severity.WARNING)


@register
class TermVariant(Check):
    id = "term-variant"
    name = "Misspelt term"
    description = (
        "A word or phrase is one or two letters away from a termbase term without being the "
        "term or one of its inflected forms: a misspelt name, missing or wrong diacritics "
        "(Xankendi for Xankəndi, Susa for Şuşa), a transliteration variant (Hankendi). Both "
        "source and target are checked, each against its language's terms; the suggestion is "
        "the concept's preferred term, and the finding's expected text is the near-miss spelt "
        "right with its inflection kept (Xankendiyə: write Xankəndiyə; Гьянджу: Гянджу), "
        "unless a vowel typed without its diacritic took the other harmony (Xiziyə); a "
        "rejected term misspelt gives the preferred one so inflected (Stepanakerdə: "
        "Xankəndiyə). Terms "
        "under six letters are compared for diacritics "
        "only (one letter off a short name is often a word: Adam / Ağdam), up to eight "
        "letters one edit is allowed, longer ones two. A near-miss of a name must keep the "
        "name's capitals (bütün is no misspelt Batun). A phrase misspelt around a shorter "
        "term spelt right is found (mina terreru for mina terroru), also when an inflection "
        "rebuilt the ending (merkəzləri for mərkəzi), and a misspelt Russian form whose "
        "ending the term's own form lacks (Гьянджу for Гянджу, ежегодново доклада for "
        "ежегодного доклада): a Russian word is compared with every form of the term word's "
        "paradigm; a word the language's dictionary knows "
        "is another word, not a misspelling (экономический beside экологический). What is "
        "not a misspelling of a target-language term either: a term of another of the "
        "termbase's languages left in place; a word or phrase that stands as it is in the "
        "source (an English word or name copied over: Ombudsmen in an Azerbaijani target, "
        "which term-missing reports as untranslated), unless the source has the same "
        "near-miss (Agdam copied from the source is still Ağdam misspelt); and any word of a "
        "target left untranslated (the source text unchanged, or a text that reads as the "
        "source language), which unchanged and wrong-language report."
    )
    version = 4
    severity = Severity.WARNING
    needs_termbase = True
    needs_target = False
    related = ("Xbench: spell-check (partly)",)
    examples = (("en", "The Ombudsman visited Khankendi.", "az",
                 "Ombudsman Xankendi şəhərinə səfər edib."),)

    def prepare(self, context: CheckContext, languages: Iterable[str]) -> None:
        for lang in languages:
            term_index(context, lang)
            variant_index(context, lang)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        sides = [Side.SOURCE] + ([Side.TARGET] if pair.target_text else [])
        in_source: set[str] = set()  # the source's near-misses, folded
        for side in sides:
            lang, text = pair.lang(side), pair.text(side)
            if not lang or not text.strip():
                continue
            copied: bool | None = None  # the target untranslated: asked once, when needed
            for variant in variants(context, text, lang):
                key = fold(variant.surface)
                if key in foreign_terms(context, lang):
                    continue  # a term of another language left in place, not a misspelling
                if side is Side.SOURCE:
                    in_source.add(key)
                else:
                    if key not in in_source and _stands_in(key, pair.source_text):
                        continue  # a word of the source copied over (Ombudsmen), not a typo
                    if copied is None:
                        copied = untranslated(pair)
                    if copied:
                        return  # unchanged or wrong-language reports the unit
                what = ("missing or wrong diacritics" if variant.kind == "diacritics"
                        else "a misspelling")
                message = f"«{variant.surface}» looks like {what} of «{variant.suggestion}»"
                expected = variant.suggestion
                if variant.corrected and variant.suggestion == variant.term.text:
                    expected = variant.corrected  # what a fixer swaps in: Xankəndiyə
                elif variant.corrected:  # a rejected term misspelt: the preferred, inflected
                    expected = language_module(lang).inflected_like(
                        variant.suggestion, variant.term.text, variant.corrected) or expected
                if expected != variant.suggestion:
                    message += f"; write «{expected}»"
                yield self.finding(
                    pair, message, side=side, term=variant.term.text, expected=expected,
                    found=variant.surface, span=(variant.start, variant.end))


def _stands_in(key: str, text: str) -> bool:
    """Whether *key* (folded words) stands in *text* as whole words."""
    folded = fold(text)
    at = folded.find(key)
    while at >= 0:
        end = at + len(key)
        if not (at and folded[at - 1].isalnum()) and not (
                end < len(folded) and folded[end].isalnum()):
            return True
        at = folded.find(key, at + 1)
    return False


def _verb_use(match: TermMatch, text: str, lang: str, context: CheckContext) -> bool:
    """A one-word noun term that its context makes a verb (:meth:`Language.is_verb_at`)."""
    term = match.entry
    if term is None or term.pos != "noun" or " " in match.term.strip():
        return False
    return language_module(lang).is_verb_at(text, match.start)


def _loosely_translated(concept: Concept, text: str, lang: str, context: CheckContext, *,
                        people_implied: bool = False) -> bool:
    """Whether an allowed term of *concept* is in *text* loosely (:mod:`ahenk.termbase.loose`)."""
    if not text:
        return False
    language = language_module(lang)
    tokens = language.tokenize(plain(text))
    return any(loosely_present(term, text, language, tokens, people_implied=people_implied)
               for term in concept.allowed(lang))


def _names_no_person(match: TermMatch, lang: str, context: CheckContext) -> bool:
    """Whether the source's term names people with no noun for them (пропавшие без вести, not
    пропавшие без вести лица; an adjective used as a noun, :meth:`Language.is_substantivised`):
    its translation may leave the people to the context."""
    language = language_module(lang)
    words = language.words(match.term)
    return language.is_substantivised(words) and \
        not any(is_person_noun(word, language) for word in words)
