"""What a check run keeps of its findings: a list while few, files in a temporary folder after.

A finding holds the texts of its unit (about 2.4 KB on the benchmark's memories), and a large
corpus with a strict termbase has a finding every few units, so a million units made a report
of 280 MB. Two stores keep memory flat whatever their number:

* :class:`Found` takes the findings of a run as the checks give them, in any order, each with
  its place in the run and the suppression mark of its pair (an :data:`Entry`), and gives them
  back in report order: sorted by the finding's :meth:`~ahenk.check.finding.Finding.sort_key`,
  ties broken by the place. Past :data:`FINDINGS_IN_MEMORY` entries they move to an SQLite
  file, where the sort is SQLite's own (it spills to temporary files as it must): each part of
  the key is a column encoded so that SQLite's order is Python's, and the finding and its mark
  are a pickled blob.
* :func:`collect` keeps the findings of the report itself, in report order once suppression
  and the baseline have had their say: a plain list when there are at most
  :data:`FINDINGS_IN_MEMORY` of them, else a :class:`StoredFindings`, a read-only sequence over
  a file of pickled chunks that the renderers iterate as often as they need (the HTML report
  counts first), slice (one group of findings) and index.

Both delete their folder when closed, and, should nobody close them (an error, Ctrl-C, a report
dropped unclosed), when they are garbage-collected or at the latest when the interpreter exits.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, overload

from ahenk.check.finding import Finding
from ahenk.check.suppress import Mark

#: Findings kept in memory, by each store, before it moves to disk (about 2.4 KB each with the
#: texts they quote). Read when a store is made, so a test can set it low.
FINDINGS_IN_MEMORY = 20_000
#: Entries written to SQLite at once.
_BATCH = 1_000
#: Findings pickled together in a :class:`StoredFindings` file: one read gives a chunk.
CHUNK = 256

#: A finding, its place in the run and the suppression mark of its pair. The place is what
#: breaks ties in the report's sort: unit checks' findings in file order (even for a unit that
#: waited for its file's languages), then each store/corpus check's, in check order.
Entry = tuple[Finding, tuple[int, ...], Mark]

_KEY = ("file", "line", "unit", "side", "start", "stop", "check_id", "message", "place")


def _text(value: str) -> bytes:
    """*value* as a BLOB that SQLite orders as Python orders strings: UTF-8 compares byte by
    byte in code-point order, and ``surrogatepass`` extends that to the lone surrogates a file
    name may carry."""
    return value.encode("utf-8", "surrogatepass")


def _place(place: tuple[int, ...]) -> bytes:
    """*place* as a BLOB that orders as the tuple: each number as 8 bytes, big-endian, offset
    to be unsigned; a tuple that is a prefix of another is the shorter BLOB, and sorts first,
    as in Python."""
    return b"".join((n + 2**63).to_bytes(8, "big") for n in place)


def _row(finding: Finding, place: tuple[int, ...], mark: Mark) -> tuple[Any, ...]:
    file, line, unit, side, (start, stop), check_id, message = finding.sort_key()
    return (_text(file), line, _text(unit), _text(side), start, stop, _text(check_id),
            _text(message), _place(place),
            pickle.dumps((finding, mark), protocol=pickle.HIGHEST_PROTOCOL))


def remove_folder(folder: str, *handles: sqlite3.Connection | IO[bytes]) -> None:
    """Close *handles* and delete *folder*: what a store (or the consistency checks' index,
    :mod:`ahenk.check.spill`) registers with :func:`weakref.finalize` for its temporary
    files."""
    try:
        for handle in handles:
            handle.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Found:
    """The entries of a run, in any order, given back in report order by :meth:`ordered`.

    A list up to :data:`FINDINGS_IN_MEMORY` entries, an SQLite file in a temporary folder
    after; :meth:`close` (or leaving a ``with`` block) deletes it.
    """

    def __init__(self, in_memory: int | None = None) -> None:
        self.in_memory = FINDINGS_IN_MEMORY if in_memory is None else in_memory
        self.entries: list[Entry] = []
        self.db: sqlite3.Connection | None = None
        self.folder: str | None = None
        self._pending: list[tuple[Any, ...]] = []
        self._cleanup: weakref.finalize | None = None

    @property
    def spilled(self) -> bool:
        return self.db is not None

    def add(self, entry: Entry) -> None:
        if self.db is None:
            self.entries.append(entry)
            if len(self.entries) > self.in_memory:
                self._spill()
            return
        self._pending.append(_row(*entry))
        if len(self._pending) >= _BATCH:
            self._flush()

    def extend(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            self.add(entry)

    def _spill(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="ahenk-findings-")
        self.db = sqlite3.connect(os.path.join(self.folder, "found.sqlite"))
        self._cleanup = weakref.finalize(self, remove_folder, self.folder, self.db)
        columns = ", ".join(f"{name} {'INTEGER' if name in ('line', 'start', 'stop') else 'BLOB'}"
                            for name in _KEY)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                              f"CREATE TABLE found ({columns}, seq INTEGER PRIMARY KEY,"
                              " entry BLOB);")
        entries, self.entries = self.entries, []
        self._pending = [_row(*entry) for entry in entries]
        self._flush()

    def _flush(self) -> None:
        assert self.db is not None
        if self._pending:
            marks = ", ".join("?" * (len(_KEY) + 1))
            self.db.executemany(f"INSERT INTO found ({', '.join(_KEY)}, entry) VALUES ({marks})",
                                self._pending)
            self._pending = []

    def ordered(self) -> Iterator[tuple[Finding, Mark]]:
        """Each finding with its mark, sorted by ``(finding.sort_key(), place)``; entries that
        tie on both come in the order they were added (in a run no two do)."""
        if self.db is None:
            self.entries.sort(key=lambda entry: (entry[0].sort_key(), entry[1]))
            for finding, _, mark in self.entries:
                yield finding, mark
            return
        self._flush()
        self.db.commit()
        for (blob,) in self.db.execute(f"SELECT entry FROM found ORDER BY {', '.join(_KEY)}, seq"):
            yield pickle.loads(blob)

    def close(self) -> None:
        """Forget the entries; delete the on-disk store and its folder."""
        self.entries = []
        self._pending = []
        if self._cleanup is not None:
            self._cleanup()
        self.db = None

    def __enter__(self) -> Found:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def collect(findings: Iterable[Finding], in_memory: int | None = None
            ) -> list[Finding] | StoredFindings:
    """*findings*, kept: a list of up to :data:`FINDINGS_IN_MEMORY` (or *in_memory*) of them,
    else a :class:`StoredFindings` (close it; if what yields them fails, it is closed here)."""
    limit = FINDINGS_IN_MEMORY if in_memory is None else in_memory
    kept: list[Finding] = []
    rest = iter(findings)
    for finding in rest:
        kept.append(finding)
        if len(kept) > limit:
            break
    else:
        return kept
    stored = StoredFindings()
    try:
        stored.extend(kept)
        del kept
        stored.extend(rest)
        stored.seal()
    except BaseException:
        stored.close()
        raise
    return stored


class _Range(Sequence[Finding]):
    """What a :class:`StoredFindings` and a slice of it (:class:`_View`) read alike: findings
    *start* to *stop* of one store (:meth:`_bounds`), as a sequence equal to any sequence of
    the same findings in order."""

    def _bounds(self) -> tuple[StoredFindings, int, int]:
        raise NotImplementedError

    def __len__(self) -> int:
        _, start, stop = self._bounds()
        return stop - start

    def __iter__(self) -> Iterator[Finding]:
        stored, start, stop = self._bounds()
        return stored.between(start, stop)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        stored, first, stop = self._bounds()
        length = stop - first
        if isinstance(index, slice):
            start, end, step = index.indices(length)
            if step == 1:
                return _View(stored, first + start, first + max(start, end))
            return [self[i] for i in range(start, end, step)]
        if index < 0:
            index += length
        if not 0 <= index < length:
            raise IndexError("stored finding index out of range")
        return stored._item(first + index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class StoredFindings(_Range):
    """Findings in a file in a temporary folder, pickled :data:`CHUNK` at a time: appended,
    then :meth:`seal`-ed, then read as a sequence as often as wanted. A slice is a view of the
    same file; :meth:`close` deletes it (iterating after that is an error)."""

    def __init__(self) -> None:
        folder = tempfile.mkdtemp(prefix="ahenk-report-")
        self._file: IO[bytes] = open(os.path.join(folder, "findings.pickle"), "w+b")  # noqa: SIM115 - closed by close() or the finalizer
        self._cleanup = weakref.finalize(self, remove_folder, folder, self._file)
        self.folder = folder
        self._offsets = [0]  # where each chunk starts, and where the last one ends
        self._pending: list[Finding] = []
        self._length = 0
        self._sealed = False
        self._cached: tuple[int, list[Finding]] = (-1, [])

    @property
    def closed(self) -> bool:
        return not self._cleanup.alive

    def append(self, finding: Finding) -> None:
        if self._sealed:
            raise ValueError("stored findings are read-only once sealed")
        self._pending.append(finding)
        self._length += 1
        if len(self._pending) >= CHUNK:
            self._write()

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def _write(self) -> None:
        data = pickle.dumps(self._pending, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._offsets[-1])
        self._file.write(data)
        self._offsets.append(self._offsets[-1] + len(data))
        self._pending = []

    def seal(self) -> None:
        """Write what is pending; from now on the findings are only read."""
        if not self._sealed:
            if self._pending:
                self._write()
            self._file.flush()
            self._sealed = True

    def _chunk(self, number: int) -> list[Finding]:
        if self.closed:
            raise ValueError("the stored findings were closed")
        if not self._sealed:
            self.seal()
        if self._cached[0] != number:
            start, end = self._offsets[number], self._offsets[number + 1]
            self._file.seek(start)
            self._cached = (number, pickle.loads(self._file.read(end - start)))
        return self._cached[1]

    def between(self, start: int, stop: int) -> Iterator[Finding]:
        """The findings from index *start* to *stop* (excluded), read a chunk at a time."""
        stop = min(stop, self._length)
        while start < stop:
            number, at = divmod(start, CHUNK)
            items = self._chunk(number)[at: at + stop - start]
            yield from items
            start += len(items)

    def _bounds(self) -> tuple[StoredFindings, int, int]:
        return self, 0, self._length

    def _item(self, index: int) -> Finding:
        number, at = divmod(index, CHUNK)
        return self._chunk(number)[at]

    def __repr__(self) -> str:
        return f"<StoredFindings: {self._length} in {self.folder}>"

    def close(self) -> None:
        """Delete the file and its folder."""
        self._cleanup()
        self._cached = (-1, [])

    def __enter__(self) -> StoredFindings:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _View(_Range):
    """Findings *start* to *stop* of a :class:`StoredFindings`, read from its file."""

    def __init__(self, stored: StoredFindings, start: int, stop: int) -> None:
        self.stored, self.start, self.stop = stored, start, stop

    def _bounds(self) -> tuple[StoredFindings, int, int]:
        return self.stored, self.start, self.stop
