"""Streaming, hardened TMX reader (TMX 1.1 – 1.4b) into :mod:`ahenk.model` objects.

``lxml.etree.iterparse`` reports only ``<header>`` and ``<tu>`` ends (lxml filters the
others in C, making no Python object for them); every handled element is cleared and dropped
from its parent, so memory stays flat whatever the file size. Each ``<tu>`` is read in one pass
over its children, a ``<seg>`` holding only text skips the inline machinery, and a language tag
is parsed once per spelling per file (``bench/tmx/run.py`` measures this against a bare lxml
pass). Entities are never expanded, no DTD is loaded and nothing is fetched from the
network. A unit that cannot be represented is *skipped* with a :class:`TmxWarning` (or handed
to the ``problems`` callback) in lenient mode, and raises :class:`~ahenk.errors.SchemaError`
in strict mode; malformed XML always raises :class:`~ahenk.errors.ParseError` with line and
column. See :mod:`ahenk.formats.tmx` for what goes where in the model.
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from ahenk.diagnostics import Problem, Severity
from ahenk.errors import EncodingError, LanguageTagError, ParseError, SchemaError
from ahenk.formats import _xml
from ahenk.formats.tmx_inline import XML_NS, InlineError, attr_name, read_seg
from ahenk.io import open_input, sniff_bom
from ahenk.limits import MAX_SEGMENT_CHARS, segment_too_long
from ahenk.model import Header, LanguageTag, Location, Note, Segment, Store, Unit

HEADER_ATTRS = frozenset(
    "creationtool creationtoolversion segtype o-tmf adminlang srclang datatype o-encoding "
    "creationdate creationid changedate changeid".split()
)
TU_ATTRS = frozenset(
    "tuid o-encoding datatype usagecount lastusagedate creationtool creationtoolversion "
    "creationdate creationid changedate segtype changeid o-tmf srclang".split()
)
TUV_ATTRS = frozenset(
    "o-encoding datatype usagecount lastusagedate creationtool creationtoolversion "
    "creationdate creationid changedate o-tmf changeid lang".split()
)
PROP_ATTRS = frozenset({"type", "xml:lang", "o-encoding", "lang"})
NOTE_ATTRS = frozenset({"xml:lang", "o-encoding", "lang"})

#: Prop type under which the writer keeps attributes the DTD does not know (see tmx.py).
ATTR_PROP = "x-ahenk-attr:"
#: ``srclang`` values meaning "any variant may be the source" (Olifant writes ``all``).
ALL_LANGUAGES = frozenset({"*all*", "all"})

_HARDENED = dict(_xml.HARDENED, remove_comments=True, remove_pis=True)

ProblemSink = Callable[[Problem], None]

_XML_LANG = XML_NS + "lang"
_UNSEEN = object()
_TAGS_REMEMBERED = 256  # distinct language spellings remembered per stream


class TmxWarning(UserWarning):
    """A located problem met while reading TMX leniently; ``.problem`` holds the details."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _Broken(Exception):
    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def parse_tag(raw: str) -> LanguageTag | None:
    try:
        return LanguageTag.parse(raw)
    except LanguageTagError:
        return None


