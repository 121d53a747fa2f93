"""Which entries a backend's index proposes for a fuzzy lookup (no server needed)."""

from __future__ import annotations

import pytest

from ahenk.tm.postgres import _shared_terms
from ahenk.tm.store import rare_terms

FREQUENCIES = {"rare": 10, "odd": 20, "common": 5000, "the": 100000, "absent": 0}


def test_rare_terms_within_the_budget_and_at_least_one():
    assert rare_terms(FREQUENCIES, 100) == ["rare", "odd"]
    assert rare_terms(FREQUENCIES, 5) == ["rare"]
    assert rare_terms({"the": 100000}, 5) == ["the"]
    assert rare_terms({"absent": 0}, 5) == []


@pytest.mark.parametrize(("frequencies", "postings", "few", "expected"), [
    # two rare terms, or one of them and the next rarest (the partner)
    (FREQUENCIES, 100, 0, "('rare' & ('odd' | 'common')) | ('odd' & ('common'))"),
    (FREQUENCIES, 10000, 0,
     "('rare' & ('odd' | 'common' | 'the')) | ('odd' & ('common' | 'the')) | "
     "('common' & ('the'))"),
    (FREQUENCIES, 5, 0, "('rare' & ('odd'))"),
    # held by few entries: any rare term
    (FREQUENCIES, 100, 30, "'rare' | 'odd'"),
    # a single term and nothing to pair it with
    ({"rare": 10, "absent": 0}, 100, 0, "'rare'"),
    ({"absent": 0}, 100, 0, None),
])
def test_postgresql_candidates_share_two_terms(frequencies, postings, few, expected):
    assert _shared_terms(frequencies, postings, few) == expected
