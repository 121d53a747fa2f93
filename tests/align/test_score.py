"""Strict and lax precision/recall/F1 on hand-made gold with figures worked out by hand."""

from __future__ import annotations

import pytest

from ahenk.align.score import (
    Counts,
    parse_ladder,
    parse_vecalign,
    read_vecalign,
    score,
    score_many,
)
from ahenk.errors import ParseError

GOLD = parse_vecalign("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[3, 4]:[3]\n")
TEST = parse_vecalign("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n[4]:[]\n")


def test_parse_vecalign_with_and_without_cost():
    assert parse_vecalign("[0, 1]:[2]:0.25\n\n[]:[3]\n") == [((0, 1), (2,)), ((), (3,))]


@pytest.mark.parametrize("bad", ["[0]-[1]", "[0]:x", "0:1", "[a]:[1]"])
def test_parse_vecalign_rejects_garbage_with_line(bad):
    with pytest.raises(ParseError) as err:
        parse_vecalign(f"[0]:[0]\n{bad}\n", "gold.txt")
    assert err.value.line == 2 and err.value.path == "gold.txt"


def test_hand_worked_example():
    # Precision over 6 test beads: strict hits [0]:[0], [2]:[]; lax adds [1]:[1] and [3]:[3].
    # Recall over gold beads with both sides: [0]:[0] strict; [1]:[1,2] and [3,4]:[3] lax.
    s = score(GOLD, TEST)
    assert s.precision == Counts(2, 4, 4, 2)
    assert s.recall == Counts(1, 2, 3, 0)
    assert s.precision_strict == pytest.approx(2 / 6)
    assert s.recall_strict == pytest.approx(1 / 3)
    assert s.f1_strict == pytest.approx(1 / 3)
    assert s.precision_lax == pytest.approx(4 / 6)
    assert s.recall_lax == pytest.approx(1.0)
    assert s.f1_lax == pytest.approx(0.8)


def test_perfect_and_disjoint():
    assert score(GOLD, GOLD).f1_strict == 1.0
    s = score([((0,), (0,)), ((1,), (1,))], [((0,), (1,)), ((1,), (0,))])
    assert s.f1_strict == 0.0 and s.f1_lax == 0.0


def test_empty_beads_are_ignored():
    assert score(GOLD, [*TEST, ((), ())]) == score(GOLD, TEST)


def test_pooled_adds_counts_not_ratios():
    pooled = score_many([(GOLD, TEST), (GOLD, GOLD)])
    assert pooled.precision == Counts(2 + 4, 4, 4 + 4, 2)
    assert pooled.precision_strict == pytest.approx(6 / 10)


def test_ladder_rungs_become_beads():
    beads = parse_ladder("0 0\n1 1\n3 2\n3 3\n4 4 0.9\n")
    assert beads == [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3,))]


def test_ladder_going_backwards_is_an_error():
    with pytest.raises(ParseError):
        parse_ladder("0 0\n2 2\n1 3\n")


def test_read_vecalign_file(tmp_path):
    path = tmp_path / "gold"
    path.write_text("[0]:[0, 1]\n", "utf-8")
    assert read_vecalign(path) == [((0,), (0, 1))]
