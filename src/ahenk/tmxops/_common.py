"""What the TMX verbs share: unit identity digests, dates, guarded outputs, reader problems.

Identity is text, not metadata: two units are *identical* when every variant has the same
language and the same text and inline codes, whatever their dates, ids, props or notes.
Digests are 64-bit BLAKE2b integers, so a pass over a large file keeps a few dozen bytes per
unit instead of the units.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
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
    """The newest date a unit carries (TMX ``YYYYMMDDThhmmssZ`` sorts as text); '' if none."""
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
