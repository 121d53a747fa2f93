"""Translation memory: store translation pairs, give back fuzzy matches and concordance.

``open_store(db)`` opens a memory by path or URL: a file path (default :data:`DEFAULT_DB`,
relative to the project folder, or the ``AHENK_TM_DB`` environment variable on the command line)
is an embedded SQLite memory (:mod:`.sqlite`); ``postgresql://…`` is a shared PostgreSQL memory
(:mod:`.postgres`, needs the ``postgres`` extra). Both implement :class:`~.store.TMStore`.

:func:`import_files` reads any bilingual or multilingual format of the registry (TMX, XLIFF,
PO, TSV/CSV bitexts) and stores every source–target pair (with ``update=True`` the newest
translation of a source replaces the older ones: :mod:`.edit`); :func:`export_tm` writes a
memory to any of them; :func:`delete_entries` removes entries by id, language, text, origin file
or date; :func:`memory_stats` says what a memory holds. Scores and their normalisation:
:mod:`.similarity`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ahenk.errors import UsageError
from ahenk.formats import registry
from ahenk.formats.registry import Kind
from ahenk.model import Header, LanguageTag, Segment, Store, Unit
from ahenk.tm.edit import Selection
from ahenk.tm.similarity import signature
from ahenk.tm.store import (
    ConcordanceHit,
    ImportStats,
    Match,
    TMEntry,
    TMStats,
    TMStore,
    lang_code,
)

#: The memory ``ahenk tm`` uses when no ``--db`` is given, relative to the project folder.
DEFAULT_DB = Path(".ahenk") / "tm.sqlite"
#: Formats a memory can be imported from and exported to.
KINDS = (Kind.MULTILINGUAL, Kind.BILINGUAL)
_URL_SCHEMES = ("postgresql://", "postgres://")


def open_store(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> TMStore:
    """The memory at *db* (a path or a ``postgresql://`` URL). *create*: make a missing file."""
    target = os.fspath(db) if db is not None else os.fspath(DEFAULT_DB)
    if target.startswith(_URL_SCHEMES):
        from ahenk.tm.postgres import PostgresStore

        return PostgresStore(target)
    if "://" in target:
        raise UsageError(f"--db {target!r}: a file path or a postgresql:// URL")
    from ahenk.tm.sqlite import SQLiteStore

    return SQLiteStore(target, create=create)


def unit_entries(units: Iterable[Unit], *, src: str | None = None, tgt: str | None = None,
                 header: Header | None = None, origin: str | None = None) -> Iterator[TMEntry]:
    """The translation pairs of *units*: one per target (only *tgt* targets when given).

    Languages come from the segments, else the header; *src*/*tgt* name them where the file
    does not (a TSV bitext) and override the file's source language.
    """
    header = header or Header()
    want = lang_code(tgt) if tgt else None
    default_src = lang_code(src) if src else (
        header.source_lang.language if header.source_lang else None)
    default_tgt = want or (header.target_lang.language if len(header.target_langs) == 1
                           else None)
    for unit in units:
        source_lang = (lang_code(src) if src else
                       unit.source.lang.language if unit.source.lang else default_src)
        for target in unit.targets:
            target_lang = target.lang.language if target.lang else default_tgt
            if want and target_lang != want:
                continue
            if source_lang is None or target_lang is None:
                side, option = ("source", "--src") if source_lang is None else ("target", "--tgt")
                raise UsageError(f"{origin or 'input'}: cannot tell the {side} language; "
                                 f"name it with {option}")
            if source_lang == target_lang:
                continue
            yield TMEntry(source_lang, target_lang, unit.source.text, target.text, origin,
                          _created(unit), unit.source.spans, target.spans)


def _created(unit: Unit) -> str:
    """A TMX-style creation date (20250102T090000Z) as ISO 8601, or "" when there is none."""
    value = unit.attrs.get("changedate") or unit.attrs.get("creationdate") or ""
    if len(value) == 16 and value[8] == "T" and value.endswith("Z"):
        return (f"{value[0:4]}-{value[4:6]}-{value[6:8]}T{value[9:11]}:{value[11:13]}:"
                f"{value[13:15]}Z")
    return ""


def import_files(paths: Sequence[str | os.PathLike[str]], db: str | os.PathLike[str] | None = None,
                 *, src: str | None = None, tgt: str | None = None,
                 from_format: str | None = None, update: bool = False,
                 store: TMStore | None = None) -> dict[str, ImportStats]:
    """Read each file through the format registry and add its pairs; stats per file.
    *update*: the newest translation of each source wins (:mod:`.edit`)."""
    results: dict[str, ImportStats] = {}
    owned = store is None
    memory = store or open_store(db)
    try:
        for path in paths:
            handler = registry.detect(path, from_format, KINDS)
            # a headerless bitext takes its languages from the reader's options
            options = {name: value for name, value in (("src_lang", src), ("tgt_lang", tgt))
                       if value and name in handler.read_options}
            data: Store = registry.read(path, handler.name, KINDS, **options)
            origin = os.path.basename(os.fspath(path))
            results[os.fspath(path)] = memory.add(
                unit_entries(data.units, src=src, tgt=tgt, header=data.header, origin=origin),
                update=update)
    finally:
        if owned:
            memory.close()
    return results


def export_store(entries: Iterable[TMEntry], multilingual: bool = True) -> Store:
    """A :class:`Store` of *entries*, one unit each (a bilingual format needs one pair)."""
    store = Store()
    pairs: dict[tuple[str, str], None] = {}
    for entry in entries:
        pairs.setdefault((entry.src_lang, entry.tgt_lang))
        if not multilingual and len(pairs) > 1:
            found = ", ".join(f"{a}→{b}" for a, b in pairs)
            raise UsageError(f"the memory holds several language pairs ({found}); a bilingual "
                             "format takes one: choose it with --src and --tgt")
        unit = Unit(Segment(entry.source, LanguageTag.parse(entry.src_lang),
                            entry.source_spans),
                    [Segment(entry.target, LanguageTag.parse(entry.tgt_lang),
                             entry.target_spans)])
        if entry.created and multilingual:  # TMX's creationdate; bilingual formats have none
            unit.attrs["creationdate"] = entry.created.replace("-", "").replace(":", "")
        store.add(unit)
    sources = {a for a, _ in pairs}
    targets = dict.fromkeys(b for _, b in pairs)
    if len(sources) == 1:
        store.header.source_lang = LanguageTag.parse(next(iter(sources)))
    store.header.target_langs = [LanguageTag.parse(t) for t in targets]
    store.header.tool = "ahenk"
    return store


def export_tm(output: str | os.PathLike[str], db: str | os.PathLike[str] | None = None, *,
              src: str | None = None, tgt: str | None = None, to_format: str | None = None,
              **options: Any) -> tuple[int, str]:
    """Write the memory's entries (of one pair, when given) to *output*; (entries, format)."""
    handler = registry.detect(output, to_format, KINDS, for_writing=True)
    with open_store(db, create=False) as memory:
        store = export_store(memory.entries(src, tgt), handler.kind is Kind.MULTILINGUAL)
        if handler.kind is Kind.MULTILINGUAL:  # a TMX header says how its memory matched
            store.header.props.append(("x-ahenk-tm", memory.signature()))
    registry.write(store, output, handler.name, KINDS, **options)
    return len(store), handler.name


def delete_entries(db: str | os.PathLike[str] | None = None, *, ids: Sequence[int] = (),
                   src: str | None = None, tgt: str | None = None, source: str | None = None,
                   target: str | None = None, origin: str | None = None,
                   before: str | None = None, since: str | None = None,
                   dry_run: bool = False) -> int:
    """Remove the entries meeting every criterion given (see :class:`~.edit.Selection`);
    how many were removed (with *dry_run*, would be)."""
    selection = Selection(tuple(ids), src, tgt, source, target, origin, before, since)
    with open_store(db, create=False) as memory:
        return memory.delete(selection, dry_run=dry_run)


def memory_stats(db: str | os.PathLike[str] | None = None) -> TMStats:
    """What the memory holds: :class:`~.store.TMStats`."""
    with open_store(db, create=False) as memory:
        return memory.stats()


__all__ = [
    "DEFAULT_DB",
    "ConcordanceHit",
    "ImportStats",
    "Match",
    "Selection",
    "TMEntry",
    "TMStats",
    "TMStore",
    "delete_entries",
    "export_store",
    "export_tm",
    "import_files",
    "memory_stats",
    "open_store",
    "signature",
    "unit_entries",
]
