"""The shared backend: a PostgreSQL database that a team's ahenk processes write to at once.

Selected by a URL: ``--db postgresql://user@host/dbname``. Needs psycopg 3 (``pip install
'ahenk[postgres]'``, imported on first use) and the ``pg_trgm`` extension (created when the user
may, else ask the database owner for ``CREATE EXTENSION pg_trgm``). The database should use a
UTF-8 locale (``C.UTF-8`` or a language's): under the ``C`` locale pg_trgm drops non-ASCII
letters and Azerbaijani and Russian text would hardly be indexed.

Tables: ``ahenk_tm_unit``, the entries: each with its ``pair_hash`` (UNIQUE: concurrent
imports of the same pair store it once; ``INSERT … ON CONFLICT DO NOTHING``), each side's
folded text (:attr:`~ahenk.tm.similarity.Normalised.folded`, numbers kept, so that of many
entries differing only in a number the right one ranks first) and each side's retrieval terms
(:func:`~ahenk.tm.similarity.index_terms`) as a ``tsvector`` with a GIN index;
``ahenk_tm_df``, how many entries hold each term, kept in the same transaction as the entries.
Batches arrive by ``COPY`` into a temporary table and one ``INSERT … SELECT``; a batch that
deadlocks with a concurrent import of overlapping data is retried.

Fuzzy candidates: as in SQLite, the query's rarest terms (up to :attr:`PostgresStore.postings`
entries) select the entries; the twice :attr:`~ahenk.tm.store.TMStore.candidates` sharing most
of them (``ts_rank``) are ranked by pg_trgm's ``similarity`` of the folded texts, and the best
``candidates`` are scored. (A pg_trgm index alone, ``%`` on a
GIN trigram index, reads every entry sharing a common trigram with the query: seconds per
lookup at 100,000 entries in the benchmark.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ahenk.errors import UsageError
from ahenk.tm import similarity
from ahenk.tm.similarity import Normalised
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

_SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE IF NOT EXISTS ahenk_tm_meta (key text PRIMARY KEY, value text NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS ahenk_tm_unit (
        id bigserial PRIMARY KEY,
        pair_hash bytea NOT NULL UNIQUE,
        src_lang text NOT NULL,
        tgt_lang text NOT NULL,
        source text NOT NULL,
        target text NOT NULL,
        origin text,
        created text NOT NULL,
        source_spans text,
        target_spans text,
        src_text text NOT NULL,
        tgt_text text NOT NULL,
        src_terms tsvector NOT NULL,
        tgt_terms tsvector NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS ahenk_tm_df (
        col smallint NOT NULL, term text NOT NULL, n bigint NOT NULL, PRIMARY KEY (col, term))""",
    "CREATE INDEX IF NOT EXISTS ahenk_tm_src_terms ON ahenk_tm_unit USING gin (src_terms)",
    "CREATE INDEX IF NOT EXISTS ahenk_tm_tgt_terms ON ahenk_tm_unit USING gin (tgt_terms)",
]
_COLUMNS = ("id, src_lang, tgt_lang, source, target, origin, created, source_spans, "
            "target_spans")
_STAGE_COLUMNS = ("pair_hash, src_lang, tgt_lang, source, target, origin, created, "
                  "source_spans, target_spans, src_text, tgt_text, src_terms, tgt_terms")
#: Serialises schema creation between processes that open a new database at once.
_LOCK = 0x61_68_65_6E_6B  # "ahenk"
#: Attempts at a batch that deadlocked with another import.
_RETRIES = 5


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise UsageError("a postgresql:// memory needs psycopg 3: "
                         "pip install 'ahenk[postgres]'") from None
    return psycopg


def _entry(row: tuple) -> TMEntry:
    return TMEntry(row[1], row[2], row[3], row[4], row[5], row[6], spans_from_json(row[7]),
                   spans_from_json(row[8]), row[0])


