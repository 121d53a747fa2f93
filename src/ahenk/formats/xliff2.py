"""XLIFF 2.0/2.1 core: reader and writer (the ``xliff2`` format; see :mod:`ahenk.formats.xliff`).

One :class:`~ahenk.model.Unit` per ``<segment>``. ``Unit.id`` is the ``<unit>``'s id when it has
one segment, else ``unit-id/segment-id`` (a segment without id: its 1-based position). What the
writer needs to rebuild the ``<unit>`` is in ``Unit.extra``: ``xliff2.unit`` (unit id),
``xliff2.segment`` (segment id or None), ``xliff2.data`` (``originalData``, id → native code, on
the unit's first segment), ``xliff2.ignorable`` (list of ``(source, target)`` of the
``<ignorable>`` s that follow the segment) and ``xliff2.ignorable_before`` (those before the
first segment). Unit attributes (id, name, type, translate, canResegment …) are in ``Unit.attrs``;
the segment's ``state``/``subState`` in the target's ``Segment.attrs`` (as 1.2 keeps them on
``<target>``); segment ``canResegment`` in ``Unit.extra["xliff2.segment_attrs"]``. Unit notes go
to the unit's first segment (``appliesTo`` → ``Note.annotates``, ``category`` → ``Note.author``).
Groups are flattened; group and file notes, metadata and modules other than core are not kept.
"""

from __future__ import annotations

import os
import re
from typing import Any

from lxml import etree

from ahenk.errors import FormatError, SchemaError
from ahenk.formats._xml import local
from ahenk.formats.xliff_inline import InlineError, read_content, write_content
from ahenk.formats.xliff_read import Broken, Reporter, _first, _kids, attrs_of, note_of, parse_lang
from ahenk.model import Header, LanguageTag, Location, Segment, Store, Unit

NS = "urn:oasis:names:tc:xliff:document:2.0"
_NMTOKEN = re.compile(r"^[\w.:\-]+$")
SEGMENT_ATTRS = ("canResegment",)


def read_root(root: etree._Element, path: str, report: Reporter) -> Store:
    header = Header()
    header.extra["xliff.version"] = root.get("version") or "2.0"
    header.source_lang = parse_lang(root.get("srcLang"), report, root.sourceline)
    tgt = parse_lang(root.get("trgLang"), report, root.sourceline)
    header.target_langs = [tgt] if tgt is not None else []
    store = Store(header=header, origin=path, format="xliff2")
    files = _kids(root, "file")
    if not files:
        raise SchemaError("<xliff> has no <file>", path, root.sourceline)
    header.extra["xliff.files"] = []
    for index, file in enumerate(files):
        header.extra["xliff.files"].append(attrs_of(file))
        for element in file.iter():
            if local(element) == "unit":
                try:
                    store.extend(_unit(element, index, header, path, report))
                except (Broken, InlineError) as exc:
                    code = getattr(exc, "code", "xliff-bad-inline")
                    report(code, f"{exc}; unit skipped", element.sourceline)
    return store


