"""Banded dynamic programming over beads, in time and memory linear in the text length.

The search space of a sentence alignment is the grid of (source sentences consumed, target
sentences consumed); a path from (0, 0) to (n, m) made of bead steps (1:1, 2:1, 1:0 …) is an
alignment. Filling the whole grid costs ``n * m``: 10^10 cells for 100k × 100k sentences. As in
vecalign, ahenk instead halves both texts repeatedly (merging neighbouring sentences: lengths add,
anchor key sets unite) until the grid is small, aligns that coarse grid in full, and at each finer
level searches only a band of ``width`` cells around the coarse path projected down. Every level
costs (rows × band width), and the levels halve, so the total stays linear.

Within a level, costs are kept for the last four rows only (the widest bead spans three), and
back-pointers as one ``bytearray`` per row: memory is linear too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ahenk.align.anchors import heaviest
from ahenk.align.length import BEAD_TYPES, PRIORS, LengthModel

INF = float("inf")
#: Grids up to this many cells are searched in full; larger ones go through a coarse level.
FULL_CELLS = 30_000
#: Anchor keys a merged block of a coarse level keeps (its heaviest).
BLOCK_KEYS = 24
_LOG_SQRT_PI = math.log(math.sqrt(math.pi))


@dataclass(frozen=True)
class Weights:
    """How the cost of a bead is composed from its parts.

    ``cost = prior + length - lexical * min(shared, max_shared) - cosine * shared / sqrt(na * nb)``
    where ``shared`` is the weight of the anchor keys both sides of the bead have and ``na``,
    ``nb`` the weight of each side's keys. An omission or addition costs its prior plus
    ``deletion``, whatever its length (a length penalty there would push long untranslated
    passages into neighbouring beads). Defaults tuned on Text+Berg de–fr, checked on hunalign's
    en–hu sets (``bench/align``).
    """

    lexical: float = 2.0
    cosine: float = 4.0  # weight of the cosine of the two sides' weighted anchor sets
    deletion: float = 0.0  # extra cost of a 1:0 / 0:1 bead on top of its prior
    max_shared: float = 6.0  # shared-anchor weight counted per bead at most
    bead_types: tuple[tuple[int, int], ...] = BEAD_TYPES
    deletion_by_length: bool = False  # Gale & Church: omissions cost by length like any bead


@dataclass(frozen=True)
class Step:
    """A bead as found by the search: sentence ranges and the parts of its cost."""

    i0: int
    i1: int
    j0: int
    j1: int
    length_cost: float
    shared: float
    cosine: float
    cost: float

    def shifted(self, di: int, dj: int) -> Step:
        return Step(self.i0 + di, self.i1 + di, self.j0 + dj, self.j1 + dj, self.length_cost,
                    self.shared, self.cosine, self.cost)


class Problem:
    """One level of the search: lengths and anchor sets of the (possibly merged) sentences."""

    def __init__(self, src_len: Sequence[int], tgt_len: Sequence[int],
                 src_keys: Sequence[frozenset[int]], tgt_keys: Sequence[frozenset[int]],
                 key_weights: Sequence[float]) -> None:
        self.src_len = list(src_len)
        self.tgt_len = list(tgt_len)
        self.src_keys = list(src_keys)
        self.tgt_keys = list(tgt_keys)
        self.key_weights = list(key_weights)

    @property
    def n(self) -> int:
        return len(self.src_len)

    @property
    def m(self) -> int:
        return len(self.tgt_len)

    def slice(self, s0: int, s1: int, t0: int, t1: int) -> Problem:
        if (s0, s1, t0, t1) == (0, self.n, 0, self.m):
            return self
        return Problem(self.src_len[s0:s1], self.tgt_len[t0:t1], self.src_keys[s0:s1],
                       self.tgt_keys[t0:t1], self.key_weights)

    def halved(self) -> Problem:
        """Neighbouring sentences merged in pairs; a block keeps its heaviest keys only."""
        w = self.key_weights
        return Problem(_pairs_sum(self.src_len), _pairs_sum(self.tgt_len),
                       _pairs_union(self.src_keys, w), _pairs_union(self.tgt_keys, w), w)


def _pairs_sum(values: list[int]) -> list[int]:
    return [sum(values[k:k + 2]) for k in range(0, len(values), 2)]


def _pairs_union(sets: list[frozenset[int]], weights: list[float]) -> list[frozenset[int]]:
    out = []
    for k in range(0, len(sets), 2):
        a = sets[k]
        b = sets[k + 1] if k + 1 < len(sets) else a
        union = a | b if (a and b) else (a or b)
        if len(union) > BLOCK_KEYS:
            union = frozenset(heaviest(union, weights, BLOCK_KEYS))
        out.append(union)
    return out


def _windows(sets: list[frozenset[int]], size: int) -> list[frozenset[int]]:
    """``out[a]`` is the union of ``sets[a - size + 1 .. a]``: the keys of a bead ending at a."""
    if size == 1:
        return sets
    out = []
    for a in range(len(sets)):
        acc: frozenset[int] = frozenset()
        for s in sets[max(0, a - size + 1):a + 1]:
            if s:
                acc = acc | s if acc else s
        out.append(acc)
    return out


def search(problem: Problem, model: LengthModel, weights: Weights,
           width: int = 8, guide: list[tuple[int, int]] | None = None) -> list[Step]:
    """The cheapest bead path from (0, 0) to (n, m).

    With *guide* (a monotone list of grid points), only a band of *width* around it is searched;
    otherwise small grids are searched in full and large ones through a halved coarse level.
    """
    n, m = problem.n, problem.m
    if guide is None:
        if (n + 1) * (m + 1) <= FULL_CELLS:
            bounds = [(0, m)] * (n + 1)
            return _fill(problem, model, weights, bounds)
        coarse = search(problem.halved(), model, weights, width)
        guide = [(min(2 * s.i0, n), min(2 * s.j0, m)) for s in coarse] + [(n, m)]
    return _fill(problem, model, weights, band(guide, n, m, width))


def path_points(steps: Sequence[Step]) -> list[tuple[int, int]]:
    return [(s.i0, s.j0) for s in steps] + ([(steps[-1].i1, steps[-1].j1)] if steps else [])


def band(guide: Sequence[tuple[int, int]], n: int, m: int, width: int) -> list[tuple[int, int]]:
    """Per row ``i``, the columns ``(lo, hi)`` within *width* cells of the guide path."""
    lo = [m + 1] * (n + 1)
    hi = [-1] * (n + 1)
    points = list(guide)
    if not points or points[0] != (0, 0):
        points.insert(0, (0, 0))
    if points[-1] != (n, m):
        points.append((n, m))
    for (a, b), (c, d) in zip(points, points[1:], strict=False):
        a, c = min(a, n), min(c, n)
        for r in range(a, c + 1):
            if b < lo[r]:
                lo[r] = b
            if d > hi[r]:
                hi[r] = d
    # Rows the guide jumps over inherit the previous row's span.
    for r in range(1, n + 1):
        if hi[r] < 0:
            lo[r], hi[r] = lo[r - 1], hi[r - 1]
    out = []
    if all(a <= b for a, b in zip(lo, lo[1:], strict=False)) and \
            all(a <= b for a, b in zip(hi, hi[1:], strict=False)):
        # a monotone guide (every path is one): a window's extremes are at its ends
        for r in range(n + 1):
            rlo = lo[r - width if r > width else 0] - width
            rhi = hi[r + width if r + width < n else n] + width
            out.append((rlo if rlo > 0 else 0, rhi if rhi < m else m))
        return out
    for r in range(n + 1):
        window = range(max(0, r - width), min(n, r + width) + 1)
        rlo = min(lo[k] for k in window) - width
        rhi = max(hi[k] for k in window) + width
        out.append((max(0, rlo), min(m, rhi)))
    return out


def _fill(problem: Problem, model: LengthModel, weights: Weights,
          bounds: list[tuple[int, int]]) -> list[Step]:
    n = problem.n
    S = [0]
    for x in problem.src_len:
        S.append(S[-1] + x)
    T = [0]
    for x in problem.tgt_len:
        T.append(T[-1] + x)
    kw = problem.key_weights
    src_win = {k: _windows(problem.src_keys, k) for k in (1, 2, 3)}
    tgt_win = {k: _windows(problem.tgt_keys, k) for k in (1, 2, 3)}
    src_norm = {k: [sum([kw[x] for x in s]) for s in v] for k, v in src_win.items()}
    tgt_norm = {k: [sum([kw[x] for x in s]) for s in v] for k, v in tgt_win.items()}
    cos = weights.cosine
    by_length = weights.deletion_by_length
    c, ic, s2 = model.c, 1.0 / model.c, model.s2
    lam, cap = weights.lexical, weights.max_shared
    types = []
    for t, (di, dj) in enumerate(BEAD_TYPES):
        if (di, dj) not in weights.bead_types:
            continue
        prior = -math.log(PRIORS[(di, dj)])
        if di == 0 or dj == 0:
            prior += weights.deletion
        types.append((t, di, dj, prior, src_win.get(di), tgt_win.get(dj),
                      src_norm.get(di), tgt_norm.get(dj)))
    erfc, log, sqrt = math.erfc, math.log, math.sqrt
    rows: list[list[float]] = [[], [], [], []]
    back: list[bytearray] = []
    LO = [b[0] for b in bounds]
    HI = [b[1] for b in bounds]
    B2 = s2 * ic
    for i in range(n + 1):
        lo, hi = LO[i], HI[i]
        row = [INF] * (hi - lo + 1)
        bk = bytearray(b"\xff" * (hi - lo + 1))
        rows[i & 3] = row  # 0:1 beads read the row being filled
        Si = S[i]
        # Everything about a bead type that depends on the row only, resolved once per row:
        # (type, dj, prior, previous row, its first column, its last column, source length,
        #  c * source length, s2 * source length, source keys, their weight).
        live = []
        for t, di, dj, prior, sw, tw, sn, tn in types:
            pi = i - di
            if pi < 0:
                continue
            ls = Si - S[pi]
            if di and dj:
                keys = sw[i - 1]
                live.append((t, dj, prior, rows[pi & 3], LO[pi], HI[pi], ls, c * ls, s2 * ls,
                             keys, sn[i - 1] if keys else 0.0, tw, tn))
            else:
                live.append((t, dj, prior, rows[pi & 3], LO[pi], HI[pi], ls, -1.0, 0.0,
                             None, 0.0, None, None))
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best = INF
            arg = 255
            Tj = T[j]
            for t, dj, prior, prev_row, plo, phi, ls, cls, s2ls, a, na, tw, tn in live:
                pj = j - dj
                if pj < plo or pj > phi:
                    continue
                prev = prev_row[pj - plo]
                if prev == INF:
                    continue
                if cls >= 0.0:  # a bead with text on both sides
                    lt = Tj - T[pj]
                    den = s2ls + B2 * lt
                    x = abs(lt - cls) / sqrt(den) if den > 0 else 0.0
                    cost = -log(erfc(x)) if x < 25.0 else x * x + log(x) + _LOG_SQRT_PI
                    if a:
                        b = tw[j - 1]
                        if b:
                            common = a & b
                            if common:
                                shared = sum([kw[k] for k in common])
                                cost -= lam * (shared if shared < cap else cap)
                                if cos:
                                    cost -= cos * shared / sqrt(na * tn[j - 1])
                elif by_length:
                    ll = ls + (Tj - T[pj]) * ic
                    x = sqrt(ll / s2) if ll > 0 else 0.0
                    cost = -log(erfc(x)) if x < 25.0 else x * x + log(x) + _LOG_SQRT_PI
                else:
                    cost = 0.0
                v = prev + prior + cost
                if v < best:
                    best = v
                    arg = t
            row[j - lo] = best
            bk[j - lo] = arg
        back.append(bk)
    return _trace(problem, model, weights, back, LO, S, T, src_win, tgt_win)


def _trace(problem: Problem, model: LengthModel, weights: Weights, back: list[bytearray],
           LO: list[int], S: list[int], T: list[int], src_win: dict, tgt_win: dict) -> list[Step]:
    i, j = problem.n, problem.m
    steps: list[Step] = []
    kw = problem.key_weights
    while i > 0 or j > 0:
        t = back[i][j - LO[i]]
        if t == 255:
            raise RuntimeError(f"alignment search found no path through cell ({i}, {j})")
        di, dj = BEAD_TYPES[t]
        ls, lt = S[i] - S[i - di], T[j] - T[j - dj]
        prior = -math.log(PRIORS[(di, dj)])
        cosine = 0.0
        if di and dj:
            length_cost = model.cost(ls, lt)
            a, b = src_win[di][i - 1], tgt_win[dj][j - 1]
            shared = sum(kw[k] for k in a & b)
            if shared:
                cosine = shared / math.sqrt(sum(kw[k] for k in a) * sum(kw[k] for k in b))
        else:  # an omission or addition: its prior and a flat penalty, whatever its length
            length_cost = weights.deletion
            if weights.deletion_by_length:
                length_cost += model.cost(ls, lt)
            shared = 0.0
        cost = (prior + length_cost - weights.lexical * min(shared, weights.max_shared)
                - weights.cosine * cosine)
        steps.append(Step(i - di, i, j - dj, j, length_cost, shared, cosine, cost))
        i -= di
        j -= dj
    steps.reverse()
    return steps
