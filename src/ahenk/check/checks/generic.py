"""Generic text checks: end punctuation, brackets, double spaces, URLs, e-mails, length.

Most reuse translate-toolkit's pofilter tests (:mod:`translate.filters.checks`, format-agnostic
text functions; no storage class is imported) under ahenk's own stable ids, so a translator who
knows pofilter finds the same behaviour. :class:`ToolkitCheck` adapts one pofilter test;
``url-mismatch`` and ``length-ratio`` are ahenk's own (pofilter's URL test takes a sentence's
final full stop into the URL; its length tests know no language pairs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, ClassVar

import regex

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks._text import EMAIL, URL, letters, mask
from ahenk.check.finding import Finding
from ahenk.check.registry import register
from ahenk.diagnostics import Severity

_ELLIPSIS = regex.compile(r"\.\.\.")
#: Spaces before the end punctuation: punctuation-spacing's to report, not end-punctuation's.
_SPACED_END = regex.compile(r"[ \u00a0\u202f\u2009]+(?=[.!?:;…]+$)")
_SPACED_BEFORE = frozenset({"fr"})
_SPACE_RUN = regex.compile(r"[ \u00a0\u202f\u2009]{2,}")
#: A final abbreviation point, by target language: ru г. гг. в. вв. тыс. млн. млрд. руб. и др.
#: и т. д. и т. п.; az il? no: və s., və b.; en etc.
_ABBREVIATION_END = {
    "ru": regex.compile(r"(?<![\p{L}])(?:г|гг|в|вв|тыс|млн|млрд|руб|др|т\.\s?[дп])\.$"),
    "az": regex.compile(r"(?<![\p{L}])və\s(?:s|b)\.$"),
    "en": regex.compile(r"(?<![\p{L}])etc\.$"),
}
_CLOSING = "\"'»”’)"  # closing quotes and brackets a sentence may end inside or outside of


@lru_cache(maxsize=16)
def _checker(lang: str) -> Any:
    """translate-toolkit's standard checker configured for target language *lang*."""
    from translate.filters import checks

    return checks.StandardChecker(checks.CheckerConfig(targetlanguage=lang))


def toolkit_failure(test: str, source: str, target: str, lang: str) -> str | None:
    """The message of pofilter test *test* when it fails on the pair, else None."""
    from translate.filters.checks import FilterFailure

    checker = _checker(lang)
    try:
        getattr(checker, test)(source, target)
    except FilterFailure as failure:
        messages = getattr(failure, "messages", None) or [str(failure)]
        return "; ".join(str(m) for m in messages)
    finally:
        # the checker memoises filtered texts until its own per-unit run_filters resets them;
        # called test by test it never would, and the memo would keep every text checked
        checker.results_cache.clear()
    return None


class ToolkitCheck(Check):
    """A check that runs one pofilter test (:attr:`toolkit_test`) on the source and target."""

    toolkit_test: ClassVar[str]

    def _prepare(self, text: str) -> str:
        return text

    def _texts(self, pair: Pair, context: CheckContext) -> tuple[str, str]:
        """(source, target) as the pofilter test sees them."""
        return self._prepare(pair.source_text), self._prepare(pair.target_text or "")

    def _details(self, pair: Pair) -> dict[str, Any]:
        return {}

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        source, target = self._texts(pair, context)
        failure = toolkit_failure(self.toolkit_test, source, target, pair.tgt or "en")
        if failure is not None:
            yield self.finding(pair, _sentence(failure), **self._details(pair))


def _sentence(message: str) -> str:
    return message[:1].lower() + message[1:] if message[:2] != message[:2].upper() else message


def _ends_in_abbreviation(text: str, lang: str | None) -> bool:
    pattern = _ABBREVIATION_END.get(lang or "")
    return pattern is not None and pattern.search(text) is not None


def _end(text: str) -> str:
    stripped = text.rstrip()
    core = stripped.rstrip(_CLOSING)
    tail = regex.search(r"[^\p{L}\p{N}\s]*$", core)
    return tail.group() if tail else ""


