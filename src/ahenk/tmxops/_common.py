"""What the TMX verbs share: unit identity digests, dates, guarded outputs, reader problems.

Identity is text, not metadata: two units are *identical* when every variant has the same
language and the same text and inline codes, whatever their dates, ids, props or notes.
Digests are 64-bit BLAKE2b integers, so a pass over a large file keeps a few dozen bytes per
unit instead of the units.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import warnings
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ahenk.diagnostics import Problem
from ahenk.errors import UsageError
from ahenk.formats import tmx
from ahenk.model import Segment, Unit


def digest(*parts: str) -> int:
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def lang_key(segment: Segment) -> str:
    """The language a variant is compared under: normalised tag, else the raw spelling."""
    if segment.lang is not None:
        return segment.lang.tag
    return str(segment.extra.get("tmx.lang", "")).strip().lower()


def segment_key(segment: Segment) -> str:
    codes = ";".join(f"{s.kind.value},{s.start},{s.end},{s.code}" for s in segment.spans)
    return f"{segment.text}\x1e{codes}"


def source_digest(unit: Unit) -> int:
    return digest(lang_key(unit.source), segment_key(unit.source))


def target_digest(segment: Segment) -> int:
    return digest(lang_key(segment), segment_key(segment))


def unit_digest(unit: Unit) -> int:
    """Same source and the same set of targets (order of targets does not matter)."""
    targets = sorted(f"{lang_key(t)}\x1d{segment_key(t)}" for t in unit.targets)
    return digest(lang_key(unit.source), segment_key(unit.source), *targets)


def changedate(unit: Unit) -> str:
    """The latest changedate/creationdate on the unit or any variant; '' if none."""
    dates = [unit.attrs.get("changedate"), unit.attrs.get("creationdate")]
    for segment in unit.segments():
        dates += [segment.attrs.get("changedate"), segment.attrs.get("creationdate")]
    return max((d.strip() for d in dates if d), default="")


def refuse_overwrite(output: str | os.PathLike[str],
                     inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`UsageError` when *output* is one of *inputs*."""
    out = os.path.abspath(output)
    for source in inputs:
        same = out == os.path.abspath(source)
        if not same and os.path.exists(output) and os.path.exists(source):
            same = os.path.samefile(output, source)
        if same:
            raise UsageError(f"output {os.fspath(output)!r} is also an input; write to "
                             "another path")


@dataclass
class ReadLog:
    """Problems the TMX reader met (units it skipped, …), collected instead of warned."""

    problems: list[Problem] = field(default_factory=list)

    def __call__(self, problem: Problem) -> None:
        self.problems.append(problem)


def open_units(path: str | os.PathLike[str], log: ReadLog | None = None) -> tmx.UnitStream:
    return tmx.iter_units(path, problems=log if log is not None else ReadLog())


class DigestMap:
    """A compact hash table from 64-bit digests to *width* unsigned integers.

    Python dicts and sets spend 100+ bytes on an int key; this open-addressing table keeps
    ``8 + width * itemsize`` bytes per slot in flat arrays (``typecode`` ``"I"``: 4-byte
    values, ``"Q"``: 8-byte) and grows by half when 70 % full, so an entry costs 15-30
    bytes. That is what lets a pass over a multi-gigabyte TMX remember every unit it saw.
    """

    LOAD = 0.7

    def __init__(self, width: int = 1, typecode: str = "Q", slots: int = 4093) -> None:
        self.width = width
        self.typecode = typecode
        self._alloc(slots)

    def _alloc(self, slots: int) -> None:
        self._size = slots
        self._keys = array("Q", [0]) * slots
        self._values = [array(self.typecode, [0]) * slots for _ in range(self.width)]
        self._used = 0
        self._limit = int(slots * self.LOAD)

    @staticmethod
    def _key(key: int) -> int:
        return key or 1  # 0 marks an empty slot

    def _slot(self, key: int) -> int:
        keys, size = self._keys, self._size
        i = key % size
        while True:
            found = keys[i]
            if found == key or found == 0:
                return i
            i += 1
            if i == size:
                i = 0

    def get(self, key: int) -> tuple[int, ...] | None:
        key = self._key(key)
        i = self._slot(key)
        if self._keys[i] == 0:
            return None
        return tuple(v[i] for v in self._values)

    def __contains__(self, key: int) -> bool:
        key = self._key(key)
        return self._keys[self._slot(key)] != 0

    def __len__(self) -> int:
        return self._used

    def set(self, key: int, *values: int) -> None:
        key = self._key(key)
        i = self._slot(key)
        if self._keys[i] == 0:
            self._keys[i] = key
            self._used += 1
        for column, value in zip(self._values, values, strict=True):
            column[i] = value
        if self._used > self._limit:
            self._grow()

    def setdefault(self, key: int, *values: int) -> tuple[int, ...] | None:
        """The values stored for *key*; if none, store *values* and return None."""
        found = self.get(key)
        if found is None:
            self.set(key, *values)
        return found

    def items(self):  # type: ignore[no-untyped-def]
        for i, key in enumerate(self._keys):
            if key:
                yield key, tuple(v[i] for v in self._values)

    def _grow(self) -> None:
        old_keys, old_values, used = self._keys, self._values, self._used
        self._alloc(self._size * 3 // 2 | 1)
        for i, key in enumerate(old_keys):
            if key:
                j = self._slot(key)
                self._keys[j] = key
                for column, old in zip(self._values, old_values, strict=True):
                    column[j] = old[i]
        self._used = used


def pack(high: int, low: int) -> int:
    """Two 32-bit numbers in one 64-bit value (larger ones are cut to 32 bits)."""
    return ((high & 0xFFFFFFFF) << 32) | (low & 0xFFFFFFFF)


def date_number(date: str) -> int:
    """A TMX date (``YYYYMMDDThhmmssZ``) as a sortable number; 0 for none."""
    digits = "".join(c for c in date if c.isdigit())[:14]
    return int(digits.ljust(14, "0")) if digits else 0


@contextlib.contextmanager
def collected(log: ReadLog) -> Iterator[None]:
    """Turn the located warnings format adapters issue (``.problem``) into *log* entries."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for entry in caught:
        problem = getattr(entry.message, "problem", None)
        if isinstance(problem, Problem):
            log.problems.append(problem)
        else:
            warnings.warn_explicit(entry.message, entry.category, entry.filename, entry.lineno)
