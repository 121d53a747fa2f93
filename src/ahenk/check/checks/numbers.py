"""Numbers: the same numbers in source and target, compared by value across locales.

Numbers are read by :func:`ahenk.lang.numbers.extract_numbers`, each side in its own language, so
English 3,400 equals Azerbaijani 3 400 and Russian 3 400 (with U+00A0 or U+202F), English 1.5
equals Russian 1,5, 1991-ci equals 1991 and 2-й equals 2nd. An English "3,400" copied unchanged
into Russian reads 3.4 there and is reported. A thousand/million/billion word multiplies the
number before it (az 4 min, ru 250 тыс. = 250,000). A date written with digits on one side and
with a month name on the other (01.05.2025 / 1 May 2025) matches when its day and year are
there; a number from one to ten written as a word on the other side, cardinal or ordinal
(3 / three / üç / три; 2-й / second / ikinci / второй), is accepted. Roman numerals count as
numbers (XXI век = 21st century) and so does Russian полтора (1.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import regex

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks.untranslated import untranslated
from ahenk.check.finding import Finding
from ahenk.check.registry import register
from ahenk.diagnostics import Severity
from ahenk.lang.numbers import NumberToken, extract_numbers

# Number words one to ten; Russian by stem (they decline). Only used to *accept* a number that
# is written out on the other side, never to find one.
_WORDS = {
    "en": {1: r"one|a|an|first|once", 2: r"two|both|twice|second", 3: r"three|third",
           4: r"four|fourth", 5: r"five|fifth", 6: r"six|sixth", 7: r"seven|seventh",
           8: r"eight|eighth", 9: r"nine|ninth", 10: r"ten|tenth"},
    # the ordinals (birinci, ikinci, üçüncü …) start as the cardinals do
    "az": {1: r"bir\w*", 2: r"iki\w*", 3: r"üç\w*", 4: r"dörd\w*", 5: r"beş\w*",
           6: r"altı\w*", 7: r"yeddi\w*", 8: r"səkkiz\w*", 9: r"doqquz\w*", 10: r"on|on[udnl]\w*"},
    "ru": {1: r"один|одн\w*|перв\w*", 2: r"дв[аеу]\w*|оба|обе|обоих|втор\w*",
           3: r"тр[иеё]\w*|трет\w*", 4: r"четыр\w*|четв[её]рт\w*", 5: r"пят[иьыо]\w*",
           6: r"шест[иьыо]\w*", 7: r"сем[иь]|седьм\w*", 8: r"вос[еь]м\w*",
           9: r"девят[иьыо]\w*", 10: r"десят[иьыо]\w*"},
}
_WORD_PATTERNS = {
    lang: {n: regex.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)
           for n, words in table.items()}
    for lang, table in _WORDS.items()
}


def _written_out(value: Decimal | str, text: str, lang: str | None) -> bool:
    if not isinstance(value, Decimal) or value != value.to_integral_value():
        return False
    pattern = _WORD_PATTERNS.get(lang or "", {}).get(int(value))
    return pattern is not None and pattern.search(text) is not None


#: A code of letters and digits (COP29, G20): its digits are no number of the text, but a
#: translation may spell them out as one (COP29 → 29-я сессия Конференции сторон).
_CODE = regex.compile(r"(?<![\p{L}\p{N}])\p{L}+-?(\p{Nd}+)(?![\p{L}\p{N}])")
_DIGITS = re.compile(r"\d+")


def _may_have_code(text: str) -> bool:
    """Whether a run of digits in *text* follows a letter (or a letter and a hyphen): what
    every :data:`_CODE` has. A loop over the digit runs is some seven times faster than the
    search itself, which tries its lookbehind at every character."""
    for run in _DIGITS.finditer(text):
        at = run.start()
        if at and text[at - 1] == "-":
            at -= 1
        if at and text[at - 1].isalpha():
            return True
    return False


def _in_code(value: Decimal | str, text: str) -> bool:
    if not isinstance(value, Decimal) or value != value.to_integral_value():
        return False
    digits = str(int(value))
    return any(m.group(1).lstrip("0") == digits for m in _CODE.finditer(text))


def _outside_terms(tokens: list[NumberToken], text: str, lang: str | None, other: str,
                   other_lang: str | None, context: CheckContext) -> list[NumberToken]:
    """*tokens* but those inside a term of *text* whose concept the other side names too: a
    termbase synonym may carry the number or not (44-day war / İkinci Qarabağ müharibəsi)."""
    if not tokens or not lang or not other_lang:
        return tokens
    from ahenk.check.checks.terms import matches

    spans = [(m.start, m.end, m.concept) for m in matches(context, text, lang, nested=True)]
    if not spans:
        return tokens
    named = {m.concept for m in matches(context, other, other_lang, nested=True)}
    return [t for t in tokens
            if not any(a <= t.start and t.end <= b and c in named for a, b, c in spans)]


def _code_mismatches(source: str, target: str) -> list[tuple[regex.Match[str],
                                                              regex.Match[str]]]:
    """(source code, target code) pairs with the same letters and other digits (COP29 /
    COP39): a code kept as it is in the translation but for its number. A code whose letters
    the target also has with the same digits, or does not have at all, is left alone."""
    def codes(text: str) -> dict[str, list[regex.Match[str]]]:
        found: dict[str, list[regex.Match[str]]] = {}
        for m in _CODE.finditer(text):
            letters = m.group()[:m.start(1) - m.start()].rstrip("-").casefold()
            found.setdefault(letters, []).append(m)
        return found

    if not _may_have_code(source) or not _CODE.search(source):
        return []
    in_target = codes(target)
    out = []
    for letters, wanted in codes(source).items():
        got = list(in_target.get(letters, ()))
        unmatched = []
        for want in wanted:
            same = next((g for g in got if g.group(1) == want.group(1)), None)
            if same is not None:
                got.remove(same)
            else:
                unmatched.append(want)
        out.extend(zip(unmatched, got, strict=False))
    return out


def _take(tokens: list[NumberToken], value: Decimal | str) -> bool:
    for i, token in enumerate(tokens):
        if token.value == value:
            del tokens[i]
            return True
    return False


def _reconcile_dates(dates: list[NumberToken], others: list[NumberToken]) -> list[NumberToken]:
    """Drop dates whose day and year are cardinals on the other side (and those cardinals)."""
    kept = []
    for date in dates:
        year, _, day = str(date.value).split("-") if date.kind == "date" else ("", "", "")
        parts = [Decimal(year), Decimal(int(day))] if year else []
        values = [t.value for t in others]
        if parts and all(p in values for p in parts):
            for part in parts:
                _take(others, part)
            continue
        kept.append(date)
    return kept


@register
class NumberMismatch(Check):
    id = "number-mismatch"
    name = "Numbers differ"
    description = (
        "A number of the source is missing from the target, or the target has a number the "
        "source does not. Numbers are compared by value, each read as its language writes it: "
        "3,400 (English) = 3 400 (Azerbaijani, Russian) = 3400; 1.5 = 1,5; 1991-ci = 1991; "
        "2-й = 2nd. A thousands separator copied from English into Russian or Azerbaijani "
        "(3,400 for 3 400) reads as a decimal (3.4) and is reported. Dates match across "
        "01.05.2025 and 1 May 2025, and one to ten may be written as words. A word for "
        "thousand, million or billion after a number multiplies it: 4,000 = az 4 min = ru "
        "4 тыс.; 1.5 million = 1,5 milyon = 1,5 млн. The digits of a code (COP29, G20) "
        "may stand as a number on the other side (29-я сессия Конференции сторон), a number "
        "inside a termbase term is not missed when the other side names the same concept "
        "(44-day war / İkinci Qarabağ müharibəsi), and a "
        "code kept with other digits is reported (COP29 / COP39). An English target that "
        "keeps the source's decimal comma (1,5 million from 1,5 млн) is reported. Ordinal "
        "words count as their numbers (2-й = second = ikinci = второй), and so do Roman "
        "numerals (XXI век = 21st century) and Russian полтора (1.5). A target "
        "left untranslated (what unchanged and wrong-language report) is not compared."
    )
    version = 3
    severity = Severity.ERROR
    related = ("pofilter: numbers", "Weblate: –")
    examples = (("en", "3,400 people were displaced.", "ru", "Были перемещены 3,400 человек."),
                ("en", "In 1991 the country became independent.", "az",
                 "Ölkə 1992-ci ildə müstəqil oldu."))

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        source, target = pair.source_text, pair.target_text or ""
        src_tokens = extract_numbers(source, pair.src, scaled=True)
        tgt_tokens = extract_numbers(target, pair.tgt or pair.src, scaled=True)
        extra = list(tgt_tokens)
        missing = [t for t in src_tokens if not _take(extra, t.value)]
        missing = _reconcile_dates(missing, extra)
        extra = _reconcile_dates(extra, missing)
        missing = [t for t in missing if not _written_out(t.value, target, pair.tgt)
                   and not _in_code(t.value, target)]
        extra = [t for t in extra if not _written_out(t.value, source, pair.src)
                 and not _in_code(t.value, source)]
        if (missing or extra) and context.termbase is not None:
            missing = _outside_terms(missing, source, pair.src, target, pair.tgt, context)
            extra = _outside_terms(extra, target, pair.tgt, source, pair.src, context)
        codes = _code_mismatches(source, target)
        commas = [t for t in tgt_tokens if _decimal_comma(t, pair)]
        if (missing or extra or codes or commas) and untranslated(pair):
            return  # the source left in place: unchanged or wrong-language reports the unit
        for got in commas:
            point = got.text.replace(",", ".", 1)
            yield self.finding(pair, f"{got.text} is written with a decimal comma: English "
                               f"writes {point}", expected=point, found=got.text,
                               span=(got.start, got.end))
        for want_code, got_code in codes:
            yield self.finding(pair, f"the source has {want_code.group()}, the target "
                               f"{got_code.group()}", expected=want_code.group(),
                               found=got_code.group(), span=got_code.span())
        for want, got in zip(missing, extra, strict=False):
            yield self.finding(pair, _differs(want, got, pair), expected=want.text, found=got.text,
                               span=(got.start, got.end))
        for want in missing[len(extra):]:
            yield self.finding(pair, f"{want.text} of the source is not in the target",
                               expected=want.text)
        for got in extra[len(missing):]:
            yield self.finding(pair, f"{got.text} is in the target but not in the source",
                               found=got.text, span=(got.start, got.end))


_DECIMAL_COMMA = regex.compile(r"^\d+,\d+")


def _decimal_comma(token: NumberToken, pair: Pair) -> bool:
    """An English target's decimal written with the source's comma (1,5 million from Russian
    1,5 млн): the value reads the same, the notation is not English."""
    return (pair.tgt == "en" and pair.src != "en" and token.kind == "decimal"
            and "." not in token.text and _DECIMAL_COMMA.match(token.text) is not None)


_NAMES = {"en": "English", "az": "Azerbaijani", "ru": "Russian"}


def _differs(want: NumberToken, got: NumberToken, pair: Pair) -> str:
    if want.text.strip() == got.text.strip():
        lang = _NAMES.get(pair.tgt or "", pair.tgt)
        return (f"{got.text} reads as {got.value} in {lang}, but the source means "
                f"{want.value}: write the number as {lang} does")
    return f"the source has {want.text}, the target {got.text}"
