"""XLIFF inline markup (1.2 and 2.0) to and from :class:`~ahenk.model.Span` s.

The conventions are TMX's (:mod:`ahenk.formats.tmx_inline`): ``Segment.text`` is the text only,
every inline element becomes one span in document order, codes are zero-width at the place
they stand, ``Span.code`` is the native code an element carries and ``Span.attrs`` are its
attributes in document order (foreign ones as ``prefix:name``).

=========================================  ================================================
XLIFF element                               span
=========================================  ================================================
1.2 ``<x/>``, ``<ph>``; 2.0 ``<ph/>``       ``PLACEHOLDER`` (``code``: ph's native content;
                                            for 2.0 the ``originalData`` its ``dataRef`` names)
1.2 ``<bx/>``, ``<bpt>``; 2.0 ``<sc/>``     ``BEGIN``
1.2 ``<ex/>``, ``<ept>``; 2.0 ``<ec/>``     ``END``
1.2 ``<it>``                                ``ISOLATED``
1.2 ``<g>``; 2.0 ``<pc>``                   a ``BEGIN`` span where it opens and an ``END`` span
                                            where it closes (both zero-width; the END's attrs
                                            are ``(("id", …),)``), as TMX's bpt/ept
1.2/2.0 ``<mrk>`` (not ``mtype="seg"``)     ``HIGHLIGHT`` covering its text
2.0 ``<sm/>``, ``<em/>``                    zero-width ``HIGHLIGHT``
2.0 ``<cp hex="…"/>``                       the character itself, in the text
=========================================  ================================================

Which element each span came from is kept in ``Segment.extra["xliff.elements"]`` (a tuple
parallel to ``spans``); the writer uses it when it still fits the spans and otherwise picks the
plain form (x/bx/ex/ph/bpt/ept/it/mrk; ph/sc/ec/mrk/sm for 2.0). A ``g``/``pc`` whose END does
not close the innermost open element is written as ``bx``/``ex`` (1.2) or ``sc``/``ec`` (2.0),
which may stand anywhere. ``<sub>`` inside a 1.2 code is flattened into the code's native text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree

from ahenk.model import Segment, Span, SpanKind

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
# XML 1.0 Char production; anything else cannot be written (2.0 writes it as <cp/>)
_MTYPES = frozenset("abbrev abbreviated-form abbreviation acronym appellation collocation "
                    "common-name datetime equation expanded-form formula head-term initialism "
                    "international-scientific-term internationalism logical-expression "
                    "materials-management-unit name near-synonym part-number phrase "
                    "phraseological-unit protected romanized-form seg set-phrase "
                    "short-form sku standard-text symbol synonym synonymous-phrase term "
                    "transcribed-form transliterated-form truncated-term variant".split())
NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

KINDS_12 = {
    "x": SpanKind.PLACEHOLDER, "ph": SpanKind.PLACEHOLDER,
    "bx": SpanKind.BEGIN, "bpt": SpanKind.BEGIN,
    "ex": SpanKind.END, "ept": SpanKind.END,
    "it": SpanKind.ISOLATED, "mrk": SpanKind.HIGHLIGHT, "g": SpanKind.BEGIN,
}
KINDS_20 = {
    "ph": SpanKind.PLACEHOLDER, "sc": SpanKind.BEGIN, "ec": SpanKind.END,
    "mrk": SpanKind.HIGHLIGHT, "sm": SpanKind.HIGHLIGHT, "em": SpanKind.HIGHLIGHT,
    "pc": SpanKind.BEGIN,
}
NATIVE_12 = frozenset({"ph", "bpt", "ept", "it"})  # elements whose content is native code
PAIRED = frozenset({"g", "pc"})

_C12 = ("ctype", "clone", "xid", "equiv-text", "crc", "rid", "assoc", "css-style", "style",
        "exstyle", "font")
#: Attributes each inline element may carry (1.2 strict schema, 2.0 core), required first.
ALLOWED = {
    1: {
        "g": ("id", "ctype", "clone", "xid", "equiv-text", "css-style", "style", "exstyle",
              "font"),
        "x": ("id", "ctype", "clone", "xid", "equiv-text", "crc"),
        "bx": ("id", "rid", "ctype", "clone", "xid", "equiv-text", "crc"),
        "ex": ("id", "rid", "xid", "equiv-text", "crc"),
        "ph": ("id", "ctype", "crc", "assoc", "xid", "equiv-text"),
        "bpt": ("id", "rid", "ctype", "crc", "xid", "equiv-text"),
        "ept": ("id", "rid", "crc", "xid", "equiv-text"),
        "it": ("id", "pos", "rid", "ctype", "crc", "xid", "equiv-text"),
        "mrk": ("mtype", "mid", "comment", "ts"),
    },
    2: {
        "ph": ("id", "canCopy", "canDelete", "canReorder", "copyOf", "disp", "equiv",
               "dataRef", "subFlows", "subType", "type"),
        "pc": ("id", "canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dispStart",
               "dispEnd", "equivStart", "equivEnd", "dataRefStart", "dataRefEnd",
               "subFlowsStart", "subFlowsEnd", "subType", "type", "dir"),
        "sc": ("id", "canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dataRef",
               "dir", "disp", "equiv", "isolated", "subFlows", "subType", "type"),
        "ec": ("id", "startRef", "canCopy", "canDelete", "canOverlap", "canReorder", "copyOf",
               "dataRef", "dir", "disp", "equiv", "isolated", "subFlows", "subType", "type"),
        "mrk": ("id", "translate", "type", "ref", "value"),
        "sm": ("id", "translate", "type", "ref", "value"),
        "em": ("startRef",),
    },
}
REQUIRED = {1: {"mrk": ("mtype",), "it": ("id", "pos")}, 2: {"em": ("startRef",), "ec": ()}}


class InlineError(Exception):
    """Raised here; the reader/writer turns it into a located ahenk error."""


def attr_name(name: str, nsmap: dict[str | None, str]) -> str:
    if name.startswith(XML_NS):
        return "xml:" + name[len(XML_NS):]
    if name.startswith("{"):
        uri, local = name[1:].split("}", 1)
        for prefix, value in nsmap.items():
            if value == uri and prefix:
                return f"{prefix}:{local}"
        return local
    return name


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1]


# --------------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, version: int, data: dict[str, str]) -> None:
        self.kinds = KINDS_12 if version == 1 else KINDS_20
        self.version = version
        self.data = data
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span | None] = []
        self.elements: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value)
            self.length += len(value)

    def content(self, element: etree._Element, skip_seg_mrk: bool = False) -> None:
        self.text(element.text)
        for child in element:
            name = _local(child.tag)
            if name is None:
                if isinstance(child, etree._Entity):
                    raise InlineError(f"unresolved entity reference {child.text}")
                self.text(child.tail)  # comment or processing instruction
                continue
            if name == "cp" and self.version == 2:
                try:
                    self.text(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    raise InlineError(f"<cp hex={child.get('hex')!r}> is not a code point") \
                        from None
                self.text(child.tail)
                continue
            kind = self.kinds.get(name)
            if kind is None:
                raise InlineError(f"<{name}> is not an inline element here")
            attrs = tuple((attr_name(k, child.nsmap), v) for k, v in child.attrib.items())
            index = len(self.spans)
            self.spans.append(None)
            self.elements.append(name)
            start = self.length
            if name in PAIRED:
                self.spans[index] = Span(SpanKind.BEGIN, start, start, self._code(child), attrs)
                self.content(child)
                end_attrs = (("id", child.get("id")),) if child.get("id") is not None else ()
                self.spans.append(Span(SpanKind.END, self.length, self.length,
                                       self._code(child, end=True), end_attrs))
                self.elements.append(name)
            elif kind is SpanKind.HIGHLIGHT and name == "mrk":
                self.content(child)
                self.spans[index] = Span(kind, start, self.length, "", attrs)
            else:
                code = "".join(child.itertext()) if name in NATIVE_12 and self.version == 1 \
                    else self._code(child)
                self.spans[index] = Span(kind, start, start, code, attrs)
            self.text(child.tail)

    def _code(self, element: etree._Element, end: bool = False) -> str:
        if self.version == 1:
            return ""
        ref = element.get("dataRefEnd" if end else ("dataRefStart" if _local(element.tag) ==
                                                      "pc" else "dataRef"))
        return self.data.get(ref, "") if ref else ""


def read_content(element: etree._Element, version: int, data: dict[str, str] | None = None
                 ) -> tuple[str, tuple[Span, ...], tuple[str, ...]]:
    """``(text, spans, element names)`` of a source, target or mrk element."""
    if len(element) == 0:
        return element.text or "", (), ()
    reader = _Reader(version, data or {})
    reader.content(element)
    return "".join(reader.parts), tuple(reader.spans), tuple(reader.elements)  # type: ignore


# --------------------------------------------------------------------------- writing

_DEFAULT_12 = {
    SpanKind.PLACEHOLDER: ("x", "ph"),  # (without native code, with native code)
    SpanKind.BEGIN: ("bx", "bpt"),
    SpanKind.END: ("ex", "ept"),
    SpanKind.ISOLATED: ("it", "it"),
    SpanKind.HIGHLIGHT: ("mrk", "mrk"),
    SpanKind.UNKNOWN: ("x", "ph"),
    SpanKind.SUB: ("mrk", "mrk"),
}
_DEFAULT_20 = {
    SpanKind.PLACEHOLDER: ("ph", "ph"),
    SpanKind.BEGIN: ("sc", "sc"),
    SpanKind.END: ("ec", "ec"),
    SpanKind.ISOLATED: ("ph", "ph"),
    SpanKind.HIGHLIGHT: ("mrk", "mrk"),
    SpanKind.UNKNOWN: ("ph", "ph"),
    SpanKind.SUB: ("mrk", "mrk"),
}


def _names(segment: Segment, version: int) -> list[str]:
    kinds = KINDS_12 if version == 1 else KINDS_20
    defaults = _DEFAULT_12 if version == 1 else _DEFAULT_20
    stored = segment.extra.get("xliff.elements")
    names = []
    for i, span in enumerate(segment.spans):
        name = stored[i] if stored is not None and len(stored) == len(segment.spans) else None
        fits = name in kinds and (kinds[name] is span.kind or (
            name in PAIRED and span.kind in (SpanKind.BEGIN, SpanKind.END)))
        if fits and version == 1 and span.code and name in ("x", "bx", "ex", "g"):
            fits = False  # native code needs ph/bpt/ept
        names.append(name if fits else defaults[span.kind][1 if span.code else 0])
    return names


def write_content(container: etree._Element, segment: Segment, version: int, qname: Callable[
        [str], str], data: dict[str, str] | None = None, check: Callable[[str, str], None]
        | None = None, dropped: list[str] | None = None) -> None:
    """Fill *container* (a source/target/mrk element) with *segment*'s text and spans.

    For 2.0, the native code of each span is put in *data* (id → code) and referenced.
    Characters XML cannot hold raise :class:`InlineError` in 1.2 and become ``<cp/>`` in 2.0.
    """
    text = segment.text
    spans: Sequence[Span] = segment.spans
    names = _names(segment, version)
    # open elements: (element, end offset for ranged mrk or None for g/pc, span index)
    stack: list[tuple[etree._Element, int | None, int]] = [(container, None, -1)]
    last: dict[int, etree._Element | None] = {id(container): None}
    cursor = 0

    def put(value: str) -> None:
        if not value:
            return
        parent = stack[-1][0]
        pieces = NOT_XML_CHAR.split(value) if version == 2 else [value]
        bad = NOT_XML_CHAR.findall(value) if version == 2 else []
        if version == 1 and NOT_XML_CHAR.search(value):
            char = NOT_XML_CHAR.search(value).group()  # type: ignore[union-attr]
            raise InlineError(f"text holds U+{ord(char):04X}, which XML 1.0 cannot represent "
                              "(XLIFF 2.0 can, as <cp/>)")
        for i, piece in enumerate(pieces):
            if piece:
                prev = last[id(parent)]
                if prev is None:
                    parent.text = (parent.text or "") + piece
                else:
                    prev.tail = (prev.tail or "") + piece
            if i < len(bad):
                cp = etree.SubElement(parent, qname("cp"), hex=f"{ord(bad[i]):04X}")
                last[id(parent)] = cp

    allowed = ALLOWED[version]
    required = REQUIRED[version]

    def open_child(name: str, span: Span, index: int) -> etree._Element:
        parent = stack[-1][0]
        element = etree.SubElement(parent, qname(name))
        for key, value in span.attrs:
            if key not in allowed[name]:
                if dropped is not None:
                    dropped.append(f"{name}@{key}")
                continue
            if check:
                check(value, f"attribute {key} of <{name}>")
            element.set(key, value)
        for key in required.get(name, allowed[name][:1]):
            if element.get(key) is None:  # a required attribute the span did not have
                if key == "mtype":
                    value = span.attr("type") or "x-ahenk"
                    element.set(key, value if value in _MTYPES or value.startswith("x-")
                                else f"x-{value}")
                elif key == "pos":
                    element.set(key, "open")
                elif key == "startRef":
                    element.set(key, span.attr("id") or str(index + 1))
                else:
                    element.set(key, str(index + 1))
        last[id(parent)] = element
        last[id(element)] = None
        return element
        last[id(parent)] = element
        last[id(element)] = None
        return element

    def close_ranged(upto: int, zero_width_here: bool) -> None:
        nonlocal cursor
        while len(stack) > 1 and stack[-1][1] is not None:
            end = stack[-1][1]
            if end < upto or (end == upto and zero_width_here and cursor >= end):
                put(text[cursor:end])
                cursor = end
                stack.pop()
            else:
                break

    pending_end: dict[int, int] = {}  # BEGIN index of a g/pc → its END index
    open_pairs: list[int] = []
    for i, span in enumerate(spans):
        if names[i] in PAIRED and span.kind is SpanKind.BEGIN:
            open_pairs.append(i)
        elif names[i] in PAIRED and span.kind is SpanKind.END and open_pairs:
            pending_end[open_pairs.pop()] = i
    paired = set(pending_end) | set(pending_end.values())

    for i, span in enumerate(spans):
        if span.start < cursor or span.end > len(text) or span.end < span.start:
            raise InlineError(f"inline span {i} ({span.kind.value} {span.start}..{span.end}) "
                              "overlaps another or lies outside the text")
        close_ranged(span.start, span.start == span.end)
        put(text[cursor:span.start])
        cursor = span.start
        name = names[i]
        if name in PAIRED and i in paired:
            if span.kind is SpanKind.BEGIN:
                element = open_child(name, span, i)
                if version == 2:
                    _ref(element, span.code, data, "dataRefStart")
                stack.append((element, None, i))
                continue
            # END of a pair: it must close the innermost open element
            while len(stack) > 1 and stack[-1][1] is not None and stack[-1][1] <= span.start:
                stack.pop()
            if stack[-1][2] >= 0 and pending_end.get(stack[-1][2]) == i:
                if version == 2:
                    _ref(stack[-1][0], span.code, data, "dataRefEnd")
                closed = stack.pop()[0]
                last[id(stack[-1][0])] = closed
                continue
            raise InlineError(f"inline span {i}: the paired code does not nest")
        if name in PAIRED:  # unmatched half: stand-alone form
            name = ("bx" if span.kind is SpanKind.BEGIN else "ex") if version == 1 else (
                "sc" if span.kind is SpanKind.BEGIN else "ec")
        element = open_child(name, span, i)
        if span.kind is SpanKind.HIGHLIGHT and name == "mrk":
            stack.append((element, span.end, i))
        elif version == 1 and name in NATIVE_12:
            if check:
                check(span.code, f"code of <{name}>")
            element.text = span.code or None
        elif version == 2 and name in ("ph", "sc", "ec"):
            _ref(element, span.code, data, "dataRef")
    close_ranged(len(text) + 1, False)
    if len(stack) > 1 and stack[-1][1] is None:
        raise InlineError("a paired code (g/pc) is not closed")
    put(text[cursor:])


def _ref(element: etree._Element, code: str, data: dict[str, str] | None, attr: str) -> None:
    if not code or data is None:
        return
    for key, value in data.items():
        if value == code:
            element.set(attr, key)
            return
    key = f"d{len(data) + 1}"
    while key in data:
        key += "_"
    data[key] = code
    element.set(attr, key)
