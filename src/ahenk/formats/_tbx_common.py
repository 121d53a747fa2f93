"""What TBX 2008 (``martif``) and TBX v3 (``tbx``) share: the concept → language → term walk,
data-category values, term statuses, and the few ``ahenk:`` notes that keep a round trip exact.

Both versions have the same three levels under different element names (termEntry/langSet/
tig|ntig in 2008, conceptEntry/langSec/termSec in v3), and a data category is either an element
with a ``type`` attribute (``<termNote type="partOfSpeech">``: 2008 and v3 DCA style) or a
namespaced element named after it (``<min:partOfSpeech>``: v3 DCT style). :func:`read_body`
reads either into the model; :mod:`ahenk.formats._tbx_write` writes the TBX-Basic subset.

Values TBX-Basic's picklists cannot hold (ahenk's ``forbidden`` status, a part of speech or term
type outside the picklist, a concept id that is not an xs:ID) are written as the nearest valid
value (or nothing) plus a ``<note>ahenk:field=value</note>`` on the same level; the readers apply
such notes and drop them, so nothing is lost and the file stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ahenk.errors import LanguageTagError, SchemaError
from ahenk.formats import _xml
from ahenk.model.langtag import LanguageTag
from ahenk.model.unit import Location
from ahenk.termbase.model import TERM_TYPES, Concept, Term, Termbase, TermStatus

#: Written administrativeStatus per ahenk status. ``forbidden`` has no TBX value: it is written
#: as deprecatedTerm-admn-sts (so every CAT tool flags it) plus the note ``ahenk:status=forbidden``.
STATUS_OUT = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}

#: administrativeStatus / normativeAuthorization / usageStatus values read, beyond what
#: :meth:`TermStatus.parse` already knows.
_STATUS_IN = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.DEPRECATED,
    "supersededterm-admn-sts": TermStatus.DEPRECATED,
    "standardizedterm-admn-sts": TermStatus.PREFERRED,
    "legalterm-admn-sts": TermStatus.PREFERRED,
    "regulatedterm-admn-sts": TermStatus.PREFERRED,
    "supersededterm": TermStatus.DEPRECATED,
    "legalterm": TermStatus.PREFERRED,
    "regulatedterm": TermStatus.PREFERRED,
    "notrecommended": TermStatus.DEPRECATED,  # TBX-Min usageStatus
}
_STATUS_CATEGORIES = ("administrativeStatus", "normativeAuthorization", "usageStatus")

_POS_ALIASES = {
    "noun": "noun",
    "n": "noun",
    "verb": "verb",
    "v": "verb",
    "adjective": "adjective",
    "adj": "adjective",
    "adverb": "adverb",
    "adv": "adverb",
    "propernoun": "properNoun",
    "proper noun": "properNoun",
    "other": "other",
}

_MARKER = re.compile(r"^ahenk:([A-Za-z]+)=(.*)$", re.DOTALL)
_TYPED = {"descrip", "termNote", "admin", "transac", "transacNote", "adminNote", "descripNote",
          "ref", "xref"}
_BCP47 = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def normalise_pos(value: str) -> str:
    return _POS_ALIASES.get(value.strip().lower(), value.strip())


def normalise_type(value: str) -> str:
    for known in TERM_TYPES:
        if known.lower() == value.strip().lower():
            return known
    return value.strip()


def parse_status(value: str) -> TermStatus:
    """A TBX status value in any of the spellings tools write; ValueError when unknown."""
    key = value.strip().lower()
    if key in _STATUS_IN:
        return _STATUS_IN[key]
    return TermStatus.parse(value)


@dataclass(frozen=True)
class Dialect:
    """Element names of one TBX version."""

    name: str  # registry name, for messages
    root: str
    header: str
    entry: str
    lang_sec: str
    term_secs: tuple[str, ...]
    namespace: str | None
    pos_values: tuple[str, ...]

    def element(self, name: str, **attrs: str) -> etree._Element:
        tag = f"{{{self.namespace}}}{name}" if self.namespace else name
        return etree.Element(tag, attrs) if attrs else etree.Element(tag)

    def sub(self, parent: etree._Element, name: str, text: str | None = None,
            **attrs: str) -> etree._Element:
        child = self.element(name, **attrs)
        parent.append(child)
        if text is not None:
            child.text = text
        return child


# --------------------------------------------------------------------------- reading


def category(element: etree._Element, tbx_ns: str | None) -> str | None:
    """The data category an element carries: its ``type`` (DCA) or its local name (DCT)."""
    name = _xml.local(element)
    ns = _xml.namespace(element)
    if ns and ns != tbx_ns:
        return name
    if name in _TYPED:
        return element.get("type")
    if name == "note":
        return "note"
    return None


def _items(level: etree._Element, tbx_ns: str | None) -> Iterator[tuple[str, etree._Element]]:
    """(category, element) pairs of one level; a ``…Grp`` contributes its first category."""
    for child in _xml.children(level):
        name = _xml.local(child)
        if name == "transacGrp":
            continue
        if name == "termGrp":  # 2008 ntig: term and termNotes live in termGrp
            yield from _items(child, tbx_ns)
            continue
        if name.endswith("Grp") and (not _xml.namespace(child) or _xml.namespace(child) == tbx_ns):
            for inner in _xml.children(child):
                cat = category(inner, tbx_ns)
                if cat:
                    yield cat, inner
                    break
            continue
        cat = category(child, tbx_ns)
        if cat:
            yield cat, child


def _marker(text: str) -> tuple[str, str] | None:
    match = _MARKER.match(text)
    return (match.group(1), match.group(2)) if match else None


def _language(value: str | None, element: etree._Element, path: str | None) -> LanguageTag:
    if not value:
        raise SchemaError(f"<{_xml.local(element)}> has no xml:lang", path, element.sourceline)
    try:
        return LanguageTag.parse(value)
    except LanguageTagError as exc:
        raise SchemaError(f"bad xml:lang: {exc}", path, element.sourceline) from None


def _definition_key(element: etree._Element, path: str | None) -> str:
    value = _xml.lang_of(element)
    if not value or value.strip().lower() == "und":
        return "und"
    return _language(value, element, path).language


def _add_text(mapping: dict[str, str], key: str, text: str) -> None:
    mapping[key] = f"{mapping[key]}\n{text}" if key in mapping else text


def read_body(root: etree._Element, dialect: Dialect, path: str | None) -> Termbase:
    """Read the concepts under *root* (a martif or tbx element) into a :class:`Termbase`."""
    tbx_ns = _xml.namespace(root) or None
    termbase = Termbase(origin=path, format=dialect.name)
    for element in root.iter():
        name = _xml.local(element)
        if name == "title" and termbase.title is None and _xml.text_of(element):
            termbase.title = _xml.text_of(element)
        elif name == dialect.entry:
            termbase.add(_read_concept(element, len(termbase) + 1, tbx_ns, path))
    return termbase


def _read_concept(entry: etree._Element, index: int, tbx_ns: str | None,
                  path: str | None) -> Concept:
    concept = Concept(id=entry.get("id") or f"c{index}",
                      location=Location(path, entry.sourceline))
    notes: list[str] = []
    for cat, element in _items(entry, tbx_ns):
        text = _xml.text_of(element)
        if cat == "subjectField" and text:
            concept.subject = text if concept.subject is None else f"{concept.subject}; {text}"
        elif cat == "definition" and text:
            _add_text(concept.definitions, _definition_key(element, path), text)
        elif cat == "note" and text:
            marker = _marker(text)
            if marker and marker[0] == "id":
                concept.id = marker[1]
            elif not marker:
                notes.append(text)
    if notes:
        concept.note = "\n".join(notes)
    for section in _xml.children(entry):
        if _xml.local(section) in ("langSet", "langSec"):
            _read_language(section, concept, tbx_ns, path)
    return concept


def _read_language(section: etree._Element, concept: Concept, tbx_ns: str | None,
                   path: str | None) -> None:
    lang = _language(section.get(_xml.XML_LANG), section, path)
    for cat, element in _items(section, tbx_ns):
        text = _xml.text_of(element)
        if cat == "definition" and text:
            _add_text(concept.definitions, lang.language, text)
        elif cat == "note" and text and not _marker(text):
            _add_text(concept.extra.setdefault("lang_notes", {}), lang.tag, text)
    for holder in _xml.children(section):
        if _xml.local(holder) in ("tig", "ntig", "termSec"):
            term = _read_term(holder, lang, tbx_ns, path)
            if term is None:  # SDLX exports <term/>: nothing to keep, but say where
                concept.extra.setdefault("empty_terms", []).append(holder.sourceline)
            else:
                concept.terms.append(term)


def _find_terms(holder: etree._Element) -> list[etree._Element]:
    found: list[etree._Element] = []
    for child in _xml.children(holder):
        name = _xml.local(child)
        if name == "term":
            found.append(child)
        elif name == "termGrp":
            found.extend(_find_terms(child))
    return found


def _read_term(holder: etree._Element, lang: LanguageTag, tbx_ns: str | None,
               path: str | None) -> Term | None:
    """The term of a tig/ntig/termSec, or None for an empty ``<term/>``."""
    elements = _find_terms(holder)
    if not elements:
        raise SchemaError(f"<{_xml.local(holder)}> has no <term>", path, holder.sourceline)
    if len(elements) > 1:
        raise SchemaError(f"<{_xml.local(holder)}> holds {len(elements)} <term> elements; "
                          "TBX allows one", path, elements[1].sourceline)
    element = elements[0]
    text = _xml.text_of(element)
    if not text:
        return None
    term = Term(text=text, lang=lang, location=Location(path, element.sourceline))
    if element.get("id"):
        term.extra["id"] = element.get("id")
    stated = False
    notes: list[str] = []
    for cat, child in _items(holder, tbx_ns):
        value = _xml.text_of(child)
        if not value:
            continue
        if cat in _STATUS_CATEGORIES or cat == "forbidden":
            if cat == "forbidden":  # Phrase (Memsource) writes <termNote type="forbidden">true
                if value.lower() != "true":
                    continue
                value = "forbidden"
            if stated:
                continue
            try:
                term.status = parse_status(value)
            except ValueError:
                raise SchemaError(f"unknown {cat} {value!r}", path, child.sourceline) from None
            stated = True
        elif cat == "partOfSpeech":
            term.pos = normalise_pos(value)
        elif cat == "termType":
            term.type = normalise_type(value)
        elif cat == "note":
            marker = _marker(value)
            if marker is None:
                notes.append(value)
            elif marker[0] == "status":
                try:
                    term.status = TermStatus.parse(marker[1])
                except ValueError:
                    raise SchemaError(f"unknown status in {value!r}", path,
                                      child.sourceline) from None
                stated = True
            elif marker[0] == "partOfSpeech":
                term.pos = marker[1]
            elif marker[0] == "termType":
                term.type = marker[1]
    if notes:
        term.note = "\n".join(notes)
    return term
