"""Spaces around punctuation ("Ombudsman , dedi", «( mətn )», "sözlər,sözlər") and at the
edges of a text ("Password: " translated without its final space).

English, Azerbaijani and Russian write no space before a comma, full stop, semicolon, colon,
question or exclamation mark, none inside brackets and guillemets, and one after a comma or a
semicolon. A space before the mark is the most common trace of typing or of machine translation
("sona çatdı ." ), and Xbench, Verifika and the Trados QA Checker all look for it. French puts a
space before ; : ! ? and inside « », so a French target is left alone.

The target is compared with the source, kind by kind, as the double-space check does: a source
that writes " :" in a table of figures may have its translation do the same. URLs, e-mail
addresses and placeholders are set aside first (``a,b`` in ``%s,%s`` is no missing space), and
so are numbers (3,400; 10:30) and an ellipsis (a trailing " ..." is a quoted speaker's pause).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks._text import mask
from ahenk.check.checks.generic import toolkit_failure
from ahenk.check.finding import Finding
from ahenk.check.registry import register
from ahenk.diagnostics import Severity

_SPACE = "[ \u00a0\u202f\u2009]+"
#: (kind, pattern, what the mark should be): the span a pattern matches is what is wrong.
_RULES: tuple[tuple[str, regex.Pattern[str], str], ...] = (
    # a letter, digit or closing bracket/quote, spaces, then a mark that ends a phrase and is
    # not the start of an ellipsis, a decimal (.5) or a word (.az)
    ("space before", regex.compile(
        rf"(?<=[\p{{L}}\p{{N}}\)\]»”]){_SPACE}([,.;:!?])(?![\p{{L}}\p{{N}}.…])"), "{mark}"),
    ("space after", regex.compile(rf"([(\[«“]){_SPACE}(?=[\p{{L}}\p{{N}}])"), "{mark}"),
    ("space before", regex.compile(rf"(?<=[\p{{L}}\p{{N}}.!?]){_SPACE}([)\]»”])"), "{mark}"),
    # two letters, a comma or semicolon, a letter: "sözlər,sözlər" (not 3,400 nor a.b)
    ("no space after", regex.compile(r"(?<=\p{L}\p{L})([,;])(?=\p{L})"), "{mark} "),
)
#: What every problem above has somewhere in the raw text (a superset: masking only takes
#: matches away). Most texts have none, and two searches of the standard library's engine tell
#: in some 5 µs, where the rules themselves take 12.
_MAYBE_SPACED = re.compile(r"\s[,.;:!?)\]»”]|[(\[«“]\s")
_MAYBE_UNSPACED = re.compile(r"[,;][^\W\d_]")
#: Target languages whose typography puts a space before ; : ! ? or inside « ».
_SPACED = frozenset({"fr"})


def spacing_problems(text: str) -> Iterator[tuple[str, str, int, int, str]]:
    """(kind, mark, start, end, expected) for each space too many or too few around
    punctuation in *text*, URLs, e-mail addresses and placeholders set aside."""
    if _MAYBE_SPACED.search(text) is None and _MAYBE_UNSPACED.search(text) is None:
        return
    masked = mask(text, fill="\ufffc")  # what is masked is neither word nor space
    for kind, pattern, expected in _RULES:
        for match in pattern.finditer(masked):
            mark = match.group(1)
            yield kind, mark, match.start(), match.end(), expected.format(mark=mark)


@register
class PunctuationSpacing(Check):
    id = "punctuation-spacing"
    name = "Spaces around punctuation"
    description = (
        "The target has a space before a comma, full stop, semicolon, colon, question or "
        "exclamation mark (\"dedi ,\"), a space inside brackets or guillemets («( mətn )», "
        "« текст »), or no space after a comma or semicolon between words (\"sözlər,sözlər\"), "
        "more often than the source does. English, Azerbaijani and Russian typography agree "
        "on these; a French target is left alone. Numbers (3,400; 10:30), an ellipsis, URLs, "
        "e-mail addresses and placeholders are not looked at."
    )
    severity = Severity.INFO
    related = ("pofilter: puncspacing (partly)", "Xbench: spaces before punctuation",
               "Verifika: punctuation spacing")
    examples = (("en", "The Ombudsman said, however, that the report is ready.", "az",
                 "Ombudsman isə bildirib ki , hesabat hazırdır."),
                ("en", "The Commissioner (Ombudsman) visited Shusha.", "ru",
                 "Уполномоченный ( Омбудсмен ) посетила Шушу."))

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        if (pair.tgt or "") in _SPACED:
            return
        target = pair.target_text or ""
        found = list(spacing_problems(target))
        if not found:
            return
        in_source: dict[tuple[str, str], int] = {}
        for kind, mark, *_ in spacing_problems(pair.source_text):
            in_source[(kind, mark)] = in_source.get((kind, mark), 0) + 1
        by_kind: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        for kind, mark, start, end, expected in found:
            by_kind.setdefault((kind, mark), []).append((start, end, expected))
        for (kind, mark), spans in by_kind.items():
            if len(spans) <= in_source.get((kind, mark), 0):
                continue  # the source's own spacing, carried over
            for start, end, expected in spans:
                yield self.finding(pair, f"{kind} «{mark}»", expected=expected,
                                   found=target[start:end], span=(start, end))


@register
class EdgeWhitespace(Check):
    id = "edge-whitespace"
    name = "Whitespace at the start or end differs"
    description = (
        "The target does not start or end with the whitespace the source does: \"Password: \" "
        "translated as \"Parol:\", or a leading newline lost. In software strings that space or "
        "newline is part of the string (the program appends the next one to it), and it is "
        "invisible in most editors. pofilter's startwhitespace and endwhitespace tests, under "
        "one ahenk id."
    )
    severity = Severity.WARNING
    related = ("pofilter: startwhitespace, endwhitespace",
               "Weblate: begin_space, end_space, begin_newline, end_newline")
    examples = (("en", "Enter your password: ", "az", "Parolunuzu daxil edin:"),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        source, target = pair.source_text, pair.target_text or ""
        if source.strip() == source and target.strip() == target:
            return  # the usual case: whitespace at neither edge of either text
        lang = pair.tgt or "en"
        for test, edge, part in (("startwhitespace", "start", _leading),
                                 ("endwhitespace", "end", _trailing)):
            if toolkit_failure(test, source, target, lang) is not None:
                expected, found = part(source), part(target)
                yield self.finding(pair, f"different whitespace at the {edge}: "
                                   f"{_shown(found)} where the source has {_shown(expected)}",
                                   expected=expected or None, found=found or None)


def _leading(text: str) -> str:
    return text[:len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()):]


def _shown(space: str) -> str:
    """Whitespace made visible: "a space", "a newline", "none", "2 spaces and a newline"."""
    if not space:
        return "none"
    names = {" ": "space", "\n": "newline", "\t": "tab", "\u00a0": "no-break space"}
    parts = []
    for char in dict.fromkeys(space):
        count = space.count(char)
        name = names.get(char, f"U+{ord(char):04X}")
        parts.append(f"a {name}" if count == 1 else f"{count} {name}s")
    return " and ".join(parts)
