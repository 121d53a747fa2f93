"""Strict and lax precision, recall and F1 of sentence alignments, as vecalign's ``score.py``.

Definitions (Thompson & Koehn 2019, after Véronis & Langlais): an alignment is a set of beads
``(source indices, target indices)``.

* Precision counts the *test* beads (empty–empty beads ignored). A test bead is a strict hit
  when the gold has the identical bead; otherwise it is a lax hit when some of its source
  sentences are aligned in the gold to some of its target sentences; otherwise a miss.
* Recall is the same count with the roles swapped and with 1:0 / 0:1 beads removed from both
  sides (an omission cannot be "found" by overlap).
* Pooled scores add the counts of several documents before dividing, not the ratios.

Gold files: vecalign's ``[0, 1]:[2]`` lines (0-based) and hunalign's ladders (``i j`` rungs).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ahenk.errors import ParseError
from ahenk.io import read_text

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Counts:
    """Hits and misses of one direction (precision or recall), strict and lax."""

    strict_hit: int = 0
    strict_miss: int = 0
    lax_hit: int = 0
    lax_miss: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.strict_hit + other.strict_hit, self.strict_miss + other.strict_miss,
                      self.lax_hit + other.lax_hit, self.lax_miss + other.lax_miss)

    @property
    def strict(self) -> float:
        return _ratio(self.strict_hit, self.strict_hit + self.strict_miss)

    @property
    def lax(self) -> float:
        return _ratio(self.lax_hit, self.lax_hit + self.lax_miss)


@dataclass(frozen=True)
class Score:
    precision: Counts
    recall: Counts

    def __add__(self, other: Score) -> Score:
        return Score(self.precision + other.precision, self.recall + other.recall)

    @property
    def precision_strict(self) -> float:
        return self.precision.strict

    @property
    def recall_strict(self) -> float:
        return self.recall.strict

    @property
    def f1_strict(self) -> float:
        return _f1(self.precision.strict, self.recall.strict)

    @property
    def precision_lax(self) -> float:
        return self.precision.lax

    @property
    def recall_lax(self) -> float:
        return self.recall.lax

    @property
    def f1_lax(self) -> float:
        return _f1(self.precision.lax, self.recall.lax)

    def as_dict(self) -> dict[str, float]:
        return {name: round(getattr(self, name), 4) for name in (
            "precision_strict", "recall_strict", "f1_strict",
            "precision_lax", "recall_lax", "f1_lax")}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _normalise(beads: Iterable[Sequence[Sequence[int]]]) -> list[Pair]:
    return [(tuple(s), tuple(t)) for s, t in beads]


def _count(reference: list[Pair], candidate: list[Pair]) -> Counts:
    """Strict/lax hits of *candidate* beads against *reference* beads."""
    ref = {b for b in reference if b[0] or b[1]}
    partners: dict[int, set[int]] = {}
    for src, tgt in ref:
        for i in src:
            partners.setdefault(i, set()).update(tgt)
    sh = sm = lh = lm = 0
    for bead in {b for b in candidate if b[0] or b[1]}:
        if bead in ref:
            sh += 1
            lh += 1
            continue
        sm += 1
        reachable = set()
        for i in bead[0]:
            reachable |= partners.get(i, set())
        if reachable.intersection(bead[1]):
            lh += 1
        else:
            lm += 1
    return Counts(sh, sm, lh, lm)


def score(gold: Iterable[Sequence[Sequence[int]]],
          test: Iterable[Sequence[Sequence[int]]]) -> Score:
    """Precision/recall counts of one document's *test* beads against its *gold* beads."""
    g, t = _normalise(gold), _normalise(test)
    precision = _count(g, t)
    recall = _count([b for b in t if b[0] and b[1]], [b for b in g if b[0] and b[1]])
    return Score(precision, recall)


def score_many(pairs: Iterable[tuple[Iterable, Iterable]]) -> Score:
    """Pooled score of several (gold, test) documents: counts add up before dividing."""
    total = Score(Counts(), Counts())
    for gold, test in pairs:
        total = total + score(gold, test)
    return total


# -- reading gold files -------------------------------------------------------------------------

def parse_vecalign(text: str, path: str | os.PathLike[str] | None = None) -> list[Pair]:
    """Beads from vecalign's format: one ``[i, j]:[k]`` per line (an optional cost after it)."""
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split(":")
        try:
            src, tgt = ast.literal_eval(parts[0].strip()), ast.literal_eval(parts[1].strip())
            if not (isinstance(src, list) and isinstance(tgt, list)):
                raise ValueError
            beads.append((tuple(int(i) for i in src), tuple(int(j) for j in tgt)))
        except (ValueError, SyntaxError, IndexError, TypeError):
            raise ParseError(f"not a vecalign bead: {line.strip()!r}", path, number) from None
    return beads


def read_vecalign(path: str | os.PathLike[str]) -> list[Pair]:
    return parse_vecalign(read_text(path), path)


def parse_ladder(text: str, path: str | os.PathLike[str] | None = None) -> list[Pair]:
    """Beads from a hunalign ladder: rungs ``i j`` (an optional score after them).

    The sentences between two consecutive rungs form one bead.
    """
    rungs = []
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        try:
            rungs.append((int(fields[0]), int(fields[1])))
        except (ValueError, IndexError):
            raise ParseError(f"not a ladder rung: {line.strip()!r}", path, number) from None
    beads = []
    for (a, b), (c, d) in zip(rungs, rungs[1:], strict=False):
        if c < a or d < b:
            raise ParseError("ladder rungs must not go backwards", path)
        if (a, b) != (c, d):
            beads.append((tuple(range(a, c)), tuple(range(b, d))))
    return beads


def read_ladder(path: str | os.PathLike[str]) -> list[Pair]:
    return parse_ladder(read_text(path), path)
