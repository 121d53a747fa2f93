"""The SQLite memory's tables (schema 2), its keys, and the migration from schema 1.

Schema 1 (ahenk before the update and delete commands) keyed an entry by a 128-bit blob hash
of its languages and texts, and indexed both sides in one two-column FTS5 table
(``tm_terms``, ``detail=column``). Schema 2 keys it by two 64-bit hashes, of the languages and
source and of the target (so the translations of one source are found through the same
unique index), and indexes each side in its own FTS5 table with ``detail=none`` (half the
index, and less work per entry on import). The term counts (``tm_df``) are the same.
"""

from __future__ import annotations

import sqlite3
from hashlib import blake2b
from pathlib import Path
from typing import Any

from ahenk.errors import UsageError
from ahenk.tm.similarity import index_terms
from ahenk.tm.store import SCHEMA_VERSION

#: The entries' table (also made as ``tm_unit_2`` by the migration).
UNIT = """
CREATE TABLE IF NOT EXISTS {name} (
    id INTEGER PRIMARY KEY,
    src_key INTEGER NOT NULL,
    tgt_key INTEGER NOT NULL,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT,
    created TEXT NOT NULL,
    source_spans TEXT,
    target_spans TEXT,
    UNIQUE (src_key, tgt_key)
)"""
INDEXES = """
CREATE VIRTUAL TABLE IF NOT EXISTS tm_src USING fts5(
    terms, content='', columnsize=0, detail=none, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS tm_tgt USING fts5(
    terms, content='', columnsize=0, detail=none, tokenize='unicode61 remove_diacritics 0');
CREATE TABLE IF NOT EXISTS tm_df (
    col INTEGER NOT NULL, term TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (col, term)
) WITHOUT ROWID;
"""
SCHEMA = ("CREATE TABLE IF NOT EXISTS tm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
          + UNIT.format(name="tm_unit") + ";" + INDEXES)
COLUMNS = ("id, src_lang, tgt_lang, source, target, origin, created, source_spans, "
           "target_spans")
#: Index sides: (tm_df column, FTS5 table).
SIDES = ((0, "tm_src"), (1, "tm_tgt"))
#: Bound parameters per statement where a list of ids or keys is spelled out.
CHUNK = 500


def key(text: str) -> int:
    """A signed 64-bit hash of *text* (what SQLite's INTEGER holds)."""
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "little",
                          signed=True)


def source_key(src_lang: str, tgt_lang: str, source: str) -> int:
    return key(f"{src_lang}\0{tgt_lang}\0{source}")


def script(db: sqlite3.Connection, statements: str) -> None:
    for statement in statements.split(";"):
        if statement.strip():
            db.execute(statement)


def migrate_from_1(db: sqlite3.Connection, path: Path, writing: Any) -> None:
    """Schema 1 → 2 in one transaction (*writing*: the store's): keys from the stored texts,
    the index rebuilt from them, the term counts kept (the same terms)."""
    db.create_function("ahenk_source_key", 3, source_key, deterministic=True)
    db.create_function("ahenk_key", 1, key, deterministic=True)
    with writing():
        schema = db.execute("SELECT value FROM tm_meta WHERE key = 'schema'")
        if schema.fetchone()[0] != "1":  # another process migrated it meanwhile
            return
        script(db, UNIT.format(name="tm_unit_2") + ";" + INDEXES)
        try:
            db.execute(
                f"INSERT INTO tm_unit_2 (src_key, tgt_key, {COLUMNS}) SELECT "
                f"ahenk_source_key(src_lang, tgt_lang, source), ahenk_key(target), "
                f"{COLUMNS} FROM tm_unit ORDER BY id")
        except sqlite3.IntegrityError:  # two 64-bit key pairs alike: never seen
            raise UsageError(f"{path}: cannot migrate this memory to schema "
                             f"{SCHEMA_VERSION} (two entries share a key); export it with "
                             "the older ahenk and import the export") from None
        db.execute("DROP TABLE tm_unit")
        db.execute("DROP TABLE tm_terms")
        db.execute("ALTER TABLE tm_unit_2 RENAME TO tm_unit")
        last = 0
        while True:
            rows = db.execute(
                "SELECT id, src_lang, tgt_lang, source, target FROM tm_unit WHERE id > ? "
                "ORDER BY id LIMIT 20000", (last,)).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            for col, table in SIDES:
                db.executemany(
                    f"INSERT INTO {table} (rowid, terms) VALUES (?, ?)",
                    [(row[0], " ".join(index_terms(row[3 + col], row[1 + col])))
                     for row in rows])
        db.execute("UPDATE tm_meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
