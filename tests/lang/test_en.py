"""English plural and possessive: the table in data/en_forms.tsv, both directions."""

from pathlib import Path

import pytest
from tests.lang.tables import expected, params

from ahenk.lang import language_module

DATA = Path(__file__).parent / "data"
EN = language_module("en")


@pytest.mark.parametrize("row", params(DATA / "en_forms.tsv"))
def test_form_table(row):
    term, surface = EN.words(row["term"]), EN.words(row["surface"])
    got = len(term) == len(surface) and EN.matches(term, surface)
    assert got is expected(row["match"]), row["comment"]


def test_plural_possessive_apostrophe_belongs_to_the_word():
    assert [t.text for t in EN.tokenize("the NGOs' reports and the Ombudsman’s office")] == [
        "the", "NGOs'", "reports", "and", "the", "Ombudsman’s", "office"]