def _unit(element: etree._Element, file_index: int, header: Header, path: str,
          report: Reporter) -> list[Unit]:
    attrs = attrs_of(element)
    uid = attrs.get("id")
    if uid is None:
        raise Broken("xliff-no-id", "<unit> has no id")
    data: dict[str, str] = {}
    original = _first(element, "originalData")
    if original is not None:
        for item in _kids(original, "data"):
            data[item.get("id", "")] = "".join(item.itertext())
    notes_el = _first(element, "notes")
    notes = [note_of(n, report, 2) for n in _kids(notes_el, "note")] if notes_el is not None \
        else []
    parts = [c for c in element if local(c) in ("segment", "ignorable")]
    segments = [c for c in parts if local(c) == "segment"]
    if not segments:
        raise Broken("xliff-no-segment", f"<unit id={uid!r}> has no <segment>")
    units: list[Unit] = []
    before: list[tuple[str, str | None]] = []
    for part in parts:
        source_el, target_el = _first(part, "source"), _first(part, "target")
        if source_el is None:
            raise Broken("xliff-no-source", f"<{local(part)}> has no <source>", part.sourceline)
        if local(part) == "ignorable":
            pair = (read_content(source_el, 2)[0],
                    read_content(target_el, 2)[0] if target_el is not None else None)
            (units[-1].extra.setdefault("xliff2.ignorable", []) if units else before).append(pair)
            continue
        sid = part.get("id")
        position = len(units) + 1
        uid_out = uid if len(segments) == 1 else f"{uid}/{sid or position}"
        source = _segment(source_el, header.source_lang, data, report)
        targets = []
        if target_el is not None:
            target = _segment(target_el, header.target_lang, data, report)
            for name in ("state", "subState"):
                if part.get(name) is not None:
                    target.attrs[name] = part.get(name)
            targets.append(target)
        unit = Unit(source, targets, id=uid_out, attrs=dict(attrs),
                    location=Location(path, part.sourceline))
        unit.extra.update({"xliff.file": file_index, "xliff2.unit": uid, "xliff2.segment": sid})
        seg_attrs = {k: v for k, v in attrs_of(part).items() if k in SEGMENT_ATTRS}
        if seg_attrs:
            unit.extra["xliff2.segment_attrs"] = seg_attrs
        if not targets and part.get("state") is not None:
            unit.extra["xliff2.segment_attrs"] = {**seg_attrs, "state": part.get("state")}
        if not units:
            unit.notes = notes
            if data:
                unit.extra["xliff2.data"] = data
            if before:
                unit.extra["xliff2.ignorable_before"] = before
        units.append(unit)
    return units


def _segment(element: etree._Element, default: LanguageTag | None, data: dict[str, str],
             report: Reporter) -> Segment:
    text, spans, names = read_content(element, 2, data)
    attrs = attrs_of(element)
    lang = parse_lang(attrs.get("xml:lang"), report, element.sourceline) or default
    segment = Segment(text, lang, spans=spans, attrs=attrs)
    if names:
        segment.extra["xliff.elements"] = names
    return segment


# --------------------------------------------------------------------------- writing


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def build(store: Store, path: str | os.PathLike[str], check: Any) -> etree._Element:
    header = store.header
    root = etree.Element(_q("xliff"), nsmap={None: NS})
    root.set("version", "2.0")
    src = header.source_lang or _first_lang(store, source=True)
    if src is None:
        raise FormatError("XLIFF 2.0 needs a source language (srcLang); the store has none", path)
    root.set("srcLang", src.written())
    tgt = header.target_lang or _first_lang(store, source=False)
    if tgt is not None:
        root.set("trgLang", tgt.written())
    files: dict[int, etree._Element] = {}
    file_attrs = header.extra.get("xliff.files") if store.format == "xliff2" else None
    current: tuple[int, Any] | None = None
    unit_el: etree._Element | None = None
    data: dict[str, str] = {}
    seen: set[str] = set()
    for index, unit in enumerate(store.units):
        fi = int(unit.extra.get("xliff.file", 0)) if file_attrs else 0
        if fi not in files:
            attrs = (file_attrs[fi] if file_attrs and fi < len(file_attrs) else {})
            file_el = etree.SubElement(root, _q("file"))
            file_el.set("id", attrs.get("id", f"f{fi + 1}"))
            if attrs.get("original"):
                file_el.set("original", attrs["original"])
            files[fi] = file_el
        uid = unit.extra.get("xliff2.unit") or unit.id or str(index + 1)
        key = (fi, unit.extra["xliff2.unit"]) if "xliff2.unit" in unit.extra else (fi, index)
        if current != key or unit_el is None:
            if unit_el is not None:
                _finish(unit_el, data)
            if not _NMTOKEN.match(uid) or uid in seen:
                uid = f"u{index + 1}"
            seen.add(uid)
            current = key
            unit_el = etree.SubElement(files[fi], _q("unit"), id=uid)
            if unit.id and unit.id != uid and "xliff2.unit" not in unit.extra:
                unit_el.set("name", check(unit.id, f"unit {index + 1}: id"))
            for key, value in unit.attrs.items():
                if key in ("name", "type", "translate", "canResegment", "srcDir", "trgDir"):
                    unit_el.set(key, check(value, f"unit {unit.id!r}: attribute {key}"))
            data = dict(unit.extra.get("xliff2.data", {}))
            if unit.notes:
                notes_el = etree.SubElement(unit_el, _q("notes"))
                for note in unit.notes:
                    note_el = etree.SubElement(notes_el, _q("note"))
                    if note.annotates in ("source", "target"):
                        note_el.set("appliesTo", note.annotates)
                    if note.author:
                        note_el.set("category", check(note.author, "note category"))
                    note_el.text = check(note.text, f"unit {unit.id!r}: note")
            for pair in unit.extra.get("xliff2.ignorable_before", ()):
                _ignorable(unit_el, pair, unit, path)
        unit.extra["xliff2.default_target"] = tgt
        try:
            _segment_el(unit_el, unit, data, path, check)
        finally:
            del unit.extra["xliff2.default_target"]
        for pair in unit.extra.get("xliff2.ignorable", ()):
            _ignorable(unit_el, pair, unit, path)
    if unit_el is not None:
        _finish(unit_el, data)
    if not files:
        etree.SubElement(root, _q("file"), id="f1")
    return root


