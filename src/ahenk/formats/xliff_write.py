"""XLIFF 1.2 writer: plain XLIFF 1.2, valid against ``xliff-core-1.2-strict.xsd``.

Units that were segments of one ``<trans-unit>`` (``Unit.extra["xliff.segment_of"]``, from
SDLXLIFF or any segmented 1.2 file) and follow each other are written back as one
``<trans-unit>`` with a ``<seg-source>`` of ``<mrk mtype="seg">`` s, so their ``tuid/mid`` ids
survive. Text between segments, SDL's ``<sdl:seg-defs>``, ``<tag-defs>`` and contexts are not
written: a Trados Studio or memoQ file comes out as plain XLIFF 1.2, not as the original file.
Attributes outside the XLIFF namespace (``sdl:conf``, ``mq:status`` …) cannot be written
schema-valid; ``extra_attrs="drop"`` (default) leaves them out with one
``xliff-attribute-dropped`` warning, ``"attributes"`` writes them with the namespaces the store
was read with (not schema-valid). A character XML 1.0 cannot hold raises
:class:`~ahenk.errors.FormatError` naming the unit.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from lxml import etree

import ahenk
from ahenk.diagnostics import Problem, Severity
from ahenk.errors import FormatError, UsageError
from ahenk.formats.xliff_inline import NOT_XML_CHAR, XML_NS, InlineError, write_content
from ahenk.formats.xliff_read import XliffWarning
from ahenk.io import write_bytes
from ahenk.model import Note, Segment, Store, Unit

NS = "urn:oasis:names:tc:xliff:document:1.2"
TU_ATTRS = frozenset(
    "id approved translate reformat xml:space datatype phase-name restype resname extradata "
    "extype help-id menu menu-option menu-name coord font css-style style exstyle size-unit "
    "maxwidth minwidth maxheight minheight maxbytes minbytes charclass merged-trans".split())
SOURCE_ATTRS = frozenset({"xml:lang", "ts"})
TARGET_ATTRS = frozenset("state state-qualifier phase-name xml:lang ts resname coord font "
                         "css-style style exstyle equiv-trans".split())
FILE_ATTRS = ("original", "source-language", "datatype", "date", "xml:space",
              "category", "target-language", "product-name", "product-version", "build-num")


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


class _Writer:
    def __init__(self, store: Store, path: str | os.PathLike[str], extra_attrs: str) -> None:
        self.store, self.path, self.extra_attrs = store, path, extra_attrs
        self.dropped: dict[str, None] = {}
        self.namespaces: dict[str, str] = dict(store.header.extra.get("xliff.namespaces", {}))

    def check(self, value: str, what: str) -> str:
        bad = NOT_XML_CHAR.search(value)
        if bad:
            raise FormatError(f"{what}: character U+{ord(bad.group()):04X} cannot be written in "
                              "XML 1.0 (XLIFF 2.0 can carry it)", self.path)
        return value

    def set_attrs(self, element: etree._Element, attrs: dict[str, str], allowed: frozenset[str],
                  what: str) -> None:
        for key, value in attrs.items():
            self.check(value, f"{what}: attribute {key}")
            if key in allowed:
                element.set(XML_NS + key[4:] if key.startswith("xml:") else key, value)
                continue
            prefix, _, name = key.partition(":")
            uri = self.namespaces.get(prefix) if name else None
            if self.extra_attrs == "attributes" and uri:
                element.set(f"{{{uri}}}{name}", value)
            else:
                self.dropped[key] = None

    def build(self) -> etree._Element:
        store = self.store
        self.root = self._root()
        file_attrs = store.header.extra.get("xliff.files") if store.format == "xliff" else None
        files: dict[int, etree._Element] = {}
        group: list[Unit] = []
        body: etree._Element | None = None
        for index, unit in enumerate(store.units):
            fi = int(unit.extra.get("xliff.file", 0)) if file_attrs else 0
            segment_of = unit.extra.get("xliff.segment_of")
            same = bool(group) and segment_of is not None and group[0].extra.get(
                "xliff.segment_of", (None,))[0] == segment_of[0] and fi in files and \
                body is files[fi][-1]
            if group and not same:
                self._flush(group, body)  # type: ignore[arg-type]
                group = []
            if fi not in files:
                files[fi] = self._file(fi, file_attrs)
            body = files[fi][-1]
            group.append(unit)
            unit.extra["xliff.index"] = index
        if group:
            self._flush(group, body)  # type: ignore[arg-type]
        if not files:
            self._file(0, None)
        return self.root

    def _file(self, index: int, file_attrs: list[dict[str, str]] | None) -> etree._Element:
        store = self.store
        attrs = dict(file_attrs[index]) if file_attrs and index < len(file_attrs) else {}
        header = store.header
        if header.source_lang is not None and "source-language" not in attrs:
            attrs["source-language"] = header.source_lang.written()
        if header.target_lang is not None and "target-language" not in attrs:
            attrs["target-language"] = header.target_lang.written()
        if "source-language" not in attrs:
            raise FormatError("XLIFF 1.2 needs a source language; the store has none", self.path)
        attrs.setdefault("original", Path(store.origin).name if store.origin else "ahenk")
        attrs.setdefault("datatype", "plaintext")
        file_el = etree.SubElement(self.root, _q("file"))
        for key in FILE_ATTRS:
            if key in attrs:
                self.set_attrs(file_el, {key: attrs[key]}, frozenset(FILE_ATTRS), "<file>")
        header_el = etree.SubElement(file_el, _q("header"))
        tool = etree.SubElement(header_el, _q("tool"), {"tool-id": "ahenk", "tool-name": "ahenk",
                                                        "tool-version": ahenk.__version__})
        del tool
        if index == 0:
            for note in header.notes:
                self._note(header_el, note, "header note")
        etree.SubElement(file_el, _q("body"))
        return file_el

    def _root(self) -> etree._Element:
        nsmap: dict[str | None, str] = {None: NS}
        if self.extra_attrs == "attributes":
            nsmap.update({p: u for p, u in self.namespaces.items() if u != NS and p != "xml"})
        root = etree.Element(_q("xliff"), nsmap=nsmap)
        root.set("version", "1.2")
        return root

    def _note(self, parent: etree._Element, note: Note, what: str) -> None:
        element = etree.SubElement(parent, _q("note"))
        element.text = self.check(note.text, what)
        if note.lang is not None:
            element.set(XML_NS + "lang", note.lang.written())
        if note.author:
            element.set("from", self.check(note.author, what))
        if note.annotates in ("source", "target"):
            element.set("annotates", note.annotates)

    def _content(self, element: etree._Element, segment: Segment, unit: Unit) -> None:
        dropped: list[str] = []
        try:
            write_content(element, segment, 1, _q, None,
                          lambda v, w: self.check(v, f"unit {unit.id!r}: {w}"), dropped)
        except InlineError as exc:
            raise FormatError(f"unit {unit.id!r}: {exc}", self.path) from None
        self.dropped.update(dict.fromkeys(dropped))

    def _flush(self, group: list[Unit], body: etree._Element) -> None:
        first = group[0]
        segment_of = first.extra.get("xliff.segment_of")
        index = first.extra.get("xliff.index", 0)
        for unit in group:
            unit.extra.pop("xliff.index", None)
        tu = etree.SubElement(body, _q("trans-unit"))
        tuid = segment_of[0] if segment_of else (first.id or str(index + 1))
        attrs = dict(first.attrs)
        if segment_of:  # per-segment SDL attributes have no place on a plain trans-unit
            attrs = {k: v for k, v in attrs.items() if not k.startswith("sdl:")}
            for unit in group:
                self.dropped.update(dict.fromkeys(k for k in unit.attrs if k.startswith("sdl:")))
        attrs["id"] = tuid
        self.set_attrs(tu, attrs, TU_ATTRS, f"unit {tuid!r}")
        source_el = etree.SubElement(tu, _q("source"))
        self.set_attrs(source_el, first.source.attrs, SOURCE_ATTRS, f"unit {tuid!r}")
        if segment_of is None:
            self._content(source_el, first.source, first)
            if first.target is not None:
                target_el = etree.SubElement(tu, _q("target"))
                self.set_attrs(target_el, first.target.attrs, TARGET_ATTRS, f"unit {tuid!r}")
                _own_lang(target_el, first.target, self.store.header.target_lang)
                self._content(target_el, first.target, first)
        else:
            self._content(source_el, _joined([u.source for u in group]), first)
            seg_source = etree.SubElement(tu, _q("seg-source"))
            targets = [u.target for u in group if u.target is not None]
            target_el = etree.SubElement(tu, _q("target")) if targets else None
            if target_el is not None:
                self.set_attrs(target_el, targets[0].attrs, TARGET_ATTRS, f"unit {tuid!r}")
            for unit in group:
                mid = unit.extra["xliff.segment_of"][1]
                mark = etree.SubElement(seg_source, _q("mrk"), mtype="seg", mid=mid)
                self._content(mark, unit.source, unit)
                if target_el is not None and unit.target is not None:
                    mark = etree.SubElement(target_el, _q("mrk"), mtype="seg", mid=mid)
                    self._content(mark, unit.target, unit)
        for unit in group:
            for note in unit.notes:
                self._note(tu, note, f"unit {unit.id!r}: note")


def _own_lang(element: etree._Element, segment: Segment, default: Any) -> None:
    """xml:lang on a target whose language is not the file's (kept by the reader)."""
    if segment.lang is not None and element.get(XML_NS + "lang") is None and (
            default is None or segment.lang != default):
        element.set(XML_NS + "lang", segment.lang.written())


