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
entries) select the entries, but an entry must share two of them, or one of them and the next
rarest term (the *partner*): the GIN index answers that from its posting lists, so only the
entries sharing two terms are read from the table, however common the partner is. (When the
rare terms are held by at most :attr:`PostgresStore.few` entries, one shared term is enough.) A
query with one word changed still shares two of those terms with its match: the other rare
one, or the partner. Of those entries, the twice :attr:`~ahenk.tm.store.TMStore.candidates`
sharing most of the query's terms (``ts_rank`` over all of them: on lexemes without positions
it grows with the number shared) are ranked by pg_trgm's ``similarity`` of the folded texts, and
the best ``candidates`` are scored. (Ranking by the rare terms alone left hundreds of entries
tied, and the right one was cut at 1M entries: 92 of the benchmark's 100 found, now 100. A
pg_trgm index alone, ``%`` on a GIN trigram index, reads every entry sharing a common trigram
with the query: seconds per lookup at 100,000 entries in the benchmark.)

Update imports and deletes find the translations of one source through a hash index on the
source text (added when a schema-1 database is opened). An update import takes a transaction
lock, so two update imports of the same source do not both keep their translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from ahenk.errors import UsageError
from ahenk.tm import similarity
from ahenk.tm.edit import Selection, newest_wins
from ahenk.tm.similarity import Normalised
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
    # schema 2: the translations of one source, for update imports and deletes
    "CREATE INDEX IF NOT EXISTS ahenk_tm_source ON ahenk_tm_unit USING hash (source)",
]
_COLUMNS = ("id, src_lang, tgt_lang, source, target, origin, created, source_spans, "
            "target_spans")
_STAGE_COLUMNS = ("pair_hash, src_lang, tgt_lang, source, target, origin, created, "
                  "source_spans, target_spans, src_text, tgt_text, src_terms, tgt_terms")
#: Serialises schema creation between processes that open a new database at once.
_LOCK = 0x61_68_65_6E_6B  # "ahenk"
#: Serialises update imports (read the translations of a source, then replace them).
_UPDATE_LOCK = _LOCK + 1
#: Attempts at a batch that deadlocked with another import.
_RETRIES = 5

T = TypeVar("T")


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


#: Each term of the entries in the CTE {rows}, with its side (0 source, 1 target).
_TERMS = ("SELECT 0 AS col, unnest(tsvector_to_array(src_terms)) AS term FROM {rows} "
          "UNION ALL SELECT 1, unnest(tsvector_to_array(tgt_terms)) FROM {rows}")


def _shared_terms(frequencies: dict[str, int], postings: int, few: int) -> str | None:
    """The tsquery a candidate must match (see the module docstring): two of the rare terms,
    or one and the partner; any rare term when they are held by *few* entries at most."""
    rare = rare_terms(frequencies, postings)
    if not rare:
        return None
    quoted = [f"'{t}'" for t in rare]
    if sum(frequencies[t] for t in rare) <= few:
        return " | ".join(quoted)
    partner = min(((n, t) for t, n in frequencies.items() if t not in rare and n > 0),
                  default=None)
    others = quoted + ([f"'{partner[1]}'"] if partner else [])
    if len(others) == 1:
        return quoted[0]
    return " | ".join(f"({term} & ({' | '.join(others[k + 1:])}))"
                      for k, term in enumerate(quoted) if others[k + 1:])


def _tsvector(terms: Iterable[str]) -> str:
    """A tsvector literal of plain lexemes (terms are letters and digits only)."""
    return " ".join(f"'{t}'" for t in terms)