class UnitStream:
    """Iterator over the units of one TMX file; ``header`` is available before the first unit.

    >>> stream = iter_units("memory.tmx")      # doctest: +SKIP
    >>> stream.header.source_lang              # doctest: +SKIP
    >>> for unit in stream: ...                # doctest: +SKIP
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        strict: bool = False,
        problems: ProblemSink | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.strict = strict
        self.problems = problems
        self.skipped = 0
        self._events = self._parse()
        self._header: Header | None = None
        self._srclang: tuple[LanguageTag | None, str] | None = None
        self._tags: dict[str, LanguageTag | None] = {}

    # -- public -------------------------------------------------------------------------

    @property
    def header(self) -> Header:
        if self._header is None:
            self._header = next(self._events)  # the parser yields the header first
        return self._header

    def __iter__(self) -> Iterator[Unit]:
        return self

    def __next__(self) -> Unit:
        if self._header is None:
            self.header  # noqa: B018 - make sure the header was consumed
        return next(self._events)

    def close(self) -> None:
        self._events.close()

    # -- parsing ------------------------------------------------------------------------

    def _parse(self) -> Iterator[Any]:
        path = self.path
        handle = open_input(path)  # located errors; remembered as an input (never overwritten)
        with handle:
            root = _root_name(handle.read(65536))
            handle.seek(0)
            if root is not None and root != "tmx":
                raise SchemaError(f"root element is <{root}>, not <tmx>", path, 1)
            etree.clear_error_log()
            # end events of <header> and <tu> only: libxml2 filters the rest without building
            # a Python object; <tmx version> is read from the header's ancestor
            events = etree.iterparse(handle, events=("end",), tag=("header", "tu"), **_HARDENED)
            header_seen = False
            unit_of = self._unit
            try:
                for _event, element in events:
                    if element.tag == "tu":
                        if not header_seen:
                            raise SchemaError("<tu> before <header>", path, element.sourceline)
                        unit = unit_of(element)
                        _release(element)
                        if unit is not None:
                            yield unit
                    elif not header_seen:
                        header_seen = True
                        tmx = next(element.iterancestors("tmx"), None)
                        version = None if tmx is None else tmx.get("version")
                        header = self._read_header(element, version)
                        _release(element)
                        yield header
            except etree.XMLSyntaxError as exc:
                raise _syntax_error(exc, path) from None
            if not header_seen:
                raise SchemaError("no <header> element", path)

    def _report(self, code: str, message: str, line: int | None) -> None:
        if self.strict:
            raise SchemaError(message, self.path, line)
        problem = Problem(code, message, Location(self.path, line), Severity.WARNING)
        if self.problems is not None:
            self.problems(problem)
        else:
            warnings.warn(TmxWarning(problem), stacklevel=4)

    # -- header -------------------------------------------------------------------------

    def _read_header(self, element: etree._Element, version: str | None) -> Header:
        header = Header()
        unknown: dict[str, str] = {}
        for key, value in element.attrib.items():
            name = attr_name(key)
            if name == "creationtool":
                header.tool = value
            elif name == "creationtoolversion":
                header.tool_version = value
            elif name == "srclang":
                if value.strip().lower() in ALL_LANGUAGES:
                    header.attrs["srclang"] = value  # no source language: first variant is
                    continue
                tag = parse_tag(value)
                if tag is None:
                    header.attrs["srclang"] = value  # unknown tag: matched as written
                header.source_lang = tag
                self._srclang = (tag, value)
            elif name in HEADER_ATTRS:
                header.attrs[name] = value
            else:
                unknown[name] = value
        header.extra["tmx.version"] = version
        udes: list[dict[str, Any]] = []
        for child in element:
            tag = child.tag
            try:
                if tag == "note":
                    self._note(child, header.notes, header.extra)
                elif tag == "prop":
                    self._prop(child, header.props, header.extra, unknown)
                elif tag == "ude":
                    udes.append(
                        {
                            "attrs": tuple(child.attrib.items()),
                            "maps": [tuple(m.attrib.items()) for m in child if m.tag == "map"],
                        }
                    )
                else:
                    raise _Broken("tmx-unexpected-element", f"unexpected <{tag}> in <header>")
            except _Broken as broken:
                self._report(broken.code, broken.message + "; ignored", child.sourceline)
        if udes:
            header.extra["tmx.ude"] = udes
        if unknown:
            header.extra["tmx.attrs"] = unknown
        return header

    # -- units --------------------------------------------------------------------------

    def _unit(self, tu: etree._Element) -> Unit | None:
        line = tu.sourceline
        try:
            return self._build_unit(tu, line)
        except _Broken as broken:
            self.skipped += 1
            self._report(broken.code, broken.message + "; unit skipped", broken.line or line)
            return None

    def _build_unit(self, tu: etree._Element, line: int | None) -> Unit:
        attrs: dict[str, str] = {}
        unknown: dict[str, str] = {}
        for key, value in tu.items():
            if key[0] == "{":
                key = attr_name(key)
            if key in TU_ATTRS:
                attrs[key] = value
            else:
                unknown[key] = value
        props: list[tuple[str, str]] = []
        notes: list[Note] = []
        extra: dict[str, Any] = {}
        variants: list[tuple[Segment, str]] = []
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                variants.append(self._tuv(child))
            elif tag == "prop":
                self._prop(child, props, extra, unknown)
            elif tag == "note":
                self._note(child, notes, extra)
            elif isinstance(tag, str):
                raise _Broken("tmx-unexpected-element", f"unexpected <{tag}> in <tu>",
                              child.sourceline)
            else:
                raise _Broken("tmx-entity", f"unresolved entity reference {child.text} in <tu>")
        if not variants:
            raise _Broken("tmx-no-variant", "<tu> has no <tuv>")
        if unknown:
            extra["tmx.attrs"] = unknown
        wanted = self._srclang
        raw_src = attrs.get("srclang")
        if raw_src is not None:
            all_languages = raw_src.strip().lower() in ALL_LANGUAGES
            wanted = None if all_languages else (self._lang(raw_src), raw_src)
        index = 0 if wanted is None else source_index(variants, *wanted)
        if index is None:
            tag, raw = wanted  # type: ignore[misc]
            self._report(
                "tmx-no-source-variant",
                f"<tu> has no variant in the source language {raw!r}; kept with an empty source",
                line,
            )
            source = Segment("", tag, extra={"tmx.lang": raw} if tag is None else {})
            extra["tmx.no_source"] = True
            targets = [seg for seg, _ in variants]
        else:
            source = variants[index][0]
            if index:
                extra["tmx.source_index"] = index
                targets = [seg for i, (seg, _) in enumerate(variants) if i != index]
            else:
                targets = [seg for seg, _ in variants[1:]]
        # positional: Unit(source, targets, id, notes, props, attrs, location, extra)
        return Unit(source, targets, attrs.get("tuid"), notes, props, attrs,
                    Location(self.path, line), extra)

    def _lang(self, raw: str) -> LanguageTag | None:
        """:func:`parse_tag`, remembered per spelling (a file names a handful of languages)."""
        tag = self._tags.get(raw, _UNSEEN)
        if tag is _UNSEEN:
            tag = parse_tag(raw)
            if len(self._tags) < _TAGS_REMEMBERED:
                self._tags[raw] = tag
        return tag  # type: ignore[return-value]

    def _tuv(self, tuv: etree._Element) -> tuple[Segment, str]:
        attrs: dict[str, str] = {}
        unknown: dict[str, str] = {}
        raw_lang: str | None = None
        for key, value in tuv.items():
            if key == _XML_LANG:
                raw_lang = value
                continue
            if key[0] == "{":
                key = attr_name(key)
            if key in TUV_ATTRS:
                attrs[key] = value
            else:
                unknown[key] = value
        if raw_lang is None:
            raw_lang = attrs.pop("lang", None)  # TMX 1.1 wrote lang="…"
        if raw_lang is None:
            raise _Broken("tmx-no-language", "<tuv> has no xml:lang", tuv.sourceline)
        lang = self._tags.get(raw_lang, _UNSEEN)
        if lang is _UNSEEN:
            lang = self._lang(raw_lang)
        extra: dict[str, Any] = {} if lang is not None else {"tmx.lang": raw_lang}
        props: list[tuple[str, str]] = []
        notes: list[Note] = []
        seg_element = None
        for child in tuv:
            tag = child.tag
            if tag == "seg":
                if seg_element is not None:
                    raise _Broken("tmx-bad-structure", "<tuv> has more than one <seg>",
                                  child.sourceline)
                seg_element = child
            elif tag == "prop":
                self._prop(child, props, extra, unknown)
            elif tag == "note":
                self._note(child, notes, extra)
            elif isinstance(tag, str):
                raise _Broken("tmx-unexpected-element", f"unexpected <{tag}> in <tuv>",
                              child.sourceline)
            else:
                raise _Broken("tmx-entity", f"unresolved entity reference {child.text} in <tuv>")
        if seg_element is None:
            raise _Broken("tmx-bad-structure", "<tuv> has no <seg>", tuv.sourceline)
        if len(seg_element):
            try:
                text, spans, parents = read_seg(seg_element)
            except InlineError as exc:
                raise _Broken(exc.code, str(exc), seg_element.sourceline) from None
        else:  # text only: most segments
            text, spans, parents = seg_element.text or "", (), None
        if len(text) > MAX_SEGMENT_CHARS:
            raise _Broken("segment-too-long", segment_too_long(text) or "",
                          seg_element.sourceline)
        if parents is not None:
            extra["tmx.parents"] = parents
        seg_attrs = seg_element.items()
        if seg_attrs:
            extra["tmx.seg_attrs"] = {attr_name(k): v for k, v in seg_attrs}
        if unknown:
            extra["tmx.attrs"] = unknown
        return Segment(text, lang, spans, props, notes, attrs, extra), raw_lang

    # -- props and notes ----------------------------------------------------------------

    def _prop(self, element: etree._Element, props: list, extra: dict, unknown: dict) -> None:
        if len(element):
            _only_text(element)  # raises
        value = element.text or ""
        items = element.items()
        if len(items) == 1 and items[0][0] == "type":  # the usual <prop type="…">
            kind: str | None = items[0][1]
            rest: tuple[tuple[str, str], ...] = ()
        else:
            kind = element.get("type")
            rest = tuple((attr_name(k), v) for k, v in items if k != "type")
        if kind is not None and kind.startswith(ATTR_PROP):
            unknown[kind[len(ATTR_PROP):]] = value
            return
        props.append((kind or "", value))
        if rest or kind is None:
            extra.setdefault("tmx.prop_attrs", []).append((kind or "", value, rest))

    def _note(self, element: etree._Element, notes: list, extra: dict) -> None:
        text = _only_text(element)
        note = Note(text)
        rest: list[tuple[str, str]] = []
        for key, value in element.items():
            name = attr_name(key)
            if name in ("xml:lang", "lang") and note.lang is None:
                note.lang = self._lang(value)
                if note.lang is not None:
                    continue
            rest.append((name, value))
        notes.append(note)
        if rest:
            extra.setdefault("tmx.note_attrs", []).append((text, tuple(rest)))


def _only_text(element: etree._Element) -> str:
    if len(element):
        child = element[0]
        what = f"<{child.tag}>" if isinstance(child.tag, str) else f"entity {child.text}"
        raise _Broken("tmx-bad-structure", f"<{element.tag}> may hold only text, not {what}",
                      element.sourceline)
    return element.text or ""


def source_index(
    variants: list[tuple[Segment, str]], tag: LanguageTag | None, raw: str
) -> int | None:
    """First exact language match, else first variant of the same language, else None."""
    if variants and variants[0][1] == raw:
        return 0  # written exactly as asked: what the loop below finds first
    folded = raw.strip().lower()
    for i, (segment, written) in enumerate(variants):
        if (tag is not None and segment.lang == tag) or written.strip().lower() == folded:
            return i
    if tag is not None:
        for i, (segment, _) in enumerate(variants):
            if segment.lang is not None and segment.lang.language == tag.language:
                return i
    return None


def _release(element: etree._Element) -> None:
    """Clear *element* and drop the elements before it (the handled ones) from its parent."""
    element.clear(keep_tail=False)
    if element.getprevious() is None:
        return
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S)
_ROOT = re.compile(r"\s*<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _root_name(head: bytes) -> str | None:
    """The root element's local name from the first bytes, or None when it cannot be told.

    A plain scan, not a parser: lxml's pull parser, fed a head whose entity declarations make
    libxml2 stop, leaves element proxies it later fails to unregister (found by fuzzing).
    """
    encoding, skip = sniff_bom(head)
    if encoding is None and head[:2] in (b"<\x00", b"\x00<"):
        encoding = "utf-16-le" if head[:1] == b"<" else "utf-16-be"
    text = codecs.decode(head[skip:], encoding or "utf-8", errors="replace")
    at = 0
    while True:
        prolog = _PROLOG.match(text, at)
        if prolog is None or prolog.end() == at:
            break
        at = prolog.end()
    root = _ROOT.match(text, at)
    return root.group(2) if root else None


_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+$")


def _syntax_error(exc: etree.XMLSyntaxError, path: str) -> ParseError:
    line, column = exc.position if exc.position else (0, 0)
    message = exc.msg or "not well-formed XML"
    fatal = [e for e in exc.error_log if e.level_name == "FATAL"]
    if fatal and (not line or message == "no element found"):
        entry = fatal[0]
        line, column, message = entry.line, entry.column, entry.message
    message = _xml.plain_message(_POSITION_SUFFIX.sub("", message.strip()))
    cls = EncodingError if re.search(r"encoding|utf-?8|utf-?16|bytes", message, re.I) \
        else ParseError
    return cls(f"malformed XML: {message}", path, line or None, column or None)


def stream_units(path: str | os.PathLike[str], **options: Any) -> tuple[Header, Iterator[Unit]]:
    """The header and a generator of the units that fills ``header.target_langs`` as they pass
    (the target languages in first-seen order, the source language left out): complete once
    the generator is exhausted. Closing the generator closes the file."""
    stream = UnitStream(path, **options)
    header = stream.header
    header.target_langs = []

    def units() -> Iterator[Unit]:
        seen = header.target_langs
        source = header.source_lang
        try:
            for unit in stream:
                for segment in unit.targets:
                    lang = segment.lang
                    if lang is not None and lang != source and lang not in seen:
                        seen.append(lang)
                yield unit
        finally:
            stream.close()

    return header, units()


def read_store(path: str | os.PathLike[str], **options: Any) -> Store:
    header, units = stream_units(path, **options)
    return Store(units=list(units), header=header, origin=os.fspath(path), format="tmx")
