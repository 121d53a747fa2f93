"""Tab- and comma-separated bitexts: ``tsv`` and ``csv``, one translation unit per row.

The header row names the columns (case-, space-, ``_`` and ``-``-insensitively):

* ``source`` and ``target`` (aliases ``src``/``source text``, ``tgt``/``target text``/
  ``translation``), languages then come from the ``src_lang``/``tgt_lang`` options; or
* two language tags (``en<TAB>az``, ``en-US,ru-RU``): the first is the source, the second the
  target, and they are the store's languages;
* optionally ``id`` (``key``, ``name``) and ``note`` (``notes``, ``comment``) columns, anywhere.

Any other column is an error naming it (a wide *termbase* has ``subject``/``definition`` or a
third language; read it with ``termbase-tsv``/``termbase-csv``). ``sniff`` says yes only to such a
header, so ``detect`` tells a bitext from a termbase (which needs ``lang`` and ``term``).

A file without a header is read when ``src_lang`` and ``tgt_lang`` are given (or with
``header=False``): columns are source, target and optionally note. ``header=True`` insists on a
header. Cells are kept exactly (no stripping); only rows whose every cell is empty are skipped.
A row with a different number of cells than the header is a located
:class:`~ahenk.errors.ParseError`.

``Unit.id`` is the ``id`` cell, else the row's ordinal among units (``"1"``, ``"2"`` …);
``Unit.location`` is the row's first line. Decoding: UTF-8, UTF-8/UTF-16 with BOM
(:func:`ahenk.io.decode`) or ``encoding=``; CSV sniffs ``,``, ``;`` or tab (``delimiter=``
overrides). Quoting is Excel's (:mod:`._delimited`), so tabs and line breaks in a cell survive.

Writing: a header of the store's languages (written forms), else ``source``/``target``; an
``id`` column first when some unit's id is not its ordinal; a ``note`` column when a unit has
notes (several notes are joined with a line break
and read back one per line). UTF-8 (``bom=True`` for Excel), LF. A unit
whose cells would all be empty cannot be read back and raises :class:`~ahenk.errors.FormatError`,
as does a lone surrogate.
"""

from __future__ import annotations

import os
import re
from typing import Any, ClassVar

from ahenk.errors import FormatError, LanguageTagError, ParseError, UsageError
from ahenk.formats import _delimited
from ahenk.formats._bilingual import file_target_language
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.io import decode, read_bytes, sniff_bom, write_bytes
from ahenk.model import Header, LanguageTag, Location, Note, Segment, Store, Unit

_ALIASES = {
    "source": ("source", "src", "sourcetext", "sourcesegment"),
    "target": ("target", "tgt", "targettext", "targetsegment", "translation"),
    "id": ("id", "key", "name", "unitid"),
    "note": ("note", "notes", "comment", "comments"),
}
_CANONICAL = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _key(cell: str) -> str:
    return re.sub(r"[\s_\-]", "", cell.strip().lower())


def _tag(cell: str) -> LanguageTag | None:
    cell = cell.strip()
    if not cell or len(cell) > 20 or " " in cell:
        return None
    try:
        return LanguageTag.parse(cell)
    except LanguageTagError:
        return None


def plan_header(cells: list[str]) -> tuple[list[str], list[LanguageTag]] | None:
    """The role of each column (source/target/id/note) and the header's languages, or None
    when *cells* is not a bitext header."""
    roles: list[str] = []
    langs: list[LanguageTag] = []
    for cell in cells:
        name = _CANONICAL.get(_key(cell))
        if name is not None and name not in roles:
            roles.append(name)
            continue
        tag = _tag(cell) if name is None else None
        if tag is None or len(langs) == 2:
            return None
        roles.append("source" if not langs else "target")
        langs.append(tag)
    if roles.count("source") != 1 or roles.count("target") != 1:
        return None
    if langs and len(langs) != 2:
        return None
    return roles, langs


def _language(value: Any, what: str) -> LanguageTag | None:
    if value is None or isinstance(value, LanguageTag):
        return value
    try:
        return LanguageTag.parse(value)
    except LanguageTagError as exc:
        raise UsageError(f"bitext: {what}: {exc}") from None


