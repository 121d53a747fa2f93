"""Azerbaijani suffix chains: the table in data/az_forms.tsv, both directions."""

from pathlib import Path

import pytest
from tests.lang.tables import expected, params

from ahenk.lang import az, language_module

DATA = Path(__file__).parent / "data"
AZ = language_module("az")


@pytest.mark.parametrize("row", params(DATA / "az_forms.tsv"))
def test_form_table(row):
    term, surface = AZ.words(row["term"]), AZ.words(row["surface"])
    got = len(term) == len(surface) and AZ.matches(term, surface)
    assert got is expected(row["match"]), row["comment"]


def test_table_has_both_directions():
    from tests.lang.tables import read_table

    rows = read_table(DATA / "az_forms.tsv")
    assert sum(r["match"] == "yes" for r in rows) >= 30
    assert sum(r["match"] == "no" for r in rows) >= 15


@pytest.mark.parametrize(("template_word", "stem"), [
    ("ombudsmanlarına", "ombudsman"),
    ("bucağa", "bucaq"),
    ("fikri", "fikir"),
    ("gəncədəki", "gəncə"),
])
def test_stem_candidates_include_the_stem(template_word, stem):
    assert stem in az.stem_candidates(template_word)


def test_stem_candidates_never_cross_a_derivation():
    assert "qarabağ" not in az.stem_candidates("qarabağlı")


@pytest.mark.parametrize(("digits", "spoken"), [
    ("0", "sıfır"), ("1991", "bir"), ("2024", "dörd"), ("30", "otuz"), ("200", "yüz"),
    ("3000", "min"), ("2000000", "milyon"), ("110", "on"),
])
def test_numbers_are_harmonised_as_spoken(digits, spoken):
    assert az._spoken_number(digits) == spoken


def test_anchor_leaves_room_for_alternation():
    assert az.anchor("bucaq") == "buca"
    assert az.anchor("fikir") == "fik"
    assert az.anchor("ombudsman") == "ombudsman"
    assert all(w.startswith(az.anchor("bucaq")) for w in ("bucağa", "bucaqda"))


def test_only_the_last_word_of_a_term_inflects():
    roles = AZ.roles(AZ.words("Milli Preventiv Mexanizm"))
    assert [r.value for r in roles] == ["fixed", "fixed", "inflects"]