class PostgresStore(TMStore):
    """A memory in a PostgreSQL database (tables made on first connection)."""

    backend = "postgresql"
    #: How many entries the rare terms a lookup selects by may hold (the rarest first).
    postings = 5000
    #: Up to this many entries, an entry sharing one rare term is a candidate too.
    few = 500

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
            # schema 1 → 2: the source index, made by the statements above
            self.db.execute("UPDATE ahenk_tm_meta SET value = %s WHERE key = 'schema' "
                            "AND value = '1'", (SCHEMA_VERSION,))
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

    def _insert(self, batch: Sequence[TMEntry], now: str, update: bool) -> ImportStats:
        rows = []
        for entry in batch:
            src = similarity.normalise(entry.source, entry.src_lang)
            tgt = similarity.normalise(entry.target, entry.tgt_lang)
            rows.append((entry.pair_hash(), entry.src_lang, entry.tgt_lang, entry.source,
                         entry.target, entry.origin, entry.created or now,
                         spans_json(entry.source_spans), spans_json(entry.target_spans),
                         src.folded, tgt.folded, _tsvector(src.terms), _tsvector(tgt.terms)))
        if update:
            return self._retrying(lambda: self._update(batch, rows, now))
        return self._retrying(lambda: self._copy_in(rows))

    def _retrying(self, work: Callable[[], T]) -> T:
        """*work()* in a transaction, again when it deadlocked with a concurrent writer."""
        psycopg = _psycopg()
        for attempt in range(_RETRIES):
            try:
                with self.db.transaction():
                    return work()
            except psycopg.errors.DeadlockDetected:  # two writers of overlapping batches
                if attempt + 1 == _RETRIES:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _update(self, batch: Sequence[TMEntry], rows: list[tuple], now: str) -> ImportStats:
        self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_UPDATE_LOCK,))
        sources = sorted({e.source for e in batch})
        stored = [_entry(r) for r in self.db.execute(
            f"SELECT {_COLUMNS} FROM ahenk_tm_unit WHERE source = ANY(%s)",
            (sources,)).fetchall()]
        plan = newest_wins(batch, stored, now)
        self._remove("id = ANY(%s)", [plan.delete])
        keep = {id(entry) for entry in plan.add}
        stats = self._copy_in([row for entry, row in zip(batch, rows, strict=True)
                               if id(entry) in keep])
        stats += ImportStats(duplicates=plan.duplicates, replaced=len(plan.delete),
                             outdated=plan.outdated)
        return stats

    def _copy_in(self, rows: list[tuple]) -> ImportStats:
        with self.db.cursor() as cursor:
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
                f"SELECT col, term, count(*) FROM ({_TERMS.format(rows='added')}) AS t "
                "GROUP BY col, term ORDER BY col, term "
                "ON CONFLICT (col, term) DO UPDATE SET n = ahenk_tm_df.n + excluded.n) "
                "SELECT count(*) FROM added")
            added = cursor.fetchone()[0]
        return ImportStats(added=added, duplicates=len(rows) - added)

    def _remove(self, where: str, args: Sequence[object]) -> int:
        """Delete the entries *where* names and their term counts (in the caller's
        transaction)."""
        removed = self.db.execute(
            f"WITH gone AS (DELETE FROM ahenk_tm_unit WHERE {where} "
            "RETURNING src_terms, tgt_terms), "
            f"counted AS (SELECT col, term, count(*) AS n FROM ({_TERMS.format(rows='gone')}) "
            "AS t GROUP BY col, term), "
            "updated AS (UPDATE ahenk_tm_df AS d SET n = d.n - c.n FROM counted AS c "
            "WHERE d.col = c.col AND d.term = c.term) "
            "SELECT count(*) FROM gone", args).fetchone()[0]
        if removed:
            self.db.execute("DELETE FROM ahenk_tm_df WHERE n <= 0")
        return removed

    def _where(self, selection: Selection) -> tuple[str, list[object]]:
        clauses: list[str] = []
        args: list[object] = []
        if selection.ids:
            clauses.append("id = ANY(%s)")
            args.append(list(selection.ids))
        for column, operator, value in selection.conditions():
            clauses.append(f"{column} {operator} %s")
            args.append(value)
        return " AND ".join(clauses), args

    def _delete(self, selection: Selection) -> int:
        where, args = self._where(selection)
        return self._retrying(lambda: self._remove(where, args))

    def _count(self, selection: Selection) -> int:
        where, args = self._where(selection)
        return self.db.execute(f"SELECT count(*) FROM ahenk_tm_unit WHERE {where}",
                               args).fetchone()[0]

    def _stats(self) -> TMStats:
        with self.db.transaction():
            entries, oldest, newest = self.db.execute(
                "SELECT count(*), min(created), max(created) FROM ahenk_tm_unit").fetchone()
            origins = self.db.execute("SELECT origin, count(*) FROM ahenk_tm_unit GROUP BY "
                                      "origin ORDER BY 2 DESC, 1").fetchall()
            alternatives = self.db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM ahenk_tm_unit GROUP BY src_lang, "
                "tgt_lang, source HAVING count(*) > 1) AS s").fetchone()[0]
            pairs = self.language_pairs()
        return TMStats(entries, tuple(pairs), tuple((o, n) for o, n in origins), oldest,
                       newest, alternatives, self.signature())

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
            match = _shared_terms(frequencies, self.postings, self.few)
            if not match:
                continue
            # entries sharing two rare terms, most shared terms first, then closest by trigrams
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM (SELECT * FROM ahenk_tm_unit "
                f"WHERE {prefix}_terms @@ %(match)s::tsquery AND src_lang = %(src)s "
                f"AND tgt_lang = %(tgt)s ORDER BY ts_rank({prefix}_terms, %(all)s::tsquery) "
                f"DESC, id DESC LIMIT {2 * self.candidates}) AS shared "
                f"ORDER BY similarity({prefix}_text, %(text)s) DESC, id DESC "
                f"LIMIT {self.candidates}",
                {"match": match, "all": " | ".join(f"'{t}'" for t in sorted(frequencies)),
                 "src": langs[0], "tgt": langs[1], "text": query.folded}).fetchall()
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
