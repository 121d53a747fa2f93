"""TMX inline markup (``<bpt> <ept> <it> <ph> <ut> <hi> <sub>``) to and from :class:`Span` s.

How a ``<seg>`` becomes a :class:`~ahenk.model.Segment`
--------------------------------------------------------
* ``Segment.text`` is every piece of *text* in document order: the character data of
  ``<seg>``, of ``<hi>`` and of ``<sub>``. The native code inside ``<bpt> <ept> <it> <ph> <ut>``
  is not text and never appears in it.
* Every inline element becomes one :class:`Span`, listed in document order (order of start
  tags). ``start``/``end`` are offsets into ``Segment.text``:

  - a code (``bpt ept it ph ut``) without ``<sub>`` is zero-width (``start == end``) at the
    place it stands, and ``Span.code`` is its native code (``<b>``, ``{\\b }`` …);
  - ``<hi>`` and ``<sub>`` cover the text they hold (``start <= end``);
  - a code *with* ``<sub>`` children covers its sub-flows' text. Its ``code`` is the native
    code *before* the first ``<sub>``; each SUB span's ``code`` is the native code that
    *follows* that ``<sub>`` inside the parent, so ``<ph>A<sub>S</sub>B</ph>`` gives
    ``Span(ph, code="A")`` and ``Span(sub, code="B")`` with ``S`` in the text.
    :func:`native_code` puts the parent's full native code back together.
* ``Span.attrs`` are the element's attributes in document order (``i x type pos assoc
  datatype``; ``xml:lang`` written with its prefix).
* Nesting is implied by order and ranges: a span lies inside the nearest preceding open
  ``hi``/``sub``/ranged code whose range holds it. Where that is ambiguous — zero-width spans
  exactly at the end of a container (``<hi>x<ph/></hi>`` versus ``<hi>x</hi><ph/>``), empty
  containers — the reader stores the true parent of every span in
  ``Segment.extra["tmx.parents"]`` (``-1`` for top level), and only then. The writer uses it
  when it still fits the spans and otherwise infers: a container closes as early as it can.

This module turns elements into spans and back; it knows nothing of files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from ahenk.model import Segment, Span, SpanKind

XML_NS = "{http://www.w3.org/XML/1998/namespace}"

KIND_OF_TAG = {
    "bpt": SpanKind.BEGIN,
    "ept": SpanKind.END,
    "it": SpanKind.ISOLATED,
    "ph": SpanKind.PLACEHOLDER,
    "ut": SpanKind.UNKNOWN,
    "hi": SpanKind.HIGHLIGHT,
    "sub": SpanKind.SUB,
}
CODES = frozenset({SpanKind.BEGIN, SpanKind.END, SpanKind.ISOLATED, SpanKind.PLACEHOLDER,
                   SpanKind.UNKNOWN})
TEXT_CONTAINERS = frozenset({SpanKind.HIGHLIGHT, SpanKind.SUB})
_FLAT_KIND = {tag: kind for tag, kind in KIND_OF_TAG.items() if kind in CODES}

#: Attributes the TMX 1.4 DTD allows on each inline element, and which are required.
INLINE_ATTRS = {
    "bpt": ("i", "x", "type"),
    "ept": ("i",),
    "it": ("pos", "x", "type"),
    "ph": ("x", "assoc", "type"),
    "ut": ("x",),
    "hi": ("x", "type"),
    "sub": ("datatype", "type"),
}
REQUIRED_INLINE = {"bpt": ("i",), "ept": ("i",), "it": ("pos",)}

# XML 1.0 Char production; anything else cannot be written.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


#: The quick test for hot loops: a match when *value* holds a character XML 1.0 cannot hold.
search_bad_xml_char = _NOT_XML_CHAR.search


def bad_xml_char(value: str) -> str | None:
    """The first character of *value* that XML 1.0 cannot hold, or None."""
    match = _NOT_XML_CHAR.search(value)
    return match.group() if match else None


def attr_name(name: str) -> str:
    """lxml's Clark name to the written form (``xml:lang``)."""
    if name[0] == "{" and name.startswith(XML_NS):
        return "xml:" + name[len(XML_NS):]
    return name


def clark_name(name: str) -> str:
    return XML_NS + name[4:] if name.startswith("xml:") else name


class InlineError(Exception):
    """Raised inside this module; the reader/writer turns it into a located ahenk error."""

    def __init__(self, message: str, code: str = "tmx-bad-inline") -> None:
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------- reading


