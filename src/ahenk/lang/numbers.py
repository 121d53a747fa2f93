"""Numbers in text, normalised across locales so two translations can be compared by value.

:func:`extract_numbers` finds every number with its offsets and reads its value the way the
text's language writes it:

* Digit groups: a space, no-break space (U+00A0), narrow no-break space (U+202F) or thin space
  between groups of three always groups thousands (3 400). A comma or dot that occurs more than
  once, or next to the other one, is a group separator too (1,234,567; 3.400,5; 3,400.5).
* A single comma or dot is read by locale. English writes the decimal point, so "1.5" is 1.5
  and "3,400" is 3400. Russian and Azerbaijani write the decimal comma, so "1,5" is 1.5 and
  "3,400" is 3.4 (an English "3,400" copied unchanged into Russian is a real error, and the
  number-mismatch check should say so); their dot groups thousands before exactly three digits
  ("3.400" is 3400), and is a decimal point otherwise ("1.5").
* Ordinals: Azerbaijani 1991-ci, 29-cu, 2024-cü (also 1-inci); Russian 2-й, 29-я, 1990-х;
  English 29th, 1st. The value is the number; ``kind`` says "ordinal". Azerbaijani case endings
  after a hyphen (30-dan, 200-dən, 36-sı) belong to the token but do not change the value.
* Percentages: 25%, 25 %, %25 (Azerbaijani, Turkish), 25 percent/faiz/процентов.
* Ranges (2020–2024, 2020-2024, 10–15%) give one token per end.
* Numbers without digits: Roman numerals from I to XXXIX (XXI век, XX əsr, the XX century; a
  single I, V or X only before the word it numbers), the Cyrillic Х and І accepted for their
  Latin look-alikes; Russian полтора/полторы (1.5, so полтора миллиона is 1,500,000).
* Dates stay one token whose value is the ISO date: 01-05-2025 and 01.05.2025 (day first),
  2025-05-01 (ISO), and in English 05/01/2025 (month first, unless the first number is over 12).
  Times (10:30) are one token too.
* Digits glued to a preceding letter are part of a name or code (COP29, H2O), not a number.
* With ``scaled=True`` (what number-mismatch compares) a word for thousand, million or billion
  after a number multiplies it and belongs to the token: Azerbaijani 4 min, 250 mindən,
  1,5 milyon; Russian 250 тыс., 4 тысячи, 1,5 млн, 2 млрд; English 1.5 million. Azerbaijani
  min and its case forms count (5 mina, five mines, does not); Russian "мин" (mines, minutes)
  is never one.

Values are :class:`~decimal.Decimal` (without trailing fractional zeros) or, for dates and times,
a string, so checks can compare multisets of ``value``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import regex

from ahenk.model.langtag import LanguageTag, parse_language

GROUP_SPACES = " \u00a0\u202f\u2009"
_SPACE_CLASS = "[ \\u00a0\\u202f\\u2009]"

_NUMBER = regex.compile(
    r"""
    (?<![\p{L}\p{N}_])
    (?:
        (?P<date>(?P<d1>\d{1,2})(?P<ds>[.\-])(?P<d2>\d{1,2})(?P=ds)(?P<d3>\d{4})
                |(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})
                |(?P<s1>\d{1,2})/(?P<s2>\d{1,2})/(?P<s3>\d{4}))(?!\d)
      | (?P<time>\d{1,2}:\d{2})(?![\d:])
      | (?P<prefix_percent>%\s?)?
        (?P<minus>(?<![\p{N}])[−-](?=\d))?
        (?P<number>
            \d{1,3}(?P<sep>"""
    + _SPACE_CLASS
    + r"""|[,.])\d{3}(?!\d)(?:(?P=sep)\d{3}(?!\d))*(?:[.,]\d+(?!\d))?
          | \d+(?:[.,]\d+(?!\d))?
        )
    )
    """,
    regex.VERBOSE,
)

_DIGITS = regex.compile(r"\d+")
_AZ_ATTACHED = regex.compile(r"[-'’ʼ](\p{Ll}+)")
_AZ_ORDINAL = regex.compile(r"(?:[ıiuü]nc[ıiuü]|nc[ıiuü]|c[ıiuü])")
_RU_ATTACHED = regex.compile(r"-(\p{Ll}{1,3})(?![\p{L}])")
_RU_ORDINAL = frozenset({"й", "я", "е", "го", "му", "м", "х", "ми", "ое", "ой", "ая", "ую",
                         "ые", "ых", "ым", "ыми", "ий", "ья", "ье", "ью", "ого", "ому", "ом"})
_EN_ORDINAL = regex.compile(r"(?:st|nd|rd|th)(?![\p{L}])", regex.IGNORECASE)
_SCALES = {
    "az": ((r"min(?:ə|i|in|də|dən|lik|lərlə)?", 3),  # not mina (a mine)
           (r"milyon\p{L}*|mln\.?", 6), (r"milyard\p{L}*|mlrd\.?", 9)),
    "ru": ((r"тыс\.|тысяч\p{L}*", 3), (r"млн\.?|миллион\p{L}*", 6),
           (r"млрд\.?|миллиард\p{L}*", 9)),
    "en": ((r"thousands?", 3), (r"millions?", 6), (r"billions?", 9)),
}
_SCALE_AFTER = {
    lang: [(regex.compile(rf"[ \u00a0\u202f](?:{words})(?![\p{{L}}])", regex.IGNORECASE), power)
           for words, power in table]
    for lang, table in _SCALES.items()
}
_PERCENT_AFTER = regex.compile(
    r"\s?%|\s(?:per\s?cent|percent|faiz|процент\p{L}*)(?![\p{L}])", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number in a text: its value, where it is (``text[start:end]``) and what kind it is.

    ``kind`` is one of "cardinal", "decimal", "ordinal", "percent", "date", "time".
    """

    value: Decimal | str
    start: int
    end: int
    kind: str
    text: str = ""


