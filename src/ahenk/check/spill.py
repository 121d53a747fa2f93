"""What the consistency checks keep of the pairs: an index in memory while small, on disk after.

``inconsistent-target`` and ``inconsistent-source`` compare every pair with every other, so they
must keep something of each until the last file is read: one :class:`Row` per pair, holding
both normalised keys and what a finding about the pair needs (location, texts, suppressing
notes), since any pair whose variant turns out a minority is reported. The first
:data:`SPILL_ROWS` rows are kept in a list; past that the index moves to an SQLite file in a
temporary folder (deleted by :meth:`Index.close`), so memory stays flat whatever the number of
pairs. Either way :meth:`Index.groups` gives the same groups in the same order, and the rows
of a group in file order, so the findings are identical.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator
from typing import NamedTuple

from ahenk.check.finding import Side
from ahenk.check.found import remove_folder
from ahenk.check.suppress import CLEAR, UNCHANGED, Mark

#: Rows kept in memory before the index moves to disk (about 1 KB each with their texts).
#: Read when an index is made, so a test can set it low to exercise the on-disk path.
SPILL_ROWS = 20_000
_BATCH = 5_000


class Row(NamedTuple):
    """One pair as the consistency checks keep it.

    ``position`` orders rows as the files list the pairs; ``by_source``/``by_target`` say
    whether the normalised source/target can key a group (it holds a letter).
    """

    position: int
    src: str
    tgt: str
    nsrc: str
    ntgt: str
    by_source: bool
    by_target: bool
    file: str | None
    line: int | None
    ref: str | None
    source_text: str
    target_text: str
    notes: str  # the pair's suppressing note lines, joined by newlines
    unchanged: bool

    def lang(self, side: Side) -> str:
        return self.src if side is Side.SOURCE else self.tgt

    @property
    def mark(self) -> Mark:
        if self.notes:
            return Mark(tuple(self.notes.split("\n")), self.file, self.line, self.unchanged)
        return UNCHANGED if self.unchanged else CLEAR


# (key column, variant column, flag column) of a group keyed by each side
_COLUMNS = {Side.SOURCE: ("nsrc", "ntgt", "by_source"), Side.TARGET: ("ntgt", "nsrc", "by_target")}
_FIELDS = ", ".join(Row._fields)


class Group:
    """The rows sharing a key on one side (languages and normalised text) that have two or
    more variants on the other: ``counts`` maps each variant to (how many rows, the position
    of its first); :meth:`rows` gives rows in file order."""

    def __init__(self, counts: dict[str, tuple[int, int]], variant: str, *,
                 members: list[Row] | None = None,
                 query: tuple[sqlite3.Connection, str, tuple] | None = None) -> None:
        self.counts = counts
        self._variant = variant
        self._members = members
        self._query = query

    def rows(self, variant: str, *, same: bool = True, limit: int | None = None) -> list[Row]:
        """The rows whose variant is (*same*) or is not *variant*, at most *limit* of them."""
        if self._members is not None:
            at = Row._fields.index(self._variant)
            found = [r for r in self._members if (r[at] == variant) == same]
            return found[:limit] if limit is not None else found
        assert self._query is not None
        db, where, args = self._query
        sql = (f"SELECT {_FIELDS} FROM rows WHERE {where} AND {self._variant} "
               f"{'=' if same else '<>'} ? ORDER BY position")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [Row(*r) for r in db.execute(sql, (*args, variant))]


class Index:
    """The consistency checks' rows: a list up to :data:`SPILL_ROWS`, an SQLite file after."""

    def __init__(self, spill_rows: int | None = None) -> None:
        self.spill_rows = SPILL_ROWS if spill_rows is None else spill_rows
        self.rows: list[Row] = []
        self.db: sqlite3.Connection | None = None
        self._folder: str | None = None
        self._pending: list[Row] = []
        self._sealed = False
        self._cleanup: weakref.finalize | None = None
        self.last: object = None  # the last pair added (two checks share one index)

    @property
    def spilled(self) -> bool:
        return self.db is not None

    def add(self, row: Row) -> None:
        if self.db is None:
            self.rows.append(row)
            if len(self.rows) > self.spill_rows:
                self._spill()
            return
        self._pending.append(row)
        if len(self._pending) >= _BATCH:
            self._flush()

    def _spill(self) -> None:
        self._folder = tempfile.mkdtemp(prefix="ahenk-check-")
        self.db = sqlite3.connect(os.path.join(self._folder, "consistency.sqlite"))
        # removed by close(), or, should nobody call it, when the index is collected or the
        # interpreter exits
        self._cleanup = weakref.finalize(self, remove_folder, self._folder, self.db)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE rows (position INTEGER PRIMARY KEY, src TEXT, tgt TEXT, nsrc TEXT,"
            " ntgt TEXT, by_source INTEGER, by_target INTEGER, file TEXT, line INTEGER,"
            " ref TEXT, source_text TEXT, target_text TEXT, notes TEXT, unchanged INTEGER);")
        self._pending, self.rows = self.rows, []
        self._flush()

    def _flush(self) -> None:
        assert self.db is not None
        if self._pending:
            marks = ", ".join("?" * len(Row._fields))
            self.db.executemany(f"INSERT INTO rows ({_FIELDS}) VALUES ({marks})", self._pending)
            self._pending = []

    def _seal(self) -> None:
        if self._sealed or self.db is None:
            return
        self._flush()
        self.db.executescript(
            "CREATE INDEX by_source ON rows (src, tgt, nsrc, ntgt) WHERE by_source;"
            "CREATE INDEX by_target ON rows (src, tgt, ntgt, nsrc) WHERE by_target;")
        self.db.commit()
        self._sealed = True

    def groups(self, side: Side) -> Iterator[Group]:
        """The groups keyed by *side* with two or more variants, by their first row's position."""
        key, variant, flag = _COLUMNS[side]
        if self.db is None:
            yield from self._memory_groups(side)
            return
        self._seal()
        found = self.db.execute(
            f"SELECT src, tgt, {key}, MIN(position) AS first FROM rows WHERE {flag} "
            f"GROUP BY src, tgt, {key} HAVING COUNT(DISTINCT {variant}) > 1 ORDER BY first"
        ).fetchall()
        for src, tgt, text, _ in found:
            where = f"{flag} AND src = ? AND tgt = ? AND {key} = ?"
            args = (src, tgt, text)
            counts = {v: (n, first) for v, n, first in self.db.execute(
                f"SELECT {variant}, COUNT(*), MIN(position) FROM rows WHERE {where} "
                f"GROUP BY {variant}", args)}
            yield Group(counts, variant, query=(self.db, where, args))

    def _memory_groups(self, side: Side) -> Iterator[Group]:
        key, variant, flag = (Row._fields.index(name) for name in _COLUMNS[side])
        keyed: dict[tuple[str, str, str], list[Row]] = {}
        # rows of units that waited for their file's languages arrive late: file order first
        for row in sorted(self.rows, key=lambda r: r.position):
            if row[flag]:
                keyed.setdefault((row.src, row.tgt, row[key]), []).append(row)
        for members in keyed.values():
            counts: dict[str, tuple[int, int]] = {}
            for row in members:
                n, first = counts.get(row[variant], (0, row.position))
                counts[row[variant]] = (n + 1, first)
            if len(counts) > 1:
                yield Group(counts, _COLUMNS[side][1], members=members)

    def close(self) -> None:
        """Forget the rows; delete the on-disk index and its folder."""
        self.rows = []
        if self._cleanup is not None:
            self._cleanup()
            self._cleanup = None
        self.db = None
        self._folder = None
