"""XLIFF 1.0 – 1.2 reader, with the SDLXLIFF (Trados Studio) and memoQ flavours.

See :mod:`ahenk.formats.xliff` for where each part goes in the model. The whole document is
parsed with the hardened parser of :mod:`ahenk.formats._xml` (XLIFF files are per document).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from lxml import etree

from ahenk.diagnostics import Problem, Severity
from ahenk.errors import LanguageTagError, SchemaError
from ahenk.formats._xml import local
from ahenk.formats.xliff_inline import InlineError, attr_name, read_content
from ahenk.model import Header, LanguageTag, Location, Note, Segment, Store, Unit

SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
ProblemSink = Callable[[Problem], None]


class XliffWarning(UserWarning):
    """A located problem met while reading or writing XLIFF; ``.problem`` holds the details."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class Broken(Exception):
    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.line = code, message, line


class Reporter:
    """Lenient: a warning (or the ``problems`` callback); strict: :class:`SchemaError`."""

    def __init__(self, path: str, strict: bool = False, problems: ProblemSink | None = None):
        self.path, self.strict, self.problems = path, strict, problems

    def __call__(self, code: str, message: str, line: int | None = None,
                 severity: Severity = Severity.WARNING) -> None:
        if self.strict and severity is not Severity.INFO:
            raise SchemaError(message, self.path, line)
        problem = Problem(code, message, Location(self.path, line), severity)
        if self.problems is not None:
            self.problems(problem)
        else:
            warnings.warn(XliffWarning(problem), stacklevel=4)


def parse_lang(raw: str | None, report: Reporter, line: int | None) -> LanguageTag | None:
    if not raw:
        return None
    try:
        return LanguageTag.parse(raw)
    except LanguageTagError:
        report("xliff-language", f"{raw!r} is not a language tag; ignored", line)
        return None


def attrs_of(element: etree._Element) -> dict[str, str]:
    return {attr_name(k, element.nsmap): v for k, v in element.attrib.items()}


def note_of(element: etree._Element, report: Reporter, version: int = 1) -> Note:
    text = "".join(element.itertext())
    note = Note(text)
    if version == 1:
        note.author = element.get("from")
        note.annotates = element.get("annotates") or "general"
    else:
        note.annotates = element.get("appliesTo") or "general"
        note.author = element.get("category")
    lang = element.get("{http://www.w3.org/XML/1998/namespace}lang")
    note.lang = parse_lang(lang, report, element.sourceline) if lang else None
    return note


def _kids(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if local(c) == name]


def _first(element: etree._Element, name: str) -> etree._Element | None:
    found = _kids(element, name)
    return found[0] if found else None


