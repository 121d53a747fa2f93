"""The embedded backend: one SQLite file in WAL mode, FTS5 indexes of retrieval terms.

Tables (schema 2): ``tm_unit`` (one row per entry; ``src_key`` is a 64-bit hash of the
languages and the source, ``tgt_key`` one of the target, and ``UNIQUE (src_key, tgt_key)``
stores an entry once even when several processes import at the same time, and finds the
translations of one source for an update or a delete), ``tm_src`` and ``tm_tgt`` (contentless
FTS5 tables, ``detail=none``: one row per entry, each side's retrieval terms
:func:`~ahenk.tm.similarity.index_terms`), ``tm_df`` (how many entries hold a term, per side;
FTS5 itself would have to read the term's whole index to say) and ``tm_meta`` (schema and
similarity versions). A schema-1 file (one ``pair_hash`` blob key, one two-column FTS5 table) is
migrated when opened (:mod:`.sqlite_schema`), in one transaction: the keys are computed from the
stored texts and the index rebuilt from them; the term counts stay as they are.

Fuzzy candidates: the query's terms are ranked by how few entries hold them (``tm_df``); the
rarest are read from the index until :attr:`SQLiteStore.postings` entries were seen (at least
one term), so a lookup's work does not grow with the memory; the
:attr:`~ahenk.tm.store.TMStore.candidates` entries sharing most of those rare terms are scored.
A query differing from an entry in one word still shares its other rare words (and its numbers,
which are terms here), so it is found.

Writers take the write lock per batch (``BEGIN IMMEDIATE``) and wait for each other up to
:attr:`SQLiteStore.timeout` seconds. Holding it, a batch's rows get the ids after the current
largest, in order (SQLite's rowid rule), so the index rows are written without reading the ids
back unless some entries were already there. A delete gives FTS5 the removed rows' terms again
(contentless tables forget the text), computed from the stored texts.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from ahenk.errors import UsageError
from ahenk.io import mark_input
from ahenk.tm import similarity
from ahenk.tm.edit import Selection, newest_wins
from ahenk.tm.similarity import Normalised, index_terms
from ahenk.tm.sqlite_schema import (
    CHUNK,
    COLUMNS,
    SCHEMA,
    SIDES,
    key,
    migrate_from_1,
    script,
    source_key,
)
from ahenk.tm.store import (
    SCHEMA_VERSION,
    ImportStats,
    TermQuery,
    TMEntry,
    TMStats,
    TMStore,
    rare_terms,
    spans_from_json,
    spans_json,
)

_INSERT = ("INSERT OR IGNORE INTO tm_unit (src_key, tgt_key, src_lang, tgt_lang, source, "
           "target, origin, created, source_spans, target_spans) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _entry(row: tuple) -> TMEntry:
    return TMEntry(row[1], row[2], row[3], row[4], row[5], row[6], spans_from_json(row[7]),
                   spans_from_json(row[8]), row[0])


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a batch allocates millions of small objects and
    none of them cyclic, so its passes would only walk them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        self._use_wal()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(f"PRAGMA cache_size=-{self.cache_mib * 1024}")
        self._setup()
        mark_input(self.path)  # an export must never be written over its own memory

    def _use_wal(self) -> None:
        """Switch the file to WAL (a setting the file keeps). The switch needs the file to
        itself, and SQLite may answer "locked" at once, without waiting its busy timeout, while
        another connection opens the new file too (four importers starting together): so the
        mode is read first and the switch retried for up to :attr:`timeout` seconds."""
        deadline = time.monotonic() + self.timeout
        delay = 0.01
        while True:
            try:
                mode = self.db.execute("PRAGMA journal_mode").fetchone()[0]
                if mode.lower() != "wal":
                    self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def _setup(self) -> None:
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE name='tm_meta'").fetchone()
        if not exists:
            with self._writing():
                script(self.db, SCHEMA)
                self.db.executemany(
                    "INSERT OR IGNORE INTO tm_meta VALUES (?, ?)",
                    [("schema", SCHEMA_VERSION), ("similarity", similarity.VERSION)])
        meta = dict(self.db.execute("SELECT key, value FROM tm_meta"))
        if meta.get("schema") == "1" and meta.get("similarity") == similarity.VERSION:
            migrate_from_1(self.db, self.path, self._writing)
            meta = dict(self.db.execute("SELECT key, value FROM tm_meta"))
        if meta.get("schema") != SCHEMA_VERSION or meta.get("similarity") != similarity.VERSION:
            raise UsageError(
                f"{self.path}: translation memory of schema {meta.get('schema')} / similarity "
                f"{meta.get('similarity')}; this ahenk reads schema {SCHEMA_VERSION} / "
                f"similarity {similarity.VERSION} (export it with the older ahenk and "
                "import the export)")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, taking the write lock first."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM tm_unit").fetchone()[0]

    def language_pairs(self) -> list[tuple[str, str, int]]:
        return list(self.db.execute(
            "SELECT src_lang, tgt_lang, count(*) FROM tm_unit GROUP BY 1, 2 ORDER BY 1, 2"))

    # -- hooks -----------------------------------------------------------------------------------

    def _insert(self, batch: Sequence[TMEntry], now: str, update: bool) -> ImportStats:
        with _no_gc():
            # the rows and terms are made before taking the write lock: others write meanwhile
            rows, terms = self._prepare(batch, now)
            with self._writing():
                if not update:
                    return self._append(rows, terms)
                plan = newest_wins(batch, self._same_sources(batch), now)
                self._remove(plan.delete)
                keep = {id(entry) for entry in plan.add}
                chosen = [k for k, entry in enumerate(batch) if id(entry) in keep]
                stats = self._append([rows[k] for k in chosen], [terms[k] for k in chosen])
                stats += ImportStats(duplicates=plan.duplicates, replaced=len(plan.delete),
                                     outdated=plan.outdated)
                return stats

    @staticmethod
    def _prepare(batch: Sequence[TMEntry], now: str) -> tuple[list[tuple], list[tuple]]:
        """The table rows of *batch* and each entry's (source terms, target terms)."""
        terms = []
        rows = []
        for entry in batch:
            terms.append((index_terms(entry.source, entry.src_lang),
                          index_terms(entry.target, entry.tgt_lang)))
            rows.append((source_key(entry.src_lang, entry.tgt_lang, entry.source),
                         key(entry.target), entry.src_lang, entry.tgt_lang, entry.source,
                         entry.target, entry.origin, entry.created or now,
                         spans_json(entry.source_spans) if entry.source_spans else None,
                         spans_json(entry.target_spans) if entry.target_spans else None))
        return rows, terms

    def _append(self, rows: Sequence[tuple], terms: Sequence[tuple]) -> ImportStats:
        """Insert prepared rows (the write lock held), index the new ones, count their terms."""
        if not rows:
            return ImportStats()
        # holding the write lock, the new rows get the ids after the largest, in order
        last = self.db.execute("SELECT max(id) FROM tm_unit").fetchone()[0] or 0
        before = self.db.total_changes
        self.db.executemany(_INSERT, rows)
        added = self.db.total_changes - before
        top = self.db.execute("SELECT max(id) FROM tm_unit").fetchone()[0] or 0
        if added == len(rows) and top == last + added:
            ids: Sequence[int] = range(last + 1, top + 1)
            stored = terms
        else:  # some were there already: which rows are new?
            position = {row[:2]: k for k, row in reversed(list(enumerate(rows)))}
            new = self.db.execute("SELECT id, src_key, tgt_key FROM tm_unit WHERE id > ? "
                                  "ORDER BY id", (last,)).fetchall()
            ids = [rowid for rowid, *_ in new]
            stored = [terms[position[(a, b)]] for _, a, b in new]
        for col, table in SIDES:
            self.db.executemany(f"INSERT INTO {table} (rowid, terms) VALUES (?, ?)",
                                zip(ids, (" ".join(t[col]) for t in stored), strict=True))
        self._count_terms(stored, +1)
        return ImportStats(added=len(ids), duplicates=len(rows) - len(ids))

    def _count_terms(self, terms: Sequence[tuple[Sequence[str], Sequence[str]]],
                     sign: int) -> None:
        """Add (*sign* +1) or take (−1) the entries' terms to the df counts."""
        rows = []
        for col, _ in SIDES:
            counts = Counter(chain.from_iterable(t[col] for t in terms))
            # in key order: the upserts walk the df table's b-tree once, front to back
            rows.extend((col, term, sign * counts[term]) for term in sorted(counts))
        self.db.executemany(
            "INSERT INTO tm_df (col, term, n) VALUES (?, ?, ?) "
            "ON CONFLICT (col, term) DO UPDATE SET n = n + excluded.n", rows)
        if sign < 0:
            self.db.executemany("DELETE FROM tm_df WHERE col = ? AND term = ? AND n <= 0",
                                [row[:2] for row in rows])

    def _same_sources(self, batch: Sequence[TMEntry]) -> list[TMEntry]:
        """The memory's entries with the languages and source of one of *batch*'s."""
        keys = sorted({source_key(e.src_lang, e.tgt_lang, e.source) for e in batch})
        found = []
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start:start + CHUNK]
            found.extend(_entry(row) for row in self.db.execute(
                f"SELECT {COLUMNS} FROM tm_unit WHERE src_key IN "
                f"({','.join('?' * len(chunk))})", chunk))
        return found

    def _remove(self, ids: Sequence[int]) -> int:
        """Delete the entries *ids* with their index rows and term counts (lock held)."""
        ids = sorted(set(ids))
        removed: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT id, src_lang, tgt_lang, source, target FROM tm_unit "
                                   f"WHERE id IN ({marks})", chunk).fetchall()
            terms = [(index_terms(r[3], r[1]), index_terms(r[4], r[2])) for r in rows]
            # a contentless FTS5 table forgets a row given the terms it was indexed with
            for col, table in SIDES:
                self.db.executemany(
                    f"INSERT INTO {table} ({table}, rowid, terms) VALUES ('delete', ?, ?)",
                    [(r[0], " ".join(t[col])) for r, t in zip(rows, terms, strict=True)])
            self.db.execute(f"DELETE FROM tm_unit WHERE id IN ({marks})", chunk)
            removed.extend(terms)
        if removed:
            self._count_terms(removed, -1)
        return len(removed)

    def _where(self, selection: Selection) -> tuple[str, list[object]]:
        clauses, args = [], []
        if selection.ids:
            clauses.append(f"id IN ({','.join('?' * len(selection.ids))})")
            args.extend(selection.ids)
        if selection.source is not None and selection.src and selection.tgt:
            clauses.append("src_key = ?")  # through the index
            args.append(source_key(selection.src, selection.tgt, selection.source))
        for column, operator, value in selection.conditions():
            clauses.append(f"{column} {operator} ?")
            args.append(value)
        return " AND ".join(clauses), args

    def _delete(self, selection: Selection) -> int:
        where, args = self._where(selection)
        with _no_gc(), self._writing():
            ids = [r[0] for r in self.db.execute(f"SELECT id FROM tm_unit WHERE {where}", args)]
            return self._remove(ids)

    def _count(self, selection: Selection) -> int:
        where, args = self._where(selection)
        return self.db.execute(f"SELECT count(*) FROM tm_unit WHERE {where}", args).fetchone()[0]

    def _stats(self) -> TMStats:
        with self._reading():
            entries, oldest, newest = self.db.execute(
                "SELECT count(*), min(created), max(created) FROM tm_unit").fetchone()
            origins = self.db.execute("SELECT origin, count(*) FROM tm_unit GROUP BY origin "
                                      "ORDER BY 2 DESC, 1").fetchall()
            # a source's rows share src_key (and, but for a 64-bit collision, only they do)
            alternatives = self.db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM tm_unit GROUP BY src_key "
                "HAVING count(*) > 1)").fetchone()[0]
            pairs = self.language_pairs()
        return TMStats(entries, tuple(pairs), tuple(origins), oldest, newest, alternatives,
                       self.signature())

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """One read transaction: several queries see the same memory."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def _fuzzy_candidates(self, query: Normalised, src: str, tgt: str,
                          min_score: int) -> Iterable[TMEntry]:
        terms = query.terms
        if not terms:
            return []
        found: list[TMEntry] = []
        marks = ",".join("?" * len(terms))
        for (col, table), langs, flip in zip(SIDES, ((src, tgt), (tgt, src)), (False, True),
                                             strict=True):
            frequencies = dict(self.db.execute(
                f"SELECT term, n FROM tm_df WHERE col = ? AND term IN ({marks})", (col, *terms)))
            shared: Counter[str] = Counter()
            for term in rare_terms(frequencies, self.postings):
                ids = self.db.execute(
                    f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH ?",
                    (f'"{term}"',)).fetchone()[0]
                if ids:
                    shared.update(ids.split(","))
            if not shared:
                continue
            best = [int(i) for i, _ in shared.most_common(self.candidates)]
            rows = self.db.execute(
                f"SELECT {COLUMNS} FROM tm_unit WHERE id IN ({','.join('?' * len(best))}) "
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
        for (_, table), side, lang_column in zip(SIDES, ("source", "target"),
                                                 ("src_lang", "tgt_lang"), strict=True):
            page, last = 500, None
            while True:
                sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
                args: list[object] = [condition]
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
                    f"SELECT {COLUMNS} FROM tm_unit WHERE id IN ({marks}) "
                    f"AND {lang_column} = ? ORDER BY id DESC", (*ids, lang))
                for row in rows.fetchall():
                    yield _entry(row), side

    def _iter_entries(self, src: str | None, tgt: str | None) -> Iterator[TMEntry]:
        sql = f"SELECT {COLUMNS} FROM tm_unit"
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