class _BitextHandler(FormatHandler):
    kind = Kind.BILINGUAL
    read_options: ClassVar[frozenset[str]] = frozenset(
        {"encoding", "delimiter", "src_lang", "tgt_lang", "header"})
    write_options: ClassVar[frozenset[str]] = frozenset({"bom"})
    delimiter: ClassVar[str | None]

    def sniff(self, head: bytes) -> bool:
        encoding, skip = sniff_bom(head)
        text = head[skip:].decode(encoding or "utf-8", errors="ignore")
        first = text.split("\n", 1)[0].rstrip("\r")
        delimiter = self.delimiter or _delimited.sniff_delimiter(first)
        if delimiter not in first:
            return False
        return plan_header(first.split(delimiter)) is not None

    def read(self, path: str | os.PathLike[str], **options: Any) -> Store:
        encoding = options.pop("encoding", "utf-8")
        delimiter = options.pop("delimiter", None) or self.delimiter
        src_lang = _language(options.pop("src_lang", None), "src_lang")
        tgt_lang = _language(options.pop("tgt_lang", None), "tgt_lang")
        header_opt = options.pop("header", None)
        if options:
            raise UsageError(f"{self.name}: unknown option(s) {', '.join(sorted(options))}")
        text = decode(read_bytes(path), path, encoding)
        delimiter = delimiter or _delimited.sniff_delimiter(text)
        records = _delimited.rows(text, delimiter, path, keep_whitespace=True)
        store = Store(header=Header(source_lang=src_lang), origin=os.fspath(path),
                      format=self.name)
        if tgt_lang is not None:
            store.header.target_langs = [tgt_lang]
        first = next(records, None)
        if first is None:
            return store
        plan = plan_header(first[1]) if header_opt is not False else None
        if plan is None and header_opt is True:
            raise ParseError("the first row is not a bitext header (source/target or two "
                             f"language tags, optional id and note): {first[1]!r}", path,
                             first[0])
        if plan is not None:
            roles, langs = plan
            if langs:
                store.header.source_lang, store.header.target_langs = langs[0], [langs[1]]
            rest = records
        elif header_opt is False or (src_lang is not None and tgt_lang is not None):
            roles = ["source", "target", "note"][: max(2, len(first[1]))]
            if len(first[1]) > 3:
                raise ParseError(f"a headerless bitext has 2 or 3 columns (source, target, "
                                 f"note), not {len(first[1])}", path, first[0])
            rest = _chain(first, records)
        else:
            raise ParseError(
                "the first row is not a bitext header (source/target or two language tags, "
                "optional id and note); for a file without a header give src_lang and "
                "tgt_lang", path, first[0])
        src, tgt = store.header.source_lang, store.header.target_lang
        for line, fields in rest:
            if len(fields) != len(roles):
                raise ParseError(f"wrong field count: {len(fields)} fields, expected "
                                 f"{len(roles)} ({', '.join(roles)})", path, line)
            cell = dict(zip(roles, fields, strict=True))
            unit = Unit(Segment(cell["source"], src), [Segment(cell["target"], tgt)],
                        id=cell.get("id") or str(len(store) + 1),
                        location=Location(os.fspath(path), line))
            if cell.get("note"):  # one Note per line, as the writer joins them
                unit.notes.extend(Note(line) for line in cell["note"].split("\n"))
            store.add(unit)
        return store

    def write(self, obj: Store, path: str | os.PathLike[str], **options: Any) -> None:
        bom = bool(options.pop("bom", False))
        if options:
            raise UsageError(f"{self.name}: unknown option(s) {', '.join(sorted(options))}")
        delimiter = self.delimiter or ","
        header = obj.header
        src = header.source_lang or next((u.source.lang for u in obj if u.source.lang), None)
        tgt = file_target_language(obj, path, self.name.upper())
        with_ids = any(u.id is not None and u.id != str(i + 1) for i, u in enumerate(obj))
        with_notes = any(u.notes for u in obj)
        if src is not None and tgt is not None and src.written() != tgt.written():
            names = [src.written(), tgt.written()]
        else:
            names = ["source", "target"]
        table = [(["id"] if with_ids else []) + names + (["note"] if with_notes else [])]
        for index, unit in enumerate(obj):
            row = [unit.id or ""] if with_ids else []
            row += [unit.source.text, unit.target.text if unit.target is not None else ""]
            if with_notes:
                row.append("\n".join(n.text for n in unit.notes))
            if not any(row):
                raise FormatError(f"unit {unit.id or index + 1!r}: a row whose every cell is "
                                  "empty cannot be read back", path)
            for cell in row:
                bad = _SURROGATE.search(cell)
                if bad:
                    raise FormatError(f"unit {unit.id or index + 1!r}: lone surrogate "
                                      f"U+{ord(bad.group()):04X} cannot be encoded in UTF-8",
                                      path)
            if with_ids and not unit.id:
                raise FormatError(f"unit {index + 1}: has no id while others do", path)
            table.append(row)
        text = "".join(_delimited.format_row(row, delimiter) for row in table)
        write_bytes(path, ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))


def _chain(first, records):
    yield first
    yield from records


@register
class TsvHandler(_BitextHandler):
    name = "tsv"
    description = "Tab-separated bitext: source and target (or two language tags) per row"
    extensions = ("tsv",)
    delimiter = "\t"


@register
class CsvHandler(_BitextHandler):
    name = "csv"
    description = "Comma/semicolon-separated bitext: source and target per row"
    extensions = ("csv",)
    delimiter = None
