"""``ahenk tmx merge`` and ``ahenk tmx dedupe``: streaming, with digests, never whole files.

Identity (see :mod:`ahenk.tmxops._common`): *same source* means the same source language,
text and inline codes; *identical* means the same source and the same translations in every
language, whatever dates, ids, props and notes say.

Merge policy
------------
* Units are written in input order (files in the order given, units in file order).
* Identical units are kept once: the first one read.
* Units with the same source but different translations are all kept, as alternatives the
  translator chooses from. They are written together, at the place of the last of them, newest
  first by the unit's date: the latest ``changedate`` or ``creationdate`` on the ``<tu>`` or
  any of its ``<tuv>`` (a unit without a date counts as oldest, ties keep input order).
  To get there without holding the
  file in memory, the first pass counts each source's alternatives and the second parks them
  in a temporary SQLite file until the last one is read.
* The header is the first input's; a unit whose source language differs from it gets its own
  ``srclang``.

Dedupe policy
-------------
``by="source"`` keeps one unit per source, ``by="source+target"`` one per identical unit.
``keep="first"`` keeps the first read (one pass); ``keep="newest"`` the newest by the dates
above, ties to the first (two passes). Kept units stay where they were in the file.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ahenk.diagnostics import Problem
from ahenk.errors import UsageError
from ahenk.formats import tmx
from ahenk.model import Unit
from ahenk.tmxops._common import (
    DigestMap,
    ReadLog,
    changedate,
    collected,
    date_number,
    open_units,
    refuse_overwrite,
    source_digest,
    unit_digest,
)

KEEP_CHOICES = ("first", "newest")
BY_CHOICES = ("source", "source+target")


@dataclass
class WriteResult:
    """What a writing verb did: units read and written, and what the reader complained of."""

    output: str
    read: int = 0
    written: int = 0
    dropped: int = 0  # identical (merge) or same-key (dedupe) units left out
    alternatives: int = 0  # merge: sources kept with more than one translation
    problems: list[Problem] = field(default_factory=list)


def _units(paths: Sequence[str | os.PathLike[str]], log: ReadLog) -> Iterator[Unit]:
    for path in paths:
        stream = open_units(path, log)
        try:
            yield from stream
        finally:
            stream.close()


def merge_tmx(inputs: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str],
              profile: str = "generic") -> WriteResult:
    """Merge *inputs* into *output* by the policy in this module's docstring."""
    if not inputs:
        raise UsageError("merge needs at least one input file")
    refuse_overwrite(output, inputs)
    result = WriteResult(os.fspath(output))
    seen = DigestMap(0)
    members = DigestMap(1, "I")
    for unit in _units(inputs, ReadLog()):  # pass 1: count distinct units per source
        key = unit_digest(unit)
        if key not in seen:
            seen.set(key)
            group = source_digest(unit)
            count = members.get(group)
            members.set(group, (count[0] if count else 0) + 1)
    # sources with alternatives (usually few) -> how many are still to come
    pending = Counter({k or 1: n for k, (n,) in members.items() if n > 1})
    result.alternatives = len(pending)
    del members
    seen = DigestMap(0)
    log = ReadLog()
    header = tmx.read_header(inputs[0], problems=ReadLog())

    def merged(spill: _Spill) -> Iterator[Unit]:
        for seq, unit in enumerate(_units(inputs, log)):
            result.read += 1
            key = unit_digest(unit)
            if key in seen:
                result.dropped += 1
                continue
            seen.set(key)
            group = source_digest(unit) or 1
            if group not in pending:
                yield unit
                continue
            spill.park(group, date_number(changedate(unit)), seq, unit)
            pending[group] -= 1
            if pending[group] == 0:
                del pending[group]
                yield from spill.release(group)

    with tempfile.TemporaryDirectory(prefix="ahenk-merge-") as folder:
        spill = _Spill(os.path.join(folder, "alternatives.sqlite"))
        try:
            with collected(log):
                result.written = tmx.write_units(merged(spill), output, header,
                                                 profile=profile)
        finally:
            spill.close()
    result.problems = log.problems
    return result


class _Spill:
    """Units parked on disk until every alternative of their source has been read."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE unit (grp INTEGER, date INTEGER, seq INTEGER, data BLOB)")
        self.db.execute("CREATE INDEX unit_grp ON unit (grp)")

    def park(self, group: int, date: int, seq: int, unit: Unit) -> None:
        self.db.execute("INSERT INTO unit VALUES (?, ?, ?, ?)",
                        (_signed(group), date, seq, pickle.dumps(unit)))

    def release(self, group: int) -> Iterator[Unit]:
        rows = self.db.execute("SELECT data FROM unit WHERE grp = ? ORDER BY date DESC, seq",
                               (_signed(group),)).fetchall()
        self.db.execute("DELETE FROM unit WHERE grp = ?", (_signed(group),))
        for (data,) in rows:
            yield pickle.loads(data)  # noqa: S301 - our own temporary file

    def close(self) -> None:
        self.db.close()


def _signed(value: int) -> int:
    """SQLite integers are signed 64-bit."""
    return value - 2**64 if value >= 2**63 else value


def dedupe_tmx(input: str | os.PathLike[str], output: str | os.PathLike[str],
               keep: str = "first", by: str = "source+target",
               profile: str = "generic") -> WriteResult:
    """Write *input* to *output* with one unit per key, by the policy in the docstring."""
    if keep not in KEEP_CHOICES:
        raise UsageError(f"keep must be one of {', '.join(KEEP_CHOICES)}, not {keep!r}")
    if by not in BY_CHOICES:
        raise UsageError(f"by must be one of {', '.join(BY_CHOICES)}, not {by!r}")
    refuse_overwrite(output, [input])
    key_of = source_digest if by == "source" else unit_digest
    result = WriteResult(os.fspath(output))
    best = DigestMap(2)  # key -> (date, sequence number) of the newest unit
    if keep == "newest":
        for seq, unit in enumerate(_units([input], ReadLog())):
            key, date = key_of(unit), date_number(changedate(unit))
            found = best.get(key)
            if found is None or date > found[0]:
                best.set(key, date, seq)
    log = ReadLog()
    stream = open_units(input, log)
    seen = DigestMap(0)

    def kept() -> Iterator[Unit]:
        for seq, unit in enumerate(stream):
            result.read += 1
            key = key_of(unit)
            if keep == "newest":
                wanted = best.get(key)[1] == seq  # type: ignore[index]
            else:
                wanted = key not in seen
                seen.set(key)
            if wanted:
                yield unit
            else:
                result.dropped += 1

    try:
        with collected(log):
            result.written = tmx.write_units(kept(), output, stream.header, profile=profile)
    finally:
        stream.close()
    result.problems = log.problems
    return result