def _joined(segments: list[Segment]) -> Segment:
    """The segments of a trans-unit as one plain <source>: texts and spans in a row."""
    text, spans, names, offset = [], [], [], 0
    for seg in segments:
        text.append(seg.text)
        stored = seg.extra.get("xliff.elements")
        fits = stored is not None and len(stored) == len(seg.spans)
        for i, span in enumerate(seg.spans):
            spans.append(replace(span, start=span.start + offset, end=span.end + offset))
            names.append(stored[i] if fits else "")
        offset += len(seg.text)
    return Segment("".join(text), spans=tuple(spans), extra={"xliff.elements": tuple(names)})


def write_store(store: Store, path: str | os.PathLike[str], **options: Any) -> None:
    extra_attrs = options.pop("extra_attrs", "drop")
    problems: Callable[[Problem], None] | None = options.pop("problems", None)
    if options:
        raise UsageError(f"xliff: unknown option(s) {', '.join(sorted(options))}")
    if extra_attrs not in ("drop", "attributes"):
        raise UsageError(f"extra_attrs={extra_attrs!r}: expected 'drop' or 'attributes'")
    writer = _Writer(store, path, extra_attrs)
    root = writer.build()
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          pretty_print=False)
    write_bytes(path, data + b"\n")
    if writer.dropped:
        problem = Problem("xliff-attribute-dropped", "attributes outside XLIFF 1.2 were not "
                          f"written: {', '.join(sorted(writer.dropped))}",
                          None, Severity.WARNING)
        if problems is not None:
            problems(problem)
        else:
            warnings.warn(XliffWarning(problem), stacklevel=3)
