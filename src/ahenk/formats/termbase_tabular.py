"""Header-driven tabular glossaries: ``termbase-tsv`` and ``termbase-csv``.

The header row decides the layout:

LONG — one row per term, the project's source-of-truth layout::

    concept  subject  lang  term  status  pos  type  definition  note

``lang`` and ``term`` are required; column names are matched case-, space-, ``_`` and
``-``-insensitively, with aliases (``id``/``concept_id``, ``language``/``locale``,
``administrativeStatus``, ``partOfSpeech``, ``termType``, ``domain``, ``comment`` …). Rows with the
same concept id form one concept (they need not be adjacent); without a ``concept`` column each
row is a concept. ``subject`` belongs to the concept and ``definition`` to the concept in the
row's language: repeating them is fine, contradicting an earlier row is an error. ``note`` is the
term's note. A row with a concept id but no ``lang`` and no ``term`` carries the concept's own
subject and note; a row with ``lang`` but no ``term`` carries a definition only. Other columns
are kept in ``Term.extra["columns"]`` and not written back.

WIDE — one row per concept, one column per language (Okapi, memoQ, Phrase glossaries): headers
that are language tags (``en,az,ru`` or ``en-US,az-AZ``), optional ``id``, ``subject``/``domain``,
``note``, ``definition`` (the first language's) or ``definition:<lang>`` columns. A cell may hold
synonyms separated by ``;`` or ``|``. A ``<lang>:<status>`` column (``az:forbidden``) holds terms
of that status; plain language columns hold preferred terms.

Files without a header (two-column bilingual lists) are read by naming the columns:
``columns=["en", "fr"]``. Reading decodes UTF-8, UTF-8 or UTF-16 with BOM (:func:`ahenk.io.decode`)
or ``encoding=``; CSV sniffs ``,``, ``;`` or tab from the header (``delimiter=`` overrides).

Writing is LONG unless ``layout="wide"``: concepts and terms in termbase order, LF line ends,
UTF-8 (``bom=True`` for Excel), Excel quoting for fields holding the delimiter, quotes, CR or LF.
WIDE cannot hold a term's part of speech, type or note: it refuses such a termbase unless
``lossy=True``; a term containing ``;`` or ``|`` cannot be written WIDE at all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ahenk.errors import FormatError, LanguageTagError, ParseError, UsageError
from ahenk.formats import _delimited
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.io import decode, read_bytes, sniff_bom, write_bytes
from ahenk.model.langtag import LanguageTag
from ahenk.model.unit import Location
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus

LONG_COLUMNS = ("concept", "subject", "lang", "term", "status", "pos", "type", "definition",
                "note")
_ALIASES = {
    "concept": ("concept", "conceptid", "id", "entry", "entryid", "termentry"),
    "subject": ("subject", "subjectfield", "domain"),
    "lang": ("lang", "language", "locale", "xmllang"),
    "term": ("term",),
    "status": ("status", "administrativestatus", "usagestatus", "normativeauthorization"),
    "pos": ("pos", "partofspeech"),
    "type": ("type", "termtype"),
    "definition": ("definition", "def"),
    "note": ("note", "notes", "comment", "comments"),
}
_CANONICAL = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_SYNONYMS = re.compile(r"\s*[;|]\s*")


def _key(header: str) -> str:
    return re.sub(r"[\s_\-:]", "", header.strip().lower())


@dataclass
class _Context:
    path: str | None
    delimiter: str


class _TabularHandler(FormatHandler):
    kind = Kind.TERMBASE
    read_options: ClassVar[frozenset[str]] = frozenset({"encoding", "columns", "delimiter"})
    write_options: ClassVar[frozenset[str]] = frozenset({"layout", "bom", "lossy"})
    delimiter: ClassVar[str | None]
    keeps: ClassVar[frozenset[str]] = frozenset(
        {"id", "subject", "definitions", "concept_note", "status", "pos", "type", "term_note"}
    )
    writes_empty: ClassVar[bool] = True

    def sniff(self, head: bytes) -> bool:
        encoding, skip = sniff_bom(head)
        first = head[skip:].decode(encoding or "utf-8", errors="ignore").split("\n", 1)[0]
        delimiter = self.delimiter or _delimited.sniff_delimiter(first)
        names = {_CANONICAL.get(_key(h)) for h in first.split(delimiter)}
        return {"lang", "term"} <= names

    def read(self, path: str | os.PathLike[str], **options: Any) -> Termbase:
        encoding = options.pop("encoding", "utf-8")
        columns = options.pop("columns", None)
        delimiter = options.pop("delimiter", None) or self.delimiter
        if options:
            raise UsageError(f"{self.name}: unknown option(s) {', '.join(sorted(options))}")
        text = decode(read_bytes(path), path, encoding)
        delimiter = delimiter or _delimited.sniff_delimiter(text)
        ctx = _Context(os.fspath(path), delimiter)
        records = _delimited.rows(text, delimiter, path)
        if columns is None:
            first = next(records, None)
            if first is None:
                return Termbase(origin=ctx.path, format=self.name)
            header = first[1]
        else:
            header = list(columns.split(delimiter) if isinstance(columns, str) else columns)
        header = [h.strip() for h in header]
        names = [_CANONICAL.get(_key(h)) for h in header]
        if "lang" in names or "term" in names:
            for required in ("lang", "term"):
                if required not in names:
                    raise ParseError(f"missing required column {required!r} "
                                     f"(long layout: {', '.join(LONG_COLUMNS)})", path, 1)
            termbase = _read_long(records, header, names, ctx)
        else:
            termbase = _read_wide(records, header, ctx)
        termbase.format = self.name
        return termbase

    def write(self, obj: Termbase, path: str | os.PathLike[str], **options: Any) -> None:
        layout = options.pop("layout", "long")
        bom = bool(options.pop("bom", False))
        lossy = bool(options.pop("lossy", False))
        if options:
            raise UsageError(f"{self.name}: unknown option(s) {', '.join(sorted(options))}")
        delimiter = self.delimiter or ","
        if layout == "long":
            table = _long_table(obj)
        elif layout == "wide":
            table = _wide_table(obj, lossy, path)
        else:
            raise UsageError(f"layout={layout!r}: expected 'long' or 'wide'")
        text = "".join(_delimited.format_row(row, delimiter) for row in table)
        write_bytes(path, ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))


@register
class TermbaseTsvHandler(_TabularHandler):
    name = "termbase-tsv"
    description = "Tab-separated glossary with a header (long: one row per term; or wide)"
    extensions = ("tsv",)
    delimiter = "\t"


@register
class TermbaseCsvHandler(_TabularHandler):
    name = "termbase-csv"
    description = "Comma/semicolon-separated glossary with a header (long or wide layout)"
    extensions = ("csv",)
    delimiter = None


# --------------------------------------------------------------------------- reading


def _check_count(fields: list[str], header: list[str], line: int, ctx: _Context) -> None:
    if len(fields) != len(header):
        raise ParseError(f"wrong field count: {len(fields)} fields, the header has "
                         f"{len(header)}", ctx.path, line)


def _lang(value: str, line: int, column: int, name: str, ctx: _Context) -> LanguageTag:
    try:
        return LanguageTag.parse(value)
    except LanguageTagError as exc:
        raise ParseError(f"column {name!r}: bad language tag: {exc}", ctx.path, line,
                         column) from None


def _set_once(concept: Concept, attr: str, value: str, line: int, name: str,
              ctx: _Context) -> None:
    old = getattr(concept, attr)
    if old is not None and old != value:
        raise ParseError(f"column {name!r}: {value!r} contradicts {old!r} given earlier for "
                         f"concept {concept.id!r}", ctx.path, line)
    setattr(concept, attr, value)


def _set_definition(concept: Concept, lang: str, value: str, line: int, ctx: _Context) -> None:
    old = concept.definitions.get(lang)
    if old is not None and old != value:
        raise ParseError(f"column 'definition': contradicts the {lang} definition given earlier "
                         f"for concept {concept.id!r}", ctx.path, line)
    concept.definitions[lang] = value


def _read_long(records, header: list[str], names: list[str | None], ctx: _Context) -> Termbase:
    termbase = Termbase(origin=ctx.path)
    by_id: dict[str, Concept] = {}
    col = {name: i for i, name in reversed(list(enumerate(names))) if name}
    for line, fields in records:
        _check_count(fields, header, line, ctx)
        cell = {name: fields[i].strip() for name, i in col.items()}
        if "concept" in col:
            cid = cell["concept"]
            if not cid:
                raise ParseError("column 'concept': empty concept id", ctx.path, line,
                                 col["concept"] + 1)
        else:
            cid = str(len(termbase) + 1)
        concept = by_id.get(cid)
        if concept is None:
            concept = by_id[cid] = termbase.add(Concept(id=cid, location=Location(ctx.path, line)))
        if cell.get("subject"):
            _set_once(concept, "subject", cell["subject"], line, header[col["subject"]], ctx)
        if not cell["lang"]:
            if cell["term"]:
                raise ParseError("column 'lang' is empty: a term needs a language", ctx.path,
                                 line, col["lang"] + 1)
            if cell.get("definition"):
                raise ParseError("column 'lang' is empty: a definition needs a language",
                                 ctx.path, line, col["lang"] + 1)
            if cell.get("note"):
                _set_once(concept, "note", cell["note"], line, "note", ctx)
            continue
        lang = _lang(cell["lang"], line, col["lang"] + 1, header[col["lang"]], ctx)
        if cell.get("definition"):
            _set_definition(concept, lang.language, cell["definition"], line, ctx)
        if not cell["term"]:
            continue
        term = Term(text=cell["term"], lang=lang, location=Location(ctx.path, line))
        if cell.get("status"):
            try:
                term.status = TermStatus.parse(cell["status"])
            except ValueError as exc:
                raise ParseError(f"column {header[col['status']]!r}: {exc}", ctx.path, line,
                                 col["status"] + 1) from None
        term.pos = cell.get("pos") or None
        term.type = cell.get("type") or None
        term.note = cell.get("note") or None
        other = {h: fields[i] for i, h in enumerate(header) if names[i] is None and fields[i]}
        if other:
            term.extra["columns"] = other
        concept.terms.append(term)
    return termbase


def _wide_columns(header: list[str], ctx: _Context) -> list[tuple[str, Any]]:
    """Classify each header cell: ("id"|"subject"|"note", None), ("lang", (tag, status)) or
    ("definition", language or None); any other column is an error (a wide header is only
    recognisable when every column is)."""
    plan: list[tuple[str, Any]] = []
    for index, raw in enumerate(header):
        key = _key(raw)
        name = _CANONICAL.get(key)
        if name in ("concept", "subject", "note"):
            plan.append(("id" if name == "concept" else name, None))
            continue
        lowered = raw.strip().lower()
        prefixed = lowered.startswith(("definition:", "definition_", "definition "))
        if prefixed or name == "definition":
            tag = raw.strip()[len("definition") + 1:].strip(" ()") if name is None else None
            language = _lang(tag, 1, index + 1, raw, ctx).language if tag else None
            plan.append(("definition", language))
            continue
        base, _, status = raw.strip().partition(":")
        try:
            tag = LanguageTag.parse(base)
            plan.append(("lang", (tag, TermStatus.parse(status) if status else
                                  TermStatus.PREFERRED)))
        except (LanguageTagError, ValueError):
            plan.append(("other", raw))
    unknown = [value for kind, value in plan if kind == "other"]
    if unknown or not any(kind == "lang" for kind, _ in plan):
        detail = f"; not a language tag or known column: {', '.join(map(repr, unknown))}"
        raise ParseError(
            "the header names neither the long layout (lang and term columns) nor only "
            f"language and known columns (wide layout): {', '.join(header)}"
            + (detail if unknown else ""), ctx.path, 1)
    return plan


def _read_wide(records, header: list[str], ctx: _Context) -> Termbase:
    plan = _wide_columns(header, ctx)
    first_lang = next(value[0].language for kind, value in plan if kind == "lang")
    termbase = Termbase(origin=ctx.path)
    for line, fields in records:
        _check_count(fields, header, line, ctx)
        concept = Concept(id=str(len(termbase) + 1), location=Location(ctx.path, line))
        for (kind, value), raw in zip(plan, fields, strict=True):
            cell = raw.strip()
            if not cell:
                continue
            if kind == "id":
                concept.id = cell
            elif kind == "subject":
                concept.subject = cell
            elif kind == "note":
                concept.note = cell
            elif kind == "definition":
                concept.definitions[value or first_lang] = cell
            elif kind == "lang":
                tag, status = value
                for text in _SYNONYMS.split(cell):
                    if text:
                        concept.terms.append(Term(text=text, lang=tag, status=status,
                                                  location=Location(ctx.path, line)))
        termbase.add(concept)
    return termbase


# --------------------------------------------------------------------------- writing


def _long_table(termbase: Termbase) -> list[list[str]]:
    table = [list(LONG_COLUMNS)]
    for concept in termbase:
        subject = concept.subject or ""
        langs = {t.lang.language for t in concept.terms}
        if concept.note or not concept.terms:
            table.append([concept.id, subject, "", "", "", "", "", "", concept.note or ""])
        for language, definition in concept.definitions.items():
            if language not in langs:
                table.append([concept.id, subject, language, "", "", "", "", definition, ""])
        defined: set[str] = set()
        for term in concept.terms:
            language = term.lang.language
            definition = ""
            if language not in defined:
                defined.add(language)
                definition = concept.definitions.get(language, "")
            table.append([concept.id, subject, term.lang.written(), term.text, term.status.value,
                          term.pos or "", term.type or "", definition, term.note or ""])
    return table


def _wide_table(termbase: Termbase, lossy: bool, path: str | os.PathLike[str]
                ) -> list[list[str]]:
    columns: dict[tuple[str, TermStatus], LanguageTag] = {}
    definitions: dict[str, None] = {}
    for concept in termbase:
        for term in concept.terms:
            columns.setdefault((term.lang.tag, term.status), term.lang)
            if not lossy and (term.pos or term.type or term.note):
                raise FormatError(
                    f"concept {concept.id!r}, term {term.text!r}: the wide layout has no column "
                    "for part of speech, type or term note (write the long layout, or pass "
                    "lossy=True)", path)
            if _SYNONYMS.search(term.text) or term.text != term.text.strip():
                raise FormatError(
                    f"concept {concept.id!r}, term {term.text!r}: a wide cell cannot hold a "
                    "term with ';' or '|' or surrounding spaces (write the long layout)", path)
        definitions.update(dict.fromkeys(concept.definitions))
    order = {s: i for i, s in enumerate(TermStatus)}
    tags = list(dict.fromkeys(tag for tag, _ in columns))
    keys = sorted(columns, key=lambda k: (tags.index(k[0]), order[k[1]]))
    header = ["id", "subject"]
    for tag, status in keys:
        written = columns[(tag, status)].written()
        header.append(written if status is TermStatus.PREFERRED else f"{written}:{status.value}")
    header += [f"definition:{lang}" for lang in definitions] + ["note"]
    table = [header]
    for concept in termbase:
        row = [concept.id, concept.subject or ""]
        for tag, status in keys:
            row.append("; ".join(t.text for t in concept.terms
                                 if t.lang.tag == tag and t.status is status))
        row += [concept.definitions.get(lang, "") for lang in definitions]
        row.append(concept.note or "")
        table.append(row)
    return table
