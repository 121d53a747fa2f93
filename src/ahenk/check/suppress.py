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

from ahenk.check.base import Pair
from ahenk.check.finding import Finding
from ahenk.errors import FormatError
from ahenk.model.unit import Note

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


def _from_notes(notes: Iterable[Note], pair: Pair) -> set[str]:
    from ahenk.check.registry import ids

    out: set[str] = set()
    for note in notes:
        for line in note.text.splitlines():
            found = parse(line)
            if found is None:
                continue
            unknown = sorted(found - set(ids()) - {ALL})
            if unknown:
                raise FormatError(f"unknown check {unknown[0]!r} in the suppression "
                                  f"{line.strip()!r} (see `ahenk checks list`)",
                                  pair.file, pair.line)
            out |= found
    return out


def suppressed(pair: Pair) -> frozenset[str]:
    """The check ids the notes of *pair*'s unit, source and target suppress for it."""
    notes = [*pair.unit.notes, *pair.source.notes]
    if pair.target is not None:
        notes += pair.target.notes
    return frozenset(_from_notes(notes, pair)) if notes else frozenset()


def is_suppressed(finding: Finding, ids: frozenset[str]) -> bool:
    return ALL in ids or finding.check_id in ids