@register
class EndPunctuation(ToolkitCheck):
    id = "end-punctuation"
    name = "End punctuation differs"
    description = (
        "Source and target end differently: a full stop, colon, question or exclamation mark "
        "or ellipsis lost or added. Three dots and the ellipsis character count as the same; "
        "closing quotes and brackets are looked through (English \"yes.\" and Russian «да».). "
        "The point of an abbreviation that ends the target (Russian 15 января 2023 г., "
        "2020–2023 гг., 250 тыс.; Azerbaijani və s.) is not end punctuation when the source "
        "ends without a full stop, nor is one that ends the source when the target ends "
        "without one (15 января 2023 г. translated as 15 yanvar 2023-cü il). A space before "
        "the end punctuation is punctuation-spacing's finding, not a different end."
    )
    version = 3
    severity = Severity.WARNING
    toolkit_test = "endpunc"
    related = ("pofilter: endpunc", "Weblate: end_stop, end_colon, end_question, "
               "end_exclamation, end_ellipsis")
    examples = (("en", "Do you agree?", "az", "Razısınız."),)

    def _prepare(self, text: str) -> str:
        # "yes." and «да».: look through closing quotes and brackets to the punctuation
        return _ELLIPSIS.sub("…", text.rstrip()).rstrip(_CLOSING).rstrip()

    def _texts(self, pair: Pair, context: CheckContext) -> tuple[str, str]:
        source, target = super()._texts(pair, context)
        # a space before the end ("hazırdır .") is punctuation-spacing's finding, not another
        # end; French spaces its ? ! : ; and pofilter's test knows it
        if pair.src not in _SPACED_BEFORE:
            source = _SPACED_END.sub("", source)
        if pair.tgt not in _SPACED_BEFORE:
            target = _SPACED_END.sub("", target)
        # 2023 г.: the abbreviation's point, not the sentence's, on either side
        if not source.endswith(".") and _ends_in_abbreviation(target, pair.tgt):
            target = target[:-1]
        elif not target.endswith(".") and _ends_in_abbreviation(source, pair.src):
            source = source[:-1]
        return source, target

    def _details(self, pair: Pair) -> dict[str, Any]:
        return {"expected": _end(pair.source_text) or None,
                "found": _end(pair.target_text or "") or None}


