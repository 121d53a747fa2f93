"""The bead search on small synthetic bitexts: every bead type, the band, the coarse levels."""

from __future__ import annotations

import random

import pytest

from ahenk.align import AnchorAligner, GaleChurchAligner
from ahenk.align.dp import FULL_CELLS, Problem, Weights, band, search
from ahenk.align.length import LengthModel, tail_cost

_EN = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split()
_RU = "съешь ещё этих мягких французских булок да выпей же чаю пожалуйста".split()


def words(vocab: list[str], chars: int, rng: random.Random) -> str:
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append(rng.choice(vocab))
    return " ".join(out)


def pair(number: int, chars: int, rng: random.Random) -> tuple[str, str]:
    """A source sentence and its translation, sharing one number, about *chars* long."""
    return (f"Item {number} says {words(_EN, chars, rng)}.",
            f"Пункт {number} гласит {words(_RU, int(chars * 1.1), rng)}.")


def context(rng: random.Random, start: int, count: int = 6) -> tuple[list[str], list[str]]:
    src, tgt = [], []
    for k in range(count):
        s, t = pair(start + k, rng.randint(30, 90), rng)
        src.append(s)
        tgt.append(t)
    return src, tgt


def build(middle_src: list[str], middle_tgt: list[str]):
    rng = random.Random(7)
    before_s, before_t = context(rng, 100)
    after_s, after_t = context(rng, 200)
    src = before_s + middle_src + after_s
    tgt = before_t + middle_tgt + after_t
    return src, tgt, len(before_s), len(before_t)


def _split(text: str, parts: int) -> list[str]:
    words_ = text.split()
    size = -(-len(words_) // parts)
    return [" ".join(words_[k:k + size]) for k in range(0, len(words_), size)]


CASES = {
    # name: (source sentences, target sentences) of the middle bead
    "2:1": (["Claim 5001 states lorem ipsum dolor sit amet.",
             "Claim 5002 adds consectetur adipiscing elit sed do."],
            ["Заявление 5001 гласит съешь ещё этих мягких булок, а заявление 5002 добавляет "
             "да выпей же чаю пожалуйста."]),
    "1:2": (["Claim 6001 states lorem ipsum dolor sit amet, and claim 6002 adds "
             "consectetur adipiscing elit sed do."],
            ["Заявление 6001 гласит съешь ещё этих мягких булок.",
             "Заявление 6002 добавляет да выпей же чаю пожалуйста."]),
    "2:2": (["Claim 7001 states lorem ipsum dolor sit amet and claim 7002 adds elit sed do "
             "eiusmod tempor lorem ipsum.", "Claim 7003 ends."],
            ["Заявление 7001 гласит съешь ещё.",
             "Заявление 7002 добавляет да выпей же чаю пожалуйста булок мягких французских, "
             "и заявление 7003 завершает."]),
    "1:0": (["An untranslated remark about lorem ipsum dolor sit amet consectetur adipiscing "
             "elit sed do eiusmod tempor, quite long."], []),
    "0:1": ([], ["Примечание переводчика о том, что съешь ещё этих мягких французских булок "
                 "да выпей же чаю пожалуйста, довольно длинное."]),
    "1:3": (["Claim 8001 states lorem ipsum, claim 8002 adds dolor sit amet, and claim 8003 "
             "ends with consectetur adipiscing elit."],
            ["Заявление 8001 гласит съешь ещё.", "Заявление 8002 добавляет мягких булок.",
             "Заявление 8003 завершает да выпей же чаю."]),
    "3:1": (["Claim 9001 states lorem ipsum.", "Claim 9002 adds dolor sit amet.",
             "Claim 9003 ends with consectetur adipiscing elit."],
            ["Заявление 9001 гласит съешь ещё, заявление 9002 добавляет мягких булок, и "
             "заявление 9003 завершает да выпей же чаю."]),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_every_bead_type_is_found(kind):
    middle_src, middle_tgt = CASES[kind]
    src, tgt, i0, j0 = build(middle_src, middle_tgt)
    result = AnchorAligner().align(src, tgt, "en", "ru")
    expected = (tuple(range(i0, i0 + len(middle_src))), tuple(range(j0, j0 + len(middle_tgt))))
    beads = [(b.src_indices, b.tgt_indices) for b in result.beads]
    assert expected in beads, [b.vecalign() for b in result.beads]
    others = [b for b in result.beads if (b.src_indices, b.tgt_indices) != expected]
    assert all(b.kind == "1:1" for b in others)
    assert result.beads[beads.index(expected)].kind == kind


def test_beads_cover_every_sentence_once_in_order():
    src, tgt, _, _ = build(*CASES["2:2"])
    result = AnchorAligner().align(src, tgt, "en", "ru")
    assert [i for b in result.beads for i in b.src_indices] == list(range(len(src)))
    assert [j for b in result.beads for j in b.tgt_indices] == list(range(len(tgt)))


def test_gale_church_aligns_by_length_alone():
    rng = random.Random(3)
    src = [words(_EN, rng.randint(10, 200), rng) for _ in range(40)]
    tgt = [s.upper() for s in src]  # same lengths, nothing shared but length
    result = GaleChurchAligner().align(src, tgt, "en", "ru")
    assert all(b.src_indices == b.tgt_indices for b in result.beads)


def test_tail_cost_is_finite_far_in_the_tail():
    assert tail_cost(0.0) == pytest.approx(0.0)
    assert tail_cost(50.0) > tail_cost(10.0) > tail_cost(1.0) > 0
    assert tail_cost(-3.0) == tail_cost(3.0)


def test_length_model_is_estimated_from_the_pair():
    model = LengthModel.estimate([100, 200], [150, 300])
    assert model.c == pytest.approx(1.5)
    rng = random.Random(5)
    pairs = [(n, int(n * 1.5 + rng.gauss(0, 1) * (n ** 0.5) * 2)) for n in
             (rng.randint(20, 200) for _ in range(300))]
    refit = model.refit(pairs, spread=1.0)
    assert 2.0 < refit.s2 < 8.0  # the residuals' variance per character, about 4 / 1.5


def test_band_covers_the_guide_and_both_corners():
    bounds = band([(0, 0), (5, 2), (10, 10)], 10, 10, 2)
    assert bounds[0][0] == 0 and bounds[10][1] == 10
    assert all(lo <= hi for lo, hi in bounds)
    assert bounds[5][0] <= 2 <= bounds[5][1]


def test_large_input_goes_through_coarse_levels_and_stays_exact():
    rng = random.Random(11)
    n = 800  # (n + 1) ** 2 > FULL_CELLS: the search halves the texts first
    assert (n + 1) ** 2 > FULL_CELLS
    src, tgt = [], []
    for k in range(n):
        s, t = pair(k, rng.randint(20, 150), rng)
        src.append(s)
        tgt.append(t)
    del tgt[400]  # an omission in the middle
    result = AnchorAligner().align(src, tgt, "en", "ru")
    beads = [(b.src_indices, b.tgt_indices) for b in result.beads]
    assert ((400,), ()) in beads
    assert sum(1 for s, t in beads if len(s) == len(t) == 1 and s[0] == t[0] + (s[0] > 400)) \
        >= n - 3


def test_search_on_a_problem_directly():
    problem = Problem([10, 20, 30], [10, 20, 30], [frozenset()] * 3, [frozenset()] * 3, [])
    steps = search(problem, LengthModel(), Weights(lexical=0.0, cosine=0.0))
    assert [(s.i0, s.i1, s.j0, s.j1) for s in steps] == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)]
