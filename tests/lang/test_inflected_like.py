"""A preferred term inflected as a text inflected the rejected term it replaces
(:meth:`Language.inflected_like`): the table in data/inflected_like.tsv."""

from pathlib import Path

import pytest
from tests.lang.tables import params

from ahenk.lang import language_module

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("row", params(DATA / "inflected_like.tsv"))
def test_inflected_like_table(row):
    language = language_module(row["lang"])
    got = language.inflected_like(row["term"], row["like"], row["surface"])
    assert got == (None if row["expected"] == "-" else row["expected"]), row["comment"]


def test_a_surface_that_is_not_the_term_gives_nothing():
    assert language_module("en").inflected_like("Ombudsman", "Ombudsman Institute",
                                                 "Ombudsman") is None
