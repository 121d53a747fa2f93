"""The embedded backend: one SQLite file in WAL mode, an FTS5 index of retrieval terms.

Tables: ``tm_unit`` (one row per entry; ``pair_hash`` UNIQUE, so an entry is stored once even
when several processes import at the same time), ``tm_terms`` (a contentless FTS5 table, one
row per entry, columns ``src``/``tgt`` holding each side's retrieval terms:
:func:`~ahenk.tm.similarity.index_terms`), ``tm_df`` (how many entries hold
a term, per column; FTS5 itself would have to read the term's whole index to say) and
``tm_meta`` (schema and similarity versions).

Fuzzy candidates: the query's terms are ranked by how few entries hold them (``tm_df``); the
rarest are read from the index until :attr:`SQLiteStore.postings` entries were seen (at least
one term), so a lookup's work does not grow with the memory; the
:attr:`~ahenk.tm.store.TMStore.candidates` entries sharing most of those rare terms are scored.
A query differing from an entry in one word still shares its other rare words (and its numbers,
which are terms here), so it is found.
Writers take the write lock per batch (``BEGIN IMMEDIATE``) and wait for each other up to
:attr:`SQLiteStore.timeout` seconds.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path

from ahenk.errors import UsageError
from ahenk.io import mark_input
from ahenk.tm import similarity
from ahenk.tm.similarity import Normalised, index_terms
from ahenk.tm.store import (
    SCHEMA_VERSION,
    ImportStats,
    TermQuery,
    TMEntry,
    TMStore,
    rare_terms,
    spans_from_json,
    spans_json,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tm_unit (
    id INTEGER PRIMARY KEY,
    pair_hash BLOB NOT NULL UNIQUE,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT,
    created TEXT NOT NULL,
    source_spans TEXT,
    target_spans TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS tm_terms USING fts5(
    src, tgt, content='', columnsize=0, detail=column,
    tokenize='unicode61 remove_diacritics 0');
CREATE TABLE IF NOT EXISTS tm_df (
    col INTEGER NOT NULL, term TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (col, term)
) WITHOUT ROWID;
"""
_COLUMNS = ("id, src_lang, tgt_lang, source, target, origin, created, source_spans, "
            "target_spans")


def _entry(row: tuple) -> TMEntry:
    return TMEntry(row[1], row[2], row[3], row[4], row[5], row[6], spans_from_json(row[7]),
                   spans_from_json(row[8]), row[0])


