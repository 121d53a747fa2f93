"""Inline suppression: a note on a unit that tells ``ahenk check`` not to report some checks.

The note's whole text (one line) is ``ahenk: ignore ID[,ID…]`` or ``ahenk: ignore=ID[,ID…]``;
``all`` instead of the ids suppresses every check. Where the note goes:

* PO: a translator comment, ``# ahenk: ignore term-missing`` (extracted ``#.`` comments too);
* XLIFF 1.2/2.0: a ``<note>`` of the unit;
* TMX: a ``<note>`` of the ``<tu>`` (every language), or of one ``<tuv>`` (findings about that
  variant's pairs: the source's ``<tuv>`` covers all of them, a target's only its own).

Plain text and TSV/CSV have no place for a comment that is not text or a cell, so nothing is
suppressed inline there: use a baseline or per-path ignores. An unknown check id in a
suppression is a located :class:`~ahenk.errors.FormatError`: a typo must not hide nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ahenk.check.finding import Finding
from ahenk.errors import FormatError
from ahenk.model.unit import Note

if TYPE_CHECKING:
    from ahenk.check.base import Pair

#: What a suppressing note looks like; group 1 holds the ids (or ``all``).
PATTERN = re.compile(r"^\s*ahenk:\s*ignore(?:\s*=\s*|\s+)([a-z0-9][a-z0-9, \t-]*?)\s*$")
#: The word that suppresses every check.
ALL = "all"


def parse(text: str) -> frozenset[str] | None:
    """The check ids a note suppresses (``{"all"}`` for every one), or None for another note."""
    match = PATTERN.match(text)
    if match is None:
        return None
    return frozenset(p for p in re.split(r"[\s,]+", match.group(1)) if p)


def _lines(notes: Iterable[Note]) -> tuple[str, ...]:
    """The lines of *notes* that are suppressions, in order."""
    return tuple(line for note in notes for line in note.text.splitlines()
                 if PATTERN.match(line))


def _ids(lines: Iterable[str], file: str | None, line_number: int | None) -> frozenset[str]:
    from ahenk.check.registry import ids

    out: set[str] = set()
    for line in lines:
        found = parse(line)
        if found is None:
            continue
        unknown = sorted(found - set(ids()) - {ALL})
        if unknown:
            raise FormatError(f"unknown check {unknown[0]!r} in the suppression "
                              f"{line.strip()!r} (see `ahenk checks list`)", file, line_number)
        out |= found
    return frozenset(out)


@dataclass(frozen=True)
class Mark:
    """What decides whether the findings of one pair are shown, kept once the pair is gone.

    The checks run while the units stream, but suppression is decided after every finding is
    in (in report order, so the first unknown id in a note is the one reported, and only on a
    unit that has a finding): a mark keeps the pair's suppressing note lines, where the pair
    is (the error's location) and whether its unit is unchanged since ``--changed-since``.
    """

    lines: tuple[str, ...] = ()
    file: str | None = None
    line: int | None = None
    unchanged: bool = False

    @classmethod
    def of(cls, pair: Pair, unchanged: bool = False) -> Mark:
        """The mark of *pair*: the notes of its unit, its source and its target."""
        target = pair.target.notes if pair.target is not None else []
        lines = _lines([*pair.unit.notes, *pair.source.notes, *target]) \
            if pair.unit.notes or pair.source.notes or target else ()
        if not lines:
            return UNCHANGED if unchanged else CLEAR
        return cls(lines, pair.file, pair.line, unchanged)

    def ids(self) -> frozenset[str]:
        """The check ids suppressed; an unknown id is a located :class:`FormatError`."""
        return _ids(self.lines, self.file, self.line) if self.lines else frozenset()


#: The mark of a pair without suppressing notes, changed (or no ``--changed-since``) or not.
CLEAR = Mark()
UNCHANGED = Mark(unchanged=True)


def suppressed(pair: Pair) -> frozenset[str]:
    """The check ids the notes of *pair*'s unit, source and target suppress for it."""
    return Mark.of(pair).ids()


def is_suppressed(finding: Finding, ids: frozenset[str]) -> bool:
    return ALL in ids or finding.check_id in ids