def _tsvector(terms: Iterable[str]) -> str:
    """A tsvector literal of plain lexemes (terms are letters and digits only)."""
    return " ".join(f"'{t}'" for t in terms)


class PostgresStore(TMStore):
    """A memory in a PostgreSQL database (tables made on first connection)."""

    backend = "postgresql"
    #: How many entries' rows a lookup reads at most (the rarest terms first).
    postings = 5000

    def __init__(self, url: str) -> None:
        psycopg = _psycopg()
        self.url = url
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise UsageError(f"cannot connect to {_redact(url)}: "
                             f"{str(exc).strip().splitlines()[0]}") from None
        self._setup()

    def _setup(self) -> None:
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            for statement in _SCHEMA:
                self.db.execute(statement)
            self.db.execute("INSERT INTO ahenk_tm_meta VALUES ('schema', %s), ('similarity', %s) "
                            "ON CONFLICT (key) DO NOTHING",
                            (SCHEMA_VERSION, similarity.VERSION))
        meta = dict(self.db.execute("SELECT key, value FROM ahenk_tm_meta").fetchall())
        if meta.get("schema") != SCHEMA_VERSION or meta.get("similarity") != similarity.VERSION:
            raise UsageError(
                f"{_redact(self.url)}: translation memory of schema {meta.get('schema')} / "
                f"similarity {meta.get('similarity')}; this ahenk reads schema "
                f"{SCHEMA_VERSION} / similarity {similarity.VERSION}")

    def close(self) -> None:
        self.db.close()

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM ahenk_tm_unit").fetchone()[0]

    def language_pairs(self) -> list[tuple[str, str, int]]:
        return [tuple(r) for r in self.db.execute(  # type: ignore[misc]
            "SELECT src_lang, tgt_lang, count(*) FROM ahenk_tm_unit GROUP BY 1, 2 "
            "ORDER BY 1, 2").fetchall()]

    def drop(self) -> None:
        """Remove the memory's tables (tests and benchmarks start from nothing)."""
        self.db.execute("DROP TABLE IF EXISTS ahenk_tm_unit, ahenk_tm_df, ahenk_tm_meta")

    # -- hooks -----------------------------------------------------------------------------------

    def _insert(self, batch: Sequence[TMEntry], now: str) -> ImportStats:
        rows = []
        for entry in batch:
            src = similarity.normalise(entry.source, entry.src_lang)
            tgt = similarity.normalise(entry.target, entry.tgt_lang)
            rows.append((entry.pair_hash(), entry.src_lang, entry.tgt_lang, entry.source,
                         entry.target, entry.origin, entry.created or now,
                         spans_json(entry.source_spans), spans_json(entry.target_spans),
                         src.folded, tgt.folded, _tsvector(src.terms), _tsvector(tgt.terms)))
        psycopg = _psycopg()
        for attempt in range(_RETRIES):
            try:
                return self._copy_in(rows)
            except psycopg.errors.DeadlockDetected:  # two imports of overlapping batches
                if attempt + 1 == _RETRIES:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _copy_in(self, rows: list[tuple]) -> ImportStats:
        with self.db.transaction(), self.db.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS ahenk_tm_stage "
                           f"ON COMMIT DELETE ROWS AS SELECT {_STAGE_COLUMNS} "
                           f"FROM ahenk_tm_unit WITH NO DATA")
            with cursor.copy(f"COPY ahenk_tm_stage ({_STAGE_COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            # the entries, and the term counts of those actually added, in one statement
            cursor.execute(
                f"WITH added AS (INSERT INTO ahenk_tm_unit ({_STAGE_COLUMNS}) "
                f"SELECT {_STAGE_COLUMNS} FROM ahenk_tm_stage "
                "ON CONFLICT (pair_hash) DO NOTHING RETURNING src_terms, tgt_terms), "
                "counted AS (INSERT INTO ahenk_tm_df (col, term, n) "
                "SELECT col, term, count(*) FROM ("
                "SELECT 0 AS col, unnest(tsvector_to_array(src_terms)) AS term FROM added "
                "UNION ALL "
                "SELECT 1, unnest(tsvector_to_array(tgt_terms)) FROM added) AS t "
                "GROUP BY col, term ORDER BY col, term "
                "ON CONFLICT (col, term) DO UPDATE SET n = ahenk_tm_df.n + excluded.n) "
                "SELECT count(*) FROM added")
            added = cursor.fetchone()[0]
        return ImportStats(added=added, duplicates=len(rows) - added)

    def _fuzzy_candidates(self, query: Normalised, src: str, tgt: str,
                          min_score: int) -> Iterable[TMEntry]:
        if not query.terms:
            return []
        found: list[TMEntry] = []
        for col, prefix, langs, flip in ((0, "src", (src, tgt), False),
                                         (1, "tgt", (tgt, src), True)):
            frequencies = dict(self.db.execute(
                "SELECT term, n FROM ahenk_tm_df WHERE col = %s AND term = ANY(%s)",
                (col, list(query.terms))).fetchall())
            terms = rare_terms(frequencies, self.postings)
            if not terms:
                continue
            # entries sharing most rare terms (ts_rank), then the closest by trigrams
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM (SELECT * FROM ahenk_tm_unit "
                f"WHERE {prefix}_terms @@ %(terms)s::tsquery AND src_lang = %(src)s "
                f"AND tgt_lang = %(tgt)s ORDER BY ts_rank({prefix}_terms, %(terms)s::tsquery) "
                f"DESC, id DESC LIMIT {2 * self.candidates}) AS shared "
                f"ORDER BY similarity({prefix}_text, %(text)s) DESC, id DESC "
                f"LIMIT {self.candidates}",
                {"terms": " | ".join(f"'{t}'" for t in terms), "src": langs[0],
                 "tgt": langs[1], "text": query.folded}).fetchall()
            found.extend(_entry(r).reversed() if flip else _entry(r) for r in rows)
        return found

    def _concordance_candidates(self, lang: str,
                                queries: Sequence[TermQuery]) -> Iterator[tuple[TMEntry, str]]:
        clauses = []
        for query in queries:
            options = [f"'{t}'" for t in query.exact] + [f"'{p}':*" for p in query.prefixes]
            clauses.append("(" + " | ".join(options) + ")")
        tsquery = " & ".join(clauses)
        for column, side, lang_column in (("src_terms", "source", "src_lang"),
                                          ("tgt_terms", "target", "tgt_lang")):
            page, last = 500, None
            while True:
                sql = (f"SELECT {_COLUMNS} FROM ahenk_tm_unit WHERE {column} @@ "
                       f"%s::tsquery AND {lang_column} = %s")
                args: list[object] = [tsquery, lang]
                if last is not None:
                    sql += " AND id < %s"
                    args.append(last)
                rows = self.db.execute(sql + f" ORDER BY id DESC LIMIT {page}", args).fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                for row in rows:
                    yield _entry(row), side

    def _iter_entries(self, src: str | None, tgt: str | None) -> Iterator[TMEntry]:
        conditions, args = [], []
        if src:
            conditions.append("src_lang = %s")
            args.append(src)
        if tgt:
            conditions.append("tgt_lang = %s")
            args.append(tgt)
        where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
        with self.db.transaction(), self.db.cursor(name="ahenk_tm_export") as cursor:
            cursor.execute(f"SELECT {_COLUMNS} FROM ahenk_tm_unit{where} ORDER BY id", args)
            for row in cursor:
                yield _entry(row)


def _redact(url: str) -> str:
    """*url* without its password."""
    head, sep, tail = url.partition("://")
    if "@" in tail:
        creds, _, host = tail.rpartition("@")
        user = creds.split(":", 1)[0]
        return f"{head}{sep}{user}@{host}"
    return url