def _finish(unit_el: etree._Element, data: dict[str, str]) -> None:
    if not data:
        return
    original = etree.Element(_q("originalData"))
    for key, value in data.items():
        item = etree.SubElement(original, _q("data"), id=key)
        item.text = value
    position = 1 if len(unit_el) and local(unit_el[0]) == "notes" else 0
    unit_el.insert(position, original)


def _fill(element: etree._Element, segment: Segment, data: dict[str, str], unit: Unit,
          path: str | os.PathLike[str]) -> None:
    try:
        write_content(element, segment, 2, _q, data)
    except InlineError as exc:
        raise FormatError(f"unit {unit.id!r}: {exc}", path) from None


def _segment_el(unit_el: etree._Element, unit: Unit, data: dict[str, str],
                path: str | os.PathLike[str], check: Any) -> None:
    seg_el = etree.SubElement(unit_el, _q("segment"))
    sid = unit.extra.get("xliff2.segment")
    if sid is not None and _NMTOKEN.match(sid):
        seg_el.set("id", sid)
    for key, value in unit.extra.get("xliff2.segment_attrs", {}).items():
        seg_el.set(key, value)
    target = unit.target
    if target is not None:
        for key in ("state", "subState"):
            if key in target.attrs:
                seg_el.set(key, check(target.attrs[key], f"unit {unit.id!r}: {key}"))
    _fill(etree.SubElement(seg_el, _q("source")), unit.source, data, unit, path)
    if target is not None:
        target_el = etree.SubElement(seg_el, _q("target"))
        lang = unit.extra.get("xliff2.default_target")
        if target.lang is not None and (
                lang is None or target.lang != lang):
            target_el.set("{http://www.w3.org/XML/1998/namespace}lang", target.lang.written())
        _fill(target_el, target, data, unit, path)


def _ignorable(unit_el: etree._Element, pair: Any, unit: Unit, path: Any) -> None:
    element = etree.SubElement(unit_el, _q("ignorable"))
    source, target = pair
    _fill(etree.SubElement(element, _q("source")), Segment(source), {}, unit, path)
    if target is not None:
        _fill(etree.SubElement(element, _q("target")), Segment(target), {}, unit, path)


def _first_lang(store: Store, source: bool) -> LanguageTag | None:
    for unit in store.units:
        seg = unit.source if source else unit.target
        if seg is not None and seg.lang is not None:
            return seg.lang
    return None