class _SegReader:
    __slots__ = ("parts", "length", "spans", "parents")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span | None] = []
        self.parents: list[int] = []

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value)
            self.length += len(value)

    def content(self, element: etree._Element, parent: int) -> None:
        """Text and inline children of seg, hi or sub."""
        self.text(element.text)
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                raise InlineError(f"unresolved entity reference {child.text}", "tmx-entity")
            kind = KIND_OF_TAG.get(tag)
            if kind is None or (kind is SpanKind.SUB and element.tag != "seg"):
                raise InlineError(f"<{tag}> is not allowed in <{element.tag}>")
            index = len(self.spans)
            self.spans.append(None)
            self.parents.append(parent)
            start = self.length
            if kind in TEXT_CONTAINERS:  # hi; or sub straight in seg (TMX 1.1 allowed it)
                self.content(child, index)
                code = ""
            else:
                code = self.code(child, index)
            attrs = tuple((attr_name(k), v) for k, v in child.attrib.items())
            self.spans[index] = Span(kind, start, self.length, code, attrs)
            self.text(child.tail)

    def code(self, element: etree._Element, index: int) -> str:
        """Native code of a bpt/ept/it/ph/ut; its <sub> children become SUB spans."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                raise InlineError(f"unresolved entity reference {child.text}", "tmx-entity")
            if tag != "sub":
                raise InlineError(f"<{tag}> is not allowed in <{element.tag}>")
            sub_index = len(self.spans)
            self.spans.append(None)
            self.parents.append(index)
            start = self.length
            self.content(child, sub_index)
            attrs = tuple((attr_name(k), v) for k, v in child.attrib.items())
            self.spans[sub_index] = Span(SpanKind.SUB, start, self.length, child.tail or "", attrs)
        return element.text or ""


def read_seg(seg: etree._Element) -> tuple[str, tuple[Span, ...], tuple[int, ...] | None]:
    """``(text, spans, parents)`` of a ``<seg>``; parents is None when inference finds them."""
    if len(seg) == 0:
        return seg.text or "", (), None
    flat = _read_flat(seg)
    if flat is not None:
        return flat
    reader = _SegReader()
    reader.content(seg, -1)
    spans = tuple(reader.spans)  # type: ignore[arg-type]
    parents = tuple(reader.parents)
    return "".join(reader.parts), spans, (None if infer_parents(spans) == parents else parents)


def _read_flat(seg: etree._Element) -> tuple[str, tuple[Span, ...], None] | None:
    """The usual case quickly: codes without ``<sub>`` straight in the seg, so every span is
    zero-width at top level and inference finds the parents. None for anything else (the
    general reader then reads it, or reports what is wrong)."""
    text = seg.text or ""
    parts = [text]
    length = len(text)
    spans = []
    for child in seg:
        kind = _FLAT_KIND.get(child.tag)
        if kind is None or len(child):
            return None
        attrs = tuple([(attr_name(k), v) for k, v in child.items()])
        spans.append(Span(kind, length, length, child.text or "", attrs))
        tail = child.tail
        if tail:
            parts.append(tail)
            length += len(tail)
    return "".join(parts), tuple(spans), None


def native_code(segment: Segment, index: int) -> str:
    """The full native code of the code span at *index*, sub-flow text put back in place."""
    spans = segment.spans
    span = spans[index]
    parents = parents_of(segment)
    pieces = [span.code]
    for i in range(index + 1, len(spans)):
        if parents[i] == index and spans[i].kind is SpanKind.SUB:
            sub = spans[i]
            pieces.append(segment.text[sub.start:sub.end])
            pieces.append(sub.code)
    return "".join(pieces)


# --------------------------------------------------------------------------- structure


def _is_container(span: Span) -> bool:
    return span.kind in TEXT_CONTAINERS or (span.kind in CODES and span.end > span.start)


def infer_parents(spans: Sequence[Span]) -> tuple[int, ...]:
    """Parents implied by order and ranges: containers close as early as they can."""
    parents: list[int] = []
    stack: list[int] = []
    for i, span in enumerate(spans):
        while stack:
            top = spans[stack[-1]]
            closes = span.end > top.end or (top.end <= span.start and span.start != top.start)
            if not closes:
                break
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        if _is_container(span):
            stack.append(i)
    return tuple(parents)


def parents_of(segment: Segment) -> tuple[int, ...]:
    """The stored parents when they still fit the spans, else the inferred ones."""
    stored = segment.extra.get("tmx.parents")
    spans = segment.spans
    if stored is not None and len(stored) == len(spans):
        fits = True
        for i, parent in enumerate(stored):
            if parent == -1:
                continue
            if not (0 <= parent < i):
                fits = False
                break
            outer, inner = spans[parent], spans[i]
            if not (outer.start <= inner.start and inner.end <= outer.end):
                fits = False
                break
        if fits:
            return tuple(stored)
    return infer_parents(spans)


# --------------------------------------------------------------------------- writing


def build_seg(segment: Segment, keep_unknown: bool) -> tuple[etree._Element, list[str]]:
    """A ``<seg>`` element for *segment*; also the names of attributes left out.

    Raises :class:`InlineError` for spans that do not nest, codes holding text outside a
    ``<sub>``, missing required attributes or characters XML cannot hold.
    """
    seg = etree.Element("seg")
    dropped: list[str] = []
    text = segment.text
    spans = segment.spans
    _check_text(text, "text")
    if not spans:
        seg.text = text
        return seg, dropped
    parents = parents_of(segment)
    children: list[list[int]] = [[] for _ in spans]
    top: list[int] = []
    for i, parent in enumerate(parents):
        (top if parent < 0 else children[parent]).append(i)

    def fill(container: etree._Element, start: int, end: int, kids: list[int]) -> None:
        cursor = start
        last: etree._Element | None = None
        for ci in kids:
            span = spans[ci]
            if span.start < cursor or span.end > end or span.start > span.end:
                raise InlineError(
                    f"inline span {ci} ({span.kind.value} {span.start}..{span.end}) overlaps "
                    "another or lies outside its container"
                )
            _append(container, last, text[cursor:span.start])
            element = _element(container, span, dropped, keep_unknown)
            if span.kind in TEXT_CONTAINERS:
                if span.kind is SpanKind.SUB and container.tag in ("seg", "hi", "sub"):
                    raise InlineError("<sub> must be inside a code (bpt, ept, it, ph, ut)")
                fill(element, span.start, span.end, children[ci])
            else:
                _fill_code(element, span, ci)
            cursor = span.end
            last = element
        _append(container, last, text[cursor:end])

    def _fill_code(element: etree._Element, span: Span, index: int) -> None:
        _check_text(span.code, f"code of <{span.kind.value}>")
        element.text = span.code or None
        cursor = span.start
        for ci in children[index]:
            sub = spans[ci]
            if sub.kind is not SpanKind.SUB:
                raise InlineError(f"<{sub.kind.value}> cannot be inside <{span.kind.value}>")
            if sub.start != cursor:
                raise InlineError(f"text inside <{span.kind.value}> must be in a <sub>")
            sub_element = _element(element, sub, dropped, keep_unknown)
            fill(sub_element, sub.start, sub.end, children[ci])
            _check_text(sub.code, "code after <sub>")
            sub_element.tail = sub.code or None
            cursor = sub.end
        if cursor != span.end:
            raise InlineError(f"text inside <{span.kind.value}> must be in a <sub>")

    fill(seg, 0, len(text), top)
    return seg, dropped


def _append(container: etree._Element, last: etree._Element | None, value: str) -> None:
    if not value:
        return
    if last is None:
        container.text = (container.text or "") + value
    else:
        last.tail = (last.tail or "") + value


def _element(parent: etree._Element, span: Span, dropped: list[str], keep_unknown: bool):
    tag = span.kind.value
    allowed = INLINE_ATTRS[tag]
    element = etree.SubElement(parent, tag)
    for name, value in span.attrs:
        if name not in allowed and not keep_unknown:
            dropped.append(f"{tag}@{name}")
            continue
        _check_text(value, f"attribute {name} of <{tag}>")
        element.set(clark_name(name), value)
    for name in REQUIRED_INLINE.get(tag, ()):
        if element.get(name) is None:
            raise InlineError(f"<{tag}> needs attribute {name!r} (TMX 1.4 requires it)")
    return element


def _check_text(value: str, what: str) -> None:
    bad = _NOT_XML_CHAR.search(value)
    if bad is not None:
        raise InlineError(
            f"{what} holds U+{ord(bad.group()):04X}, which XML 1.0 cannot represent"
        )
