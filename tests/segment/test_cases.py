"""Every row of the case tables must segment exactly as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from ahenk.segment import segment
from ahenk.segment.cases import read_case_tables

LANGS = ("en", "az", "ru")
TABLES = read_case_tables(Path(__file__).parent)
ALL = [case for lang in LANGS for case in TABLES.get(lang, [])]


def test_there_is_one_table_per_language() -> None:
    assert sorted(TABLES) == sorted(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_each_table_has_at_least_60_cases(lang: str) -> None:
    assert len(TABLES.get(lang, [])) >= 60


@pytest.mark.parametrize("case", ALL, ids=[case.id for case in ALL])
def test_case(case) -> None:
    got = tuple(s.text for s in segment(case.text, case.lang))
    assert got == case.expected, case.note


@pytest.mark.parametrize("case", ALL, ids=[case.id for case in ALL])
def test_spans_point_into_the_input(case) -> None:
    for seg in segment(case.text, case.lang):
        assert case.text[seg.start : seg.end] == seg.text