def _decimal_sep(lang: str) -> str:
    return "." if lang == "en" else ","


def parse_number(text: str, lang: str | LanguageTag = "en") -> Decimal:
    """The value of one written number (digits, group separators, decimal mark) in *lang*.

    >>> parse_number("3 400,5", "ru"), parse_number("3,400", "en"), parse_number("3,400", "ru")
    (Decimal('3400.5'), Decimal('3400'), Decimal('3.4'))
    """
    return _read(text, parse_language(lang).language)[0]


def _read(text: str, code: str) -> tuple[Decimal, bool]:
    """(value, whether it is written with a decimal mark)."""
    digits = "".join(c for c in text if c not in GROUP_SPACES)
    negative = digits[:1] in ("-", "−") and len(digits) > 1
    digits = digits.lstrip("-−")
    commas, dots = digits.count(","), digits.count(".")
    decimal_mark: str | None = None
    if commas and dots:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif commas == 1 or dots == 1:
        mark = "," if commas else "."
        tail = digits.rsplit(mark, 1)[1]
        if mark == _decimal_sep(code) or len(tail) != 3:
            decimal_mark = mark
    if decimal_mark:
        whole, _, fraction = digits.rpartition(decimal_mark)
    else:
        whole, fraction = digits, ""
    whole = whole.replace(",", "").replace(".", "").lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    value = Decimal(f"{whole}.{fraction}" if fraction else whole)
    return (-value if negative and value else value), decimal_mark is not None


def _date(match: regex.Match[str], lang: str) -> str | None:
    if match.group("iy"):
        year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
    elif match.group("d1"):
        day, month, year = int(match["d1"]), int(match["d2"]), int(match["d3"])
    else:
        first, second, year = int(match["s1"]), int(match["s2"]), int(match["s3"])
        month_first = lang == "en" and first <= 12
        month, day = (first, second) if month_first else (second, first)
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


#: A Roman numeral from I to XXXIX, written with Latin letters or the Cyrillic Х and І that
#: Russian typing often gives them (ХХI век): centuries, sessions, congresses.
_ROMAN = regex.compile(
    r"(?<![\p{L}\p{N}])(?=[IVXІХ])([XХ]{0,3}(?:[IІ][XХ]|[IІ]V|V?[IІ]{0,3}))(?![\p{L}\p{N}])")
#: What a lone I, V or X must stand before to be a numeral (V век, the X century).
_NUMBERED_AFTER = regex.compile(
    r"[ \u00a0\u202f](?:век\p{L}*|вв?\.|съезд\p{L}*|сесси\p{L}*|əsr\p{L}*|qurultay\p{L}*|"
    r"sessiya\p{L}*|centur(?:y|ies)|congress|session)(?![\p{L}])", regex.IGNORECASE)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
#: Russian words for one and a half: полтора миллиона is 1,500,000.
_RU_ONE_AND_A_HALF = regex.compile(r"(?<![\p{L}])(?:полтор[аы]|полутора)(?![\p{L}])",
                                   regex.IGNORECASE)


