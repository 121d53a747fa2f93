"""Placeholders and inline codes: what the software or the layout puts in must survive.

Two checks. ``placeholder-mismatch`` reads placeholders written in the text (printf ``%s``,
``%1$d``, ``%(name)s``; braces ``{0}``, ``{name}``, ``{{name}}``; ``${var}``; HTML/XML tags
written as text). ``inline-code-mismatch`` compares the inline codes a format adapter modelled as
spans (TMX ``<ph>``/``<bpt>``/``<ept>``, XLIFF ``<x/>``/``<g>``), so they are checked whatever the
file format. Both compare multisets: reordering is allowed, except for printf conversions
without positions (``%s … %d``), whose order is the order of the arguments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks._text import PLACEHOLDER_PATTERNS, PRINTF
from ahenk.check.finding import Finding
from ahenk.check.registry import register
from ahenk.diagnostics import Severity
from ahenk.model.unit import Segment


def placeholders(text: str) -> list[tuple[str, int, int]]:
    """(placeholder, start, end) for every placeholder written in *text*, in text order."""
    found = [(m.group(), m.start(), m.end())
             for _, pattern in PLACEHOLDER_PATTERNS for m in pattern.finditer(text)]
    return sorted(found, key=lambda item: item[1])


def _describe(items: Iterable[str]) -> str:
    return ", ".join(items)


@register
class PlaceholderMismatch(Check):
    id = "placeholder-mismatch"
    name = "Placeholders differ"
    description = (
        "The target does not have the same placeholders as the source: printf conversions "
        "(%s, %d, %1$s, %(name)s), braces ({0}, {name}, {{name}}), ${var}, or HTML/XML tags "
        "written as text (<b>, </a>). A missing or changed placeholder breaks the software that "
        "fills it in. Order may change, except for printf conversions without a position."
    )
    severity = Severity.ERROR
    related = ("pofilter: printf, variables, xmltags", "Weblate: c_format, python_format, "
               "placeholders, xml-tags")
    examples = (("en", "Deleted %d files", "az", "%s fayl silindi"),
                ("en", "Hello, {name}!", "ru", "Здравствуйте, {имя}!"))

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        target = pair.target_text or ""
        src = placeholders(pair.source_text)
        tgt = placeholders(target)
        if not src and not tgt:
            return  # most segments have none
        missing = Counter(p for p, _, _ in src) - Counter(p for p, _, _ in tgt)
        extra = Counter(p for p, _, _ in tgt) - Counter(p for p, _, _ in src)
        if missing or extra:
            spans = [(s, e) for p, s, e in tgt if p in extra]
            parts = []
            if missing:
                parts.append(f"missing {_describe(missing.elements())}")
            if extra:
                parts.append(f"not in the source: {_describe(extra.elements())}")
            yield self.finding(pair, "placeholders differ: " + "; ".join(parts),
                               expected=_describe(missing.elements()) or None,
                               found=_describe(extra.elements()) or None,
                               span=spans[0] if spans else None)
            return
        order_src = [p for p, _, _ in src if PRINTF.fullmatch(p) and "$" not in p and "(" not in p]
        order_tgt = [p for p, _, _ in tgt if PRINTF.fullmatch(p) and "$" not in p and "(" not in p]
        if order_src != order_tgt:
            yield self.finding(pair, "printf conversions are in another order; number them "
                               "(%1$s, %2$d) to reorder", expected=" ".join(order_src),
                               found=" ".join(order_tgt))


def _codes(segment: Segment) -> Counter:
    return Counter((span.kind.value, span.attr("x") or span.attr("i") or span.code)
                   for span in segment.spans)


def _code_text(key: tuple[str, str]) -> str:
    kind, ident = key
    return f"<{kind}{' ' + ident if ident else ''}>"


@register
class InlineCodeMismatch(Check):
    id = "inline-code-mismatch"
    name = "Inline codes differ"
    description = (
        "The target does not carry the same inline codes as the source: the tags a CAT tool "
        "protects (TMX <ph>, <bpt>/<ept>, <it>; XLIFF <x/>, <g>, <ph>). Lost codes lose "
        "formatting, links or whole fields when the document is rebuilt."
    )
    severity = Severity.ERROR
    related = ("Weblate: xml-tags",)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        assert pair.target is not None
        src, tgt = _codes(pair.source), _codes(pair.target)
        if src == tgt:
            return
        missing = sorted((src - tgt).elements())
        extra = sorted((tgt - src).elements())
        parts = []
        if missing:
            parts.append("missing " + _describe(_code_text(k) for k in missing))
        if extra:
            parts.append("not in the source: " + _describe(_code_text(k) for k in extra))
        yield self.finding(pair, "inline codes differ: " + "; ".join(parts),
                           expected=_describe(_code_text(k) for k in missing) or None,
                           found=_describe(_code_text(k) for k in extra) or None)