@register
class Brackets(ToolkitCheck):
    id = "brackets"
    name = "Brackets differ"
    description = (
        "The target has a different number of round, square or curly brackets than the "
        "source: a parenthesis lost or left open. Brackets that belong to a termbase term are "
        "not counted when they explain the difference: those written in a matched term "
        "(Müvəkkili (Ombudsman), Уполномоченный по правам человека (Омбудсмен)) and an "
        "abbreviation in brackets right after a full form of the same concept (Milli Preventiv "
        "Mexanizm (MPM)); a bracket left open is still reported."
    )
    severity = Severity.WARNING
    toolkit_test = "brackets"
    related = ("pofilter: brackets", "Weblate: punctuation (partly)")
    examples = (("en", "the Council of Europe (CoE)", "ru", "Совет Европы (СЕ"),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        source, target = pair.source_text, pair.target_text or ""
        failure = toolkit_failure(self.toolkit_test, source, target, pair.tgt or "en")
        if failure is not None:  # the brackets of termbase terms may account for it
            failure = toolkit_failure(
                self.toolkit_test, _term_brackets_blanked(source, pair.src, context),
                _term_brackets_blanked(target, pair.tgt, context), pair.tgt or "en")
        if failure is not None:
            yield self.finding(pair, _sentence(failure))


@register
class DoubleSpace(ToolkitCheck):
    id = "double-space"
    name = "Double spaces"
    description = (
        "The target has two spaces in a row where the source has none (or the other way "
        "round): usually a leftover of editing. Runs are counted, whatever their length; a "
        "run may mix ordinary and no-break spaces (U+00A0, U+202F), and a single no-break "
        "space is a single space. A source run with a no-break space in it is layout (a "
        "dateline, hashtags): the target may keep it as ordinary spaces or close it up."
    )
    severity = Severity.INFO
    toolkit_test = "doublespacing"
    related = ("pofilter: doublespacing", "Weblate: double_space")
    examples = (("en", "The report is ready.", "az", "Hesabat  hazırdır."),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        # a run of two or more spaces of any kind (U+0020, U+00A0, U+202F, U+2009) is one
        # double space; a single no-break space is a single space. A source run with a
        # no-break space in it is layout (a dateline, a row of hashtags): the target may keep
        # it as ordinary spaces or close it up
        source = _SPACE_RUN.findall(pair.source_text)
        target = len(_SPACE_RUN.findall(pair.target_text or ""))
        layout = sum(1 for run in source if run.strip(" "))
        if target > len(source) or target < len(source) - layout:
            yield self.finding(pair, "different use of double spaces", **self._details(pair))

    def _details(self, pair: Pair) -> dict[str, Any]:
        target = pair.target_text or ""
        run = _SPACE_RUN.search(target)
        return {"span": (run.start(), run.end())} if run else {}


@register
class UrlMismatch(Check):
    id = "url-mismatch"
    name = "URLs differ"
    description = (
        "The target does not have the same URLs as the source: a link changed, mistyped or "
        "left out. A link to the translated page (…/en/ → …/az/) is reported too; ignore the "
        "finding when that is intended. Punctuation after a URL is not part of it."
    )
    severity = Severity.WARNING
    related = ("pofilter: urls",)
    examples = (("en", "See https://www.coe.int/en/web/commissioner for details.", "ru",
                 "Подробнее: https://www.coe.int/ru/web/commissioner."),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        # pofilter's urls test takes a sentence's final full stop into the URL, so ahenk reads
        # URLs itself (checks/_text.py)
        found_src = URL.findall(pair.source_text)
        found_tgt = URL.findall(pair.target_text or "")
        if found_src == found_tgt:  # the usual case, none on either side: no Counter to build
            return
        src, tgt = Counter(found_src), Counter(found_tgt)
        if src == tgt:
            return
        missing, extra = list((src - tgt).elements()), list((tgt - src).elements())
        parts = ([f"missing {' '.join(missing)}"] if missing else []) + (
            [f"not in the source: {' '.join(extra)}"] if extra else [])
        at = (pair.target_text or "").find(extra[0]) if extra else -1
        yield self.finding(pair, "URLs differ: " + "; ".join(parts),
                           expected=" ".join(missing) or None, found=" ".join(extra) or None,
                           span=(at, at + len(extra[0])) if at >= 0 else None)


@register
class EmailMismatch(Check):
    id = "email-mismatch"
    name = "E-mail addresses differ"
    description = (
        "The target does not have the same e-mail addresses as the source. Punctuation after "
        "an address is not part of it."
    )
    severity = Severity.ERROR
    related = ("pofilter: emails",)
    examples = (("en", "Write to office@ombudsman.az.", "ru",
                 "Пишите на ofice@ombudsman.az."),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        # pofilter's emails test takes a sentence's final full stop into the address (as its
        # urls test does), so ahenk reads addresses itself (checks/_text.py)
        found_src = EMAIL.findall(pair.source_text)
        found_tgt = EMAIL.findall(pair.target_text or "")
        if found_src == found_tgt:  # the usual case, none on either side: no Counter to build
            return
        src, tgt = Counter(found_src), Counter(found_tgt)
        if src == tgt:
            return
        missing, extra = list((src - tgt).elements()), list((tgt - src).elements())
        yield self.finding(pair, "different e-mail addresses",
                           expected=" ".join(missing) or None, found=" ".join(extra) or None)


#: Typical target/source length in letters, per (source, target) language pair.
EXPECTED_RATIO = {
    ("en", "az"): 1.1, ("en", "ru"): 1.15, ("az", "en"): 0.9, ("ru", "en"): 0.87,
    ("az", "ru"): 1.05, ("ru", "az"): 0.95,
}
#: Report below this fraction or above this multiple of the expected ratio.
RATIO_LOW, RATIO_HIGH = 0.5, 2.0
#: Sources shorter than this (in letters) are not judged.
MIN_SOURCE_LETTERS = 20
#: Nor is a target within this many letters of its expected length (short fragments).
MIN_DIFFERENCE_LETTERS = 15


@register
class LengthRatio(Check):
    id = "length-ratio"
    name = "Unusual length"
    description = (
        "The target is much shorter or much longer than a translation of the source usually "
        "is: half or less, or twice or more, of the expected length for the language pair "
        "(Azerbaijani runs about 10% and Russian about 15% longer than English). A truncated "
        "translation, a sentence left out, or two segments merged. Sources under 20 letters "
        "are not judged, nor a target within 15 letters of its expected length (a short "
        "fragment: The strange thing is that → Странно то, что)."
    )
    severity = Severity.WARNING
    related = ("pofilter: long, short", "Weblate: max-length (a different idea)")
    examples = (("en", "The Ombudsman called on the authorities to release the journalists "
                 "without delay.", "az", "Ombudsman çağırış etdi."),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        source = letters(mask(pair.source_text))
        if source < MIN_SOURCE_LETTERS:
            return
        target = letters(mask(pair.target_text or ""))
        expected = EXPECTED_RATIO.get((pair.src, pair.tgt or ""), 1.0)
        if abs(target - source * expected) < MIN_DIFFERENCE_LETTERS:
            return
        ratio = target / source / expected
        if ratio <= RATIO_LOW:
            yield self.finding(pair, f"the target is {target / source:.0%} of the source's "
                               "length: is something left out?")
        elif ratio >= RATIO_HIGH:
            yield self.finding(pair, f"the target is {target / source:.0%} of the source's "
                               "length: is something added or merged?")


def _term_brackets_blanked(text: str, lang: str | None, context: CheckContext) -> str:
    """*text* with the brackets that belong to termbase terms blanked: those written in a
    matched term (Müvəkkili (Ombudsman), Уполномоченный … (Омбудсмен)), and an abbreviation's
    brackets right after a full form of the same concept (Milli Preventiv Mexanizm (MPM))."""
    if context.termbase is None or not lang or "(" not in text:
        return text
    from ahenk.check.checks.terms import matches

    found = matches(context, text, lang, nested=True)
    chars = list(text)
    for match in found:
        if "(" in match.term and ")" in match.term:  # the span may stop before the ")"
            closing = text.find(")", match.start, match.end + 1)
            opening = text.find("(", match.start, closing)
            if 0 <= opening < closing:
                chars[opening] = chars[closing] = " "
    full_forms: dict[int, set[str]] = {}
    for match in found:
        full_forms.setdefault(match.end, set()).add(match.concept)
    for match in found:
        opening = match.start - 1
        if opening < 1 or text[opening] != "(" or text[match.end:match.end + 1] != ")":
            continue
        before = len(text[:opening].rstrip())
        if match.concept in full_forms.get(before, ()) and before < opening:
            chars[opening] = chars[match.end] = " "
    return "".join(chars)
