"""Streaming TMX 1.4b writer: one ``<tu>`` built and serialised at a time, atomically.

Output is UTF-8, valid against ``tmx14.dtd`` in the default ``extra_attrs="props"`` mode,
and deterministic: the same store gives the same bytes, no clock is read. A character XML
1.0 cannot hold raises :class:`~ahenk.errors.FormatError` naming the unit and the character;
nothing is dropped or replaced silently. Profiles are described in :mod:`ahenk.formats.tmx`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import langcodes
from lxml import etree

import ahenk
from ahenk.diagnostics import Problem, Severity
from ahenk.errors import FormatError, UsageError
from ahenk.formats.tmx_inline import (
    InlineError,
    bad_xml_char,
    build_seg,
    clark_name,
    search_bad_xml_char,
)
from ahenk.formats.tmx_read import (
    ALL_LANGUAGES,
    ATTR_PROP,
    HEADER_ATTRS,
    NOTE_ATTRS,
    PROP_ATTRS,
    TU_ATTRS,
    TUV_ATTRS,
    TmxWarning,
    parse_tag,
    source_index,
)
from ahenk.io import atomic_write
from ahenk.model import Header, LanguageTag, Location, Note, Segment, Store, Unit

SEGTYPES = ("block", "paragraph", "sentence", "phrase")
EXTRA_ATTR_MODES = ("props", "attributes", "drop")
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'

_bad_char = search_bad_xml_char  # the quick test; _check then says which character and where
_NAMES_REMEMBERED = 256  # attribute names whose check and Clark form a writer remembers
_NONE: dict[str, str] = {}

# Languages written in more than one script, whose .NET/Trados culture names carry the script.
_SCRIPT_IN_CULTURE = frozenset({"az", "bs", "ha", "iu", "mn", "sr", "tg", "uz"})


@dataclass(frozen=True)
class Profile:
    """What one CAT tool writes and expects; see the table in :mod:`ahenk.formats.tmx`."""

    name: str
    tags: str  # as-written | lang-region | culture | region
    adminlang: str
    datatype: str
    segtype: str
    doctype: bool


PROFILES = {
    p.name: p
    for p in (
        Profile("generic", "as-written", "en", "plaintext", "sentence", True),
        Profile("omegat", "lang-region", "EN-US", "plaintext", "sentence", True),
        Profile("trados", "culture", "en-US", "xml", "sentence", False),
        Profile("memoq", "lang-region", "en-us", "unknown", "sentence", True),
        Profile("phrase", "region", "en-US", "PlainText", "sentence", False),
    )
}


@lru_cache(maxsize=512)
def _form(tag: LanguageTag, tags: str) -> str:
    # cached on the normalised tag (LanguageTag ignores its spelling in ==), so never used
    # for "as-written"
    if tags == "lang-region":
        return tag.language + (f"-{tag.region}" if tag.region else "")
    likely = langcodes.Language.get(tag.tag).maximize()
    region = tag.region or likely.territory
    script = tag.script
    if tags == "culture" and tag.language in _SCRIPT_IN_CULTURE:
        script = script or likely.script
    elif tags == "culture":
        script = None
    return "-".join(p for p in (tag.language, script, region) if p)


def language_form(tag: LanguageTag | None, raw: str | None, profile: Profile) -> str | None:
    """How *profile* writes a language; unknown tags are written as they were read."""
    if tag is None:
        return raw
    if profile.tags == "as-written":
        return tag.written()
    return _form(tag, profile.tags)


class _UnitError(Exception):
    pass


class TmxWriter:
    """Builds one element at a time; :func:`write_units` drives it inside ``xmlfile``."""

    def __init__(
        self,
        header: Header,
        path: str,
        profile: str = "generic",
        doctype: bool | None = None,
        extra_attrs: str = "props",
    ) -> None:
        if profile not in PROFILES:
            raise UsageError(f"unknown TMX profile {profile!r} (known: {', '.join(PROFILES)})")
        if extra_attrs not in EXTRA_ATTR_MODES:
            raise UsageError(f"extra_attrs must be one of {', '.join(EXTRA_ATTR_MODES)}")
        self.profile = PROFILES[profile]
        self.doctype = self.profile.doctype if doctype is None else doctype
        self.mode = extra_attrs
        self.header = header
        self.path = path
        self.dropped: dict[str, int] = {}
        self._names: dict[str, str] = {}  # attribute names checked so far -> Clark names
        self.header_lang = header.source_lang
        raw = header.attrs.get("srclang")
        self.all_languages = header.source_lang is None and (
            raw is None or raw.strip().lower() in ALL_LANGUAGES
        )
        srclang = language_form(header.source_lang, raw, self.profile)
        if srclang is None or (self.all_languages and self.profile.name != "generic"):
            srclang = "*all*"
        self.srclang = srclang

    # -- header -------------------------------------------------------------------------

    def header_element(self) -> etree._Element:
        header, profile = self.header, self.profile
        srclang = self.srclang
        attrs = header.attrs
        values = {
            "creationtool": "ahenk",
            "creationtoolversion": ahenk.__version__,
            "segtype": attrs.get("segtype") or profile.segtype,
            "o-tmf": attrs.get("o-tmf") or "ahenk",
            "adminlang": attrs.get("adminlang") or profile.adminlang,
            "srclang": srclang,
            "datatype": attrs.get("datatype") or profile.datatype,
        }
        for name in ("o-encoding", "creationdate", "creationid", "changedate", "changeid"):
            if attrs.get(name) is not None:
                values[name] = attrs[name]
        element = etree.Element("header")
        try:
            self._segtype(values["segtype"])
            for name, value in values.items():
                self._set(element, name, value)
            unknown = dict(header.extra.get("tmx.attrs", {}))
            unknown.update({k: v for k, v in attrs.items() if k not in HEADER_ATTRS})
            prop_attrs = self._unknown_attrs(element, unknown, "header")
            self._notes_props(element, header.notes, header.props, header.extra, prop_attrs)
            for ude in header.extra.get("tmx.ude", ()):
                ude_element = etree.SubElement(element, "ude")
                for name, value in ude["attrs"]:
                    self._set(ude_element, name, value)
                for map_attrs in ude["maps"]:
                    map_element = etree.SubElement(ude_element, "map")
                    for name, value in map_attrs:
                        self._set(map_element, name, value)
        except _UnitError as exc:
            raise FormatError(f"header: {exc}", self.path) from None
        _indent(element, "\n    ", "\n  ")
        return element

    # -- units --------------------------------------------------------------------------

    def unit_element(self, unit: Unit, number: int) -> etree._Element:
        try:
            return self._tu(unit)
        except (_UnitError, InlineError) as exc:
            name = f"tuid {unit.id!r}" if unit.id else f"#{number}"
            raise FormatError(f"unit {name}: {exc}", self.path) from None

    def _tu(self, unit: Unit) -> etree._Element:
        profile = self.profile
        tu = etree.Element("tu")
        tuid = unit.id if unit.id is not None else unit.attrs.get("tuid")
        if tuid is not None:
            self._set(tu, "tuid", tuid)
        source = unit.source
        source_raw = source.extra.get("tmx.lang")
        if source.lang is None and source_raw is None:
            source = _with_lang(source, self.header_lang)
        written_srclang = None
        if "srclang" in unit.attrs:
            raw = unit.attrs["srclang"]
            written_srclang = language_form(parse_tag(raw), raw, profile)
        elif (
            self.header_lang is not None
            and source.lang is not None
            and source.lang.language != self.header_lang.language
        ):
            written_srclang = language_form(source.lang, None, profile)
        extra_attrs = unit.extra.get("tmx.attrs")
        unknown = dict(extra_attrs) if extra_attrs else {}
        for name, value in unit.attrs.items():
            if name in ("tuid", "srclang"):
                continue
            if name not in TU_ATTRS:
                unknown[name] = value
                continue
            if name == "segtype":
                self._segtype(value)
            self._set(tu, name, value)
        if written_srclang is not None:
            self._set(tu, "srclang", written_srclang)
        prop_attrs = self._unknown_attrs(tu, unknown, "tu")
        self._notes_props(tu, unit.notes, unit.props, unit.extra, prop_attrs)
        targets = unit.targets
        variants: list[Segment] = list(targets)
        if not (unit.extra.get("tmx.no_source") and source.text == "" and not source.spans):
            index = unit.extra.get("tmx.source_index", 0)
            if isinstance(index, int) and 0 < index <= len(targets):
                trial = [*targets[:index], source, *targets[index:]]
                if self._reader_pick(trial, written_srclang) != index:
                    index = 0  # a re-read would take another variant for the source
            else:
                index = 0
            variants.insert(index, source)
        if not variants:
            raise _UnitError("has no variant to write")
        for segment in variants:
            tu.append(self._tuv(segment))
        _indent(tu, "\n      ", "\n    ")
        return tu

    def _reader_pick(self, variants: list[Segment], tu_srclang: str | None) -> int | None:
        """Which variant the reader would take for the source of what is written."""
        wanted = tu_srclang if tu_srclang is not None else self.srclang
        if wanted.strip().lower() in ALL_LANGUAGES:
            return 0
        written = []
        for segment in variants:
            lang = language_form(segment.lang, segment.extra.get("tmx.lang"), self.profile)
            written.append((Segment("", parse_tag(lang or "")), lang or ""))
        return source_index(written, parse_tag(wanted), wanted)

    def _tuv(self, segment: Segment) -> etree._Element:
        lang = language_form(segment.lang, segment.extra.get("tmx.lang"), self.profile)
        if lang is None:
            raise _UnitError(f"variant {segment.text[:30]!r} has no language")
        tuv = etree.Element("tuv")
        self._set(tuv, "xml:lang", lang)
        extra_attrs = segment.extra.get("tmx.attrs")
        unknown = dict(extra_attrs) if extra_attrs else {}
        for name, value in segment.attrs.items():
            if name in TUV_ATTRS:
                self._set(tuv, name, value)
            else:
                unknown[name] = value
        prop_attrs = self._unknown_attrs(tuv, unknown, "tuv")
        self._notes_props(tuv, segment.notes, segment.props, segment.extra, prop_attrs)
        seg, dropped = build_seg(segment, keep_unknown=self.mode == "attributes")
        for name in dropped:
            self._drop(name)
        for name, value in segment.extra.get("tmx.seg_attrs", _NONE).items():
            if self.mode == "attributes":
                self._set(seg, name, value)
            else:
                self._drop(f"seg@{name}")
        tuv.append(seg)
        _indent(tuv, "\n        ", "\n      ")
        return tuv

    # -- shared pieces ------------------------------------------------------------------

    def _unknown_attrs(
        self, element: etree._Element, unknown: dict[str, str], tag: str
    ) -> list[tuple[str, str]]:
        """Attributes the DTD does not allow: per mode, as props, as attributes, or dropped."""
        if not unknown or self.mode == "drop":
            return []
        if self.mode == "attributes":
            for name, value in unknown.items():
                self._set(element, name, value)
            return []
        return [(ATTR_PROP + name, value) for name, value in unknown.items()]

    def _notes_props(
        self,
        element: etree._Element,
        notes: list[Note],
        props: list[tuple[str, str]],
        extra: dict[str, Any],
        attr_props: list[tuple[str, str]],
    ) -> None:
        if not (notes or props or attr_props):
            return
        note_records = list(extra.get("tmx.note_attrs", ())) if notes else []
        for note in notes:
            node = etree.SubElement(element, "note")
            self._check(note.text, "note")
            node.text = note.text
            if note.lang is not None:
                self._set(node, "xml:lang", note.lang.written())
            for name, value in _take(note_records, (note.text,)):
                self._optional(node, name, value, NOTE_ATTRS)
        prop_records = list(extra.get("tmx.prop_attrs", ()))
        for kind, value in [*props, *attr_props] if attr_props else props:
            node = etree.SubElement(element, "prop")
            self._set(node, "type", kind)
            if _bad_char(value) is not None:
                self._check(value, f"prop {kind!r}")
            node.text = value
            for name, attr_value in _take(prop_records, (kind, value)):
                self._optional(node, name, attr_value, PROP_ATTRS)

    def _optional(self, node: etree._Element, name: str, value: str, allowed) -> None:
        if name in allowed or self.mode == "attributes":
            if node.get(clark_name(name)) is None:
                self._set(node, name, value)
        elif self.mode == "props":
            self._drop(f"{node.tag}@{name}")

    def _set(self, element: etree._Element, name: str, value: str) -> None:
        if _bad_char(value) is not None:
            self._check(value, f"attribute {name}")
        clark = self._names.get(name)
        if clark is None:  # first time: check the name, remember its Clark form
            self._check(name, "an attribute name")
            clark = clark_name(name)
            if len(self._names) < _NAMES_REMEMBERED:
                self._names[name] = clark
        try:
            element.set(clark, value)
        except ValueError as exc:  # e.g. a name that is not an XML name
            raise _UnitError(f"cannot write attribute {name!r}: {exc}") from None

    @staticmethod
    def _check(value: str, what: str) -> None:
        bad = bad_xml_char(value)
        if bad is not None:
            raise _UnitError(f"{what} holds U+{ord(bad):04X}, which XML 1.0 cannot represent")

    @staticmethod
    def _segtype(value: str) -> None:
        if value not in SEGTYPES:
            raise _UnitError(f"segtype {value!r} is not one of {'|'.join(SEGTYPES)}")

    def _drop(self, name: str) -> None:
        self.dropped[name] = self.dropped.get(name, 0) + 1

    def warn_dropped(self) -> None:
        if not self.dropped:
            return
        listed = ", ".join(f"{name} ({count})" for name, count in sorted(self.dropped.items()))
        message = (
            f"left out attributes the TMX 1.4 DTD does not allow: {listed}; "
            "write with extra_attrs='attributes' to keep them"
        )
        problem = Problem("tmx-attribute-dropped", message, Location(self.path), Severity.WARNING)
        warnings.warn(TmxWarning(problem), stacklevel=4)


def _take(records: list, key: tuple) -> tuple[tuple[str, str], ...]:
    for i, record in enumerate(records):
        if tuple(record[:-1]) == key:
            del records[i]
            return tuple(record[-1])
    return ()


def _with_lang(segment: Segment, lang: LanguageTag | None) -> Segment:
    if lang is None:
        return segment
    return Segment(segment.text, lang, segment.spans, segment.props, segment.notes,
                   segment.attrs, segment.extra)


def _indent(element: etree._Element, inner: str, closing: str) -> None:
    """Indent the element children (never inside <seg>, whose whitespace is content)."""
    if len(element) == 0:
        return
    element.text = inner
    for child in element:
        child.tail = inner
    element[-1].tail = closing


def write_units(
    units: Iterable[Unit],
    path: str | os.PathLike[str],
    header: Header | None = None,
    **options: Any,
) -> int:
    """Write *units* (any iterable, e.g. a :class:`UnitStream`) to *path*; return the count."""
    target = os.fspath(path)
    writer = TmxWriter(header or Header(), target, **options)
    header_element = writer.header_element()
    count = 0
    with atomic_write(target, "wb", encoding=None, newline=None) as handle:
        with etree.xmlfile(handle, encoding="UTF-8") as xf:
            xf.write_declaration()
            if writer.doctype:
                xf.write_doctype(DOCTYPE)
            with xf.element("tmx", version="1.4"):
                xf.write("\n  ")
                xf.write(header_element)
                xf.write("\n  ")
                with xf.element("body"):
                    for unit in units:
                        count += 1
                        xf.write("\n    ", writer.unit_element(unit, count))
                    xf.write("\n  ")
                xf.write("\n")
        handle.write(b"\n")
    writer.warn_dropped()
    return count


def write_store(store: Store, path: str | os.PathLike[str], **options: Any) -> int:
    header = store.header
    if header.source_lang is None and "srclang" not in header.attrs:
        languages = {u.source.lang for u in store.units}
        if len(languages) == 1 and None not in languages:
            header = Header(
                source_lang=next(iter(languages)),
                target_langs=header.target_langs,
                tool=header.tool,
                tool_version=header.tool_version,
                props=header.props,
                notes=header.notes,
                attrs=header.attrs,
                extra=header.extra,
            )
    return write_units(store.units, path, header, **options)