def _roman_value(numeral: str) -> int:
    digits = [_ROMAN_VALUES[c] for c in numeral.translate(_CYRILLIC_ROMAN)]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d
               for i, d in enumerate(digits))


_CYRILLIC_ROMAN = str.maketrans({"Х": "X", "І": "I"})


def _words_as_numbers(text: str, code: str, scaled: bool) -> list[NumberToken]:
    """Numbers written without digits: Roman numerals (XXI век, the 20th century's XX; a
    single letter only before a word it numbers) and Russian полтора (1.5)."""
    out: list[NumberToken] = []
    for match in _ROMAN.finditer(text):
        numeral = match.group(1)
        if not numeral or (len(numeral) < 2 and not _NUMBERED_AFTER.match(text, match.end())):
            continue
        out.append(NumberToken(Decimal(_roman_value(numeral)), match.start(), match.end(),
                               "ordinal", numeral))
    if code == "ru":
        for match in _RU_ONE_AND_A_HALF.finditer(text):
            token = NumberToken(Decimal("1.5"), match.start(), match.end(), "decimal",
                                match.group())
            out.append(_scale(text, token, code) if scaled else token)
    return out


def extract_numbers(text: str, lang: str | LanguageTag, *,
                    scaled: bool = False) -> list[NumberToken]:
    """Every number in *text*, in order, read as *lang* writes numbers; *scaled*: with a
    following thousand/million/billion word applied (4 min = 4000)."""
    code = parse_language(lang).language
    out: list[NumberToken] = []
    pos = 0
    while (match := _NUMBER.search(text, pos)) is not None:
        pos = match.end()
        if match.group("date"):
            value = _date(match, code)
            if value is not None:
                out.append(NumberToken(value, match.start(), match.end(), "date", match.group()))
                continue
            for part in _DIGITS.finditer(text, match.start(), match.end()):  # not a real date
                out.append(_plain(text, part.start(), part.end(), code))
            continue
        if match.group("time"):
            out.append(NumberToken(match["time"], match.start(), match.end(), "time",
                                   match.group()))
            continue
        token = _number(text, match, code)
        if scaled and token.kind in ("cardinal", "decimal"):
            token = _scale(text, token, code)
        pos = max(pos, token.end)
        out.append(token)
    if _ROMAN.search(text) or (code == "ru" and _RU_ONE_AND_A_HALF.search(text)):
        out = sorted(out + _words_as_numbers(text, code, scaled), key=_start)
    return out


def _start(token: NumberToken) -> int:
    return token.start


def _plain(text: str, start: int, end: int, code: str) -> NumberToken:
    value, _ = _read(text[start:end], code)
    return NumberToken(value, start, end, "cardinal", text[start:end])


def _number(text: str, match: regex.Match[str], code: str) -> NumberToken:
    written = (match["minus"] or "") + match["number"]
    value, fractional = _read(written, code)
    start, end = match.start(), match.end()
    kind = "decimal" if fractional else "cardinal"
    if match["prefix_percent"]:
        kind = "percent"
    elif (percent := _PERCENT_AFTER.match(text, end)) is not None:
        kind, end = "percent", percent.end()
    elif code == "az" and (attached := _AZ_ATTACHED.match(text, end)) is not None:
        if _AZ_ORDINAL.match(attached[1]):
            kind = "ordinal"
        end = attached.end()
    elif code == "ru" and (attached := _RU_ATTACHED.match(text, end)) is not None:
        if attached[1] in _RU_ORDINAL:
            kind = "ordinal"
        end = attached.end()
    elif code == "en" and (suffix := _EN_ORDINAL.match(text, end)) is not None:
        kind, end = "ordinal", suffix.end()
    return NumberToken(value, start, end, kind, text[start:end])


def _scale(text: str, token: NumberToken, code: str) -> NumberToken:
    for pattern, power in _SCALE_AFTER.get(code, ()):
        word = pattern.match(text, token.end)
        if word is not None and isinstance(token.value, Decimal):
            value = (token.value * Decimal(10) ** power).normalize()
            return NumberToken(value.quantize(Decimal(1)) if value == value.to_integral_value()
                               else value, token.start, word.end(), token.kind,
                               text[token.start:word.end()])
    return token


def values(text: str, lang: str | LanguageTag) -> list[Decimal | str]:
    """Just the values, for comparing two texts as multisets."""
    return [token.value for token in extract_numbers(text, lang)]