class SQLiteStore(TMStore):
    """A memory in one SQLite file (created, with its folder, on first write)."""

    backend = "sqlite"
    #: How many index postings a lookup reads at most (the rarest terms first).
    postings = 20000
    #: Seconds a writer waits for another one to finish its batch.
    timeout = 120.0
    #: Entries per transaction: big batches share the df updates of frequent terms and the
    #: index's segment merges (an import of 100k entries is one transaction).
    batch_size = 100000
    #: Page cache per connection (MiB): the unique index and the FTS merges want it.
    cache_mib = 256

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        if not self.path.exists():
            if not create:
                raise UsageError(f"no translation memory at {self.path}; "
                                 "`ahenk tm import` creates one")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None,
                                  check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(f"PRAGMA cache_size=-{self.cache_mib * 1024}")
        self._setup()
        mark_input(self.path)  # an export must never be written over its own memory

    def _setup(self) -> None:
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE name='tm_meta'").fetchone()
        if not exists:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.executemany(
                    "INSERT OR IGNORE INTO tm_meta VALUES (?, ?)",
                    [("schema", SCHEMA_VERSION), ("similarity", similarity.VERSION)])
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        meta = dict(self.db.execute("SELECT key, value FROM tm_meta"))
        if meta.get("schema") != SCHEMA_VERSION or meta.get("similarity") != similarity.VERSION:
            raise UsageError(
                f"{self.path}: translation memory of schema {meta.get('schema')} / similarity "
                f"{meta.get('similarity')}; this ahenk reads schema {SCHEMA_VERSION} / "
                f"similarity {similarity.VERSION} (export it with the older ahenk and "
                "import the export)")

    def close(self) -> None:
        self.db.close()

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM tm_unit").fetchone()[0]

    def language_pairs(self) -> list[tuple[str, str, int]]:
        return list(self.db.execute(
            "SELECT src_lang, tgt_lang, count(*) FROM tm_unit GROUP BY 1, 2 ORDER BY 1, 2"))

    # -- hooks -----------------------------------------------------------------------------------

    def _insert(self, batch: Sequence[TMEntry], now: str) -> ImportStats:
        terms = {}
        rows = []
        for entry in batch:
            ident = entry.pair_hash()
            terms[ident] = (index_terms(entry.source, entry.src_lang),
                            index_terms(entry.target, entry.tgt_lang))
            rows.append((ident, entry.src_lang, entry.tgt_lang, entry.source, entry.target,
                         entry.origin, entry.created or now,
                         spans_json(entry.source_spans) if entry.source_spans else None,
                         spans_json(entry.target_spans) if entry.target_spans else None))
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # holding the write lock, every id above the current maximum is one of ours
            last = self.db.execute("SELECT max(id) FROM tm_unit").fetchone()[0] or 0
            self.db.executemany(
                "INSERT OR IGNORE INTO tm_unit (pair_hash, src_lang, tgt_lang, source, target, "
                "origin, created, source_spans, target_spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows)
            added = self.db.execute("SELECT id, pair_hash FROM tm_unit WHERE id > ? ORDER BY id",
                                    (last,)).fetchall()
            stored = [terms[ident] for _, ident in added]
            fts = [(rowid, " ".join(src_terms), " ".join(tgt_terms))
                   for (rowid, _), (src_terms, tgt_terms) in zip(added, stored, strict=True)]
            src_df = Counter(chain.from_iterable(src_terms for src_terms, _ in stored))
            tgt_df = Counter(chain.from_iterable(tgt_terms for _, tgt_terms in stored))
            self.db.executemany("INSERT INTO tm_terms (rowid, src, tgt) VALUES (?, ?, ?)", fts)
            # in key order: the upserts walk the df table's b-tree once, front to back
            self.db.executemany(
                "INSERT INTO tm_df (col, term, n) VALUES (?, ?, ?) "
                "ON CONFLICT (col, term) DO UPDATE SET n = n + excluded.n",
                [(0, t, src_df[t]) for t in sorted(src_df)]
                + [(1, t, tgt_df[t]) for t in sorted(tgt_df)])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return ImportStats(added=len(added), duplicates=len(batch) - len(added))

    def _fuzzy_candidates(self, query: Normalised, src: str, tgt: str,
                          min_score: int) -> Iterable[TMEntry]:
        terms = query.terms
        if not terms:
            return []
        found: list[TMEntry] = []
        marks = ",".join("?" * len(terms))
        for col, column, langs, flip in ((0, "src", (src, tgt), False),
                                         (1, "tgt", (tgt, src), True)):
            frequencies = dict(self.db.execute(
                f"SELECT term, n FROM tm_df WHERE col = ? AND term IN ({marks})", (col, *terms)))
            shared: Counter[str] = Counter()
            for term in rare_terms(frequencies, self.postings):
                ids = self.db.execute(
                    "SELECT group_concat(rowid) FROM tm_terms WHERE tm_terms MATCH ?",
                    (f'{column} : "{term}"',)).fetchone()[0]
                if ids:
                    shared.update(ids.split(","))
            if not shared:
                continue
            best = [int(i) for i, _ in shared.most_common(self.candidates)]
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM tm_unit WHERE id IN ({','.join('?' * len(best))}) "
                "AND src_lang = ? AND tgt_lang = ?", (*best, *langs))
            found.extend(_entry(r).reversed() if flip else _entry(r) for r in rows)
        return found

    def _concordance_candidates(self, lang: str,
                                queries: Sequence[TermQuery]) -> Iterator[tuple[TMEntry, str]]:
        clauses = []
        for query in queries:
            options = [f'"{t}"' for t in query.exact] + [f'"{p}" *' for p in query.prefixes]
            clauses.append("(" + " OR ".join(options) + ")")
        condition = " AND ".join(clauses)
        for column, side, lang_column in (("src", "source", "src_lang"),
                                          ("tgt", "target", "tgt_lang")):
            page, last = 500, None
            while True:
                sql = "SELECT rowid FROM tm_terms WHERE tm_terms MATCH ?"
                args: list[object] = [f"{column} : ({condition})"]
                if last is not None:
                    sql += " AND rowid < ?"
                    args.append(last)
                ids = [r[0] for r in self.db.execute(sql + f" ORDER BY rowid DESC LIMIT {page}",
                                                     args)]
                if not ids:
                    break
                last = ids[-1]
                marks = ",".join("?" * len(ids))
                rows = self.db.execute(
                    f"SELECT {_COLUMNS} FROM tm_unit WHERE id IN ({marks}) "
                    f"AND {lang_column} = ? ORDER BY id DESC", (*ids, lang))
                for row in rows.fetchall():
                    yield _entry(row), side

    def _iter_entries(self, src: str | None, tgt: str | None) -> Iterator[TMEntry]:
        sql = f"SELECT {_COLUMNS} FROM tm_unit"
        conditions, args = [], []
        if src:
            conditions.append("src_lang = ?")
            args.append(src)
        if tgt:
            conditions.append("tgt_lang = ?")
            args.append(tgt)
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        for row in self.db.execute(sql + " ORDER BY id", args):
            yield _entry(row)