class Reader12:
    def __init__(self, root: etree._Element, path: str, report: Reporter) -> None:
        self.root, self.path, self.report = root, path, report

    def read(self) -> Store:
        root = self.root
        header = Header()
        header.extra["xliff.version"] = root.get("version") or ""
        header.extra["xliff.namespaces"] = {p: u for p, u in root.nsmap.items() if p}
        files = _kids(root, "file")
        if not files:
            raise SchemaError("<xliff> has no <file>", self.path, root.sourceline)
        store = Store(header=header, origin=self.path, format="xliff")
        header.extra["xliff.files"] = []
        for index, file in enumerate(files):
            fattrs = attrs_of(file)
            header.extra["xliff.files"].append(fattrs)
            src = parse_lang(file.get("source-language"), self.report, file.sourceline)
            tgt = parse_lang(file.get("target-language"), self.report, file.sourceline)
            if index == 0:
                header.source_lang = src
                header.target_langs = [tgt] if tgt is not None else []
                header.tool = file.get("tool-id") or file.get("tool")
                fheader = _first(file, "header")
                tool = _first(fheader, "tool") if fheader is not None else None
                if tool is not None:
                    header.tool = tool.get("tool-name") or header.tool
                    header.tool_version = tool.get("tool-version")
                if fheader is not None:
                    header.notes.extend(note_of(n, self.report) for n in _kids(fheader, "note"))
            elif tgt is not None and tgt not in header.target_langs:
                header.target_langs.append(tgt)
            body = _first(file, "body")
            if body is None:
                raise SchemaError("<file> has no <body>", self.path, file.sourceline)
            for tu in body.iter():
                if local(tu) == "trans-unit":
                    store.extend(self._trans_unit(tu, index, src, tgt))
        return store

    def _trans_unit(self, tu: etree._Element, file_index: int, src: LanguageTag | None,
                    tgt: LanguageTag | None) -> list[Unit]:
        try:
            return self._build(tu, file_index, src, tgt)
        except Broken as broken:
            self.report(broken.code, broken.message + "; unit skipped", broken.line or
                        tu.sourceline)
            return []
        except InlineError as exc:
            self.report("xliff-bad-inline", f"{exc}; unit skipped", tu.sourceline)
            return []

    def _segment(self, element: etree._Element, default: LanguageTag | None) -> Segment:
        text, spans, names = read_content(element, 1)
        attrs = attrs_of(element)
        lang = parse_lang(attrs.get("xml:lang"), self.report, element.sourceline) or default
        segment = Segment(text, lang, spans=spans, attrs=attrs)
        if names:
            segment.extra["xliff.elements"] = names
        return segment

    def _build(self, tu: etree._Element, file_index: int, src: LanguageTag | None,
               tgt: LanguageTag | None) -> list[Unit]:
        attrs = attrs_of(tu)
        tuid = attrs.get("id")
        if tuid is None:  # required by 1.2; OmegaT's test files leave it out in 1.1
            self.report("xliff-no-id", "<trans-unit> has no id; kept without one",
                        tu.sourceline)
        source_el = _first(tu, "source")
        if source_el is None:
            raise Broken("xliff-no-source", f"<trans-unit id={tuid!r}> has no <source>")
        target_el = _first(tu, "target")
        notes = [note_of(n, self.report) for n in _kids(tu, "note")]
        alt = [self._alt(a) for a in _kids(tu, "alt-trans")]
        seg_source = _first(tu, "seg-source")
        src_marks = _seg_marks(seg_source) if seg_source is not None else []
        if not src_marks:
            source = self._segment(source_el, src)
            targets = [self._segment(target_el, tgt)] if target_el is not None else []
            unit = Unit(source, targets, id=tuid, notes=notes, attrs=attrs,
                        location=Location(self.path, tu.sourceline))
            unit.extra["xliff.file"] = file_index
            if alt:
                unit.extra["xliff.alt_trans"] = alt
            return [unit]
        # segmented (SDLXLIFF, Okapi): one unit per <mrk mtype="seg"> of <seg-source>
        tgt_marks = {m.get("mid"): m for m in _seg_marks(target_el)} \
            if target_el is not None else {}
        sdl = {}
        for defs in tu:
            if local(defs) == "seg-defs":
                for seg in defs:
                    if local(seg) == "seg":
                        sdl[seg.get("id")] = {f"sdl:{k}": v for k, v in seg.attrib.items()
                                              if k != "id"}
        units = []
        for mark in src_marks:
            mid = mark.get("mid")
            if mid is None:
                raise Broken("xliff-no-id", "<mrk mtype=\"seg\"> has no mid", mark.sourceline)
            source = self._segment(mark, src)
            source.attrs = {}
            source.lang = source.lang or src
            target_mark = tgt_marks.get(mid)
            targets = []
            if target_mark is not None:
                target = self._segment(target_mark, tgt)
                target.attrs = {k: v for k, v in attrs_of(target_el).items()}
                targets = [target]
            unit_attrs = dict(attrs)
            unit_attrs.update(sdl.get(mid, {}))
            unit = Unit(source, targets, id=f"{tuid}/{mid}" if tuid is not None else None,
                        attrs=unit_attrs,
                        notes=notes if not units else [],
                        location=Location(self.path, mark.sourceline))
            unit.extra["xliff.file"] = file_index
            unit.extra["xliff.segment_of"] = (tuid, mid)
            if alt and not units:
                unit.extra["xliff.alt_trans"] = alt
            units.append(unit)
        return units

    def _alt(self, element: etree._Element) -> dict[str, Any]:
        out: dict[str, Any] = {"attrs": attrs_of(element)}
        for name in ("source", "target"):
            child = _first(element, name)
            if child is not None:
                out[name] = read_content(child, 1)[0]
        return out


def _seg_marks(element: etree._Element | None) -> list[etree._Element]:
    if element is None:
        return []
    return [m for m in element.iter() if local(m) == "mrk" and m.get("mtype") == "seg"]
