"""Writing the TBX-Basic subset of TBX 2008 or TBX v3 DCA from the model (see
:mod:`ahenk.formats._tbx_common` for the shared names and the ``ahenk:`` notes)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ahenk.errors import FormatError
from ahenk.formats import _xml
from ahenk.formats._tbx_common import _BCP47, STATUS_OUT, Dialect
from ahenk.model.langtag import LanguageTag
from ahenk.termbase.model import TERM_TYPES, Concept, Term, Termbase, TermStatus


@dataclass
class _Writer:
    dialect: Dialect
    path: str | os.PathLike[str]
    ids: set[str] = field(default_factory=set)

    def text(self, value: str, what: str) -> str:
        return _xml.check_text(value, what, self.path)


def written_lang(tag: LanguageTag) -> str:
    """The tag as the user wrote it when that is valid BCP 47 syntax, else the normalised tag."""
    original = tag.original.strip()
    return original if original and _BCP47.match(original) else tag.tag


def document_lang(termbase: Termbase) -> str:
    langs = termbase.languages()
    return written_lang(langs[0]) if langs else "en"


def build_body(termbase: Termbase, dialect: Dialect, body: etree._Element,
               path: str | os.PathLike[str]) -> None:
    """Append one concept element per concept of *termbase* to *body*."""
    if not termbase.concepts:
        raise FormatError(
            f"{dialect.name}: the termbase is empty, and TBX requires at least one concept", path
        )
    writer = _Writer(dialect, path)
    seen: set[str] = set()
    for concept in termbase:
        if concept.id in seen:
            raise FormatError(f"duplicate concept id {concept.id!r}", path)
        seen.add(concept.id)
    writer.ids = set(seen)
    for concept in termbase:
        body.append(_build_concept(concept, writer))


def _entry_id(concept: Concept, writer: _Writer) -> tuple[str, bool]:
    if _xml.is_ncname(concept.id):
        return concept.id, False
    base = "c-" + re.sub(r"[^A-Za-z0-9_.\-]", "_", concept.id)
    candidate, n = base, 1
    while candidate in writer.ids:
        n += 1
        candidate = f"{base}-{n}"
    writer.ids.add(candidate)
    return candidate, True


def _build_concept(concept: Concept, writer: _Writer) -> etree._Element:
    d = writer.dialect
    label = f"concept {concept.id!r}"
    writer.text(concept.id, f"{label} id")
    if not concept.terms:
        raise FormatError(f"{label} has no terms, and TBX requires at least one", writer.path)
    entry_id, marked = _entry_id(concept, writer)
    entry = d.element(d.entry, id=entry_id)
    if concept.subject:
        d.sub(entry, "descrip", writer.text(concept.subject, f"{label} subject"),
              type="subjectField")
    sections: dict[str, list[Term]] = {}
    for term in concept.terms:
        sections.setdefault(term.lang.tag, []).append(term)
    placed: dict[str, str] = {}  # definition language -> section tag that carries it
    for tag, terms in sections.items():
        placed.setdefault(terms[0].lang.language, tag)
    for key, definition in concept.definitions.items():
        if key not in placed:
            descrip = d.sub(entry, "descrip", writer.text(definition, f"{label} definition"),
                            type="definition")
            descrip.set(_xml.XML_LANG, key)
    if concept.note:
        d.sub(entry, "note", writer.text(concept.note, f"{label} note"))
    if marked:
        d.sub(entry, "note", f"ahenk:id={concept.id}")
    lang_notes = concept.extra.get("lang_notes", {})
    for tag, terms in sections.items():
        section = d.sub(entry, d.lang_sec)
        section.set(_xml.XML_LANG, written_lang(terms[0].lang))
        language = terms[0].lang.language
        if placed.get(language) == tag and language in concept.definitions:
            d.sub(section, "descrip",
                  writer.text(concept.definitions[language], f"{label} definition ({tag})"),
                  type="definition")
        if isinstance(lang_notes, dict) and lang_notes.get(tag):
            d.sub(section, "note", writer.text(str(lang_notes[tag]), f"{label} note ({tag})"))
        for term in terms:
            section.append(_build_term(term, label, writer))
    return entry


def _build_term(term: Term, label: str, writer: _Writer) -> etree._Element:
    d = writer.dialect
    what = f"{label}, term {term.text!r} ({term.lang.tag})"
    holder = d.element(d.term_secs[0])
    d.sub(holder, "term", writer.text(term.text, what))
    markers: list[str] = []
    if term.type:
        if term.type in TERM_TYPES:
            d.sub(holder, "termNote", term.type, type="termType")
        else:
            markers.append(f"ahenk:termType={writer.text(term.type, what + ' type')}")
    if term.pos:
        if term.pos in d.pos_values:
            d.sub(holder, "termNote", term.pos, type="partOfSpeech")
        else:
            if term.pos == "properNoun":
                d.sub(holder, "termNote", "noun", type="partOfSpeech")
            markers.append(f"ahenk:partOfSpeech={writer.text(term.pos, what + ' pos')}")
    d.sub(holder, "termNote", STATUS_OUT[term.status], type="administrativeStatus")
    if term.status is TermStatus.FORBIDDEN:
        markers.append("ahenk:status=forbidden")
    if term.note:
        d.sub(holder, "note", writer.text(term.note, what + " note"))
    for marker in markers:
        d.sub(holder, "note", marker)
    return holder


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)



def file_description(termbase: Termbase, d: Any, header: etree._Element,
                     path: str | os.PathLike[str]) -> None:
    """The header's ``fileDesc`` (title, source note), the same in TBX 2008 and TBX v3."""
    file_desc = d.sub(header, "fileDesc")
    if termbase.title:
        d.sub(d.sub(file_desc, "titleStmt"), "title",
              _xml.check_text(termbase.title, "termbase title", path))
    d.sub(d.sub(file_desc, "sourceDesc"), "p", "Written by ahenk")
