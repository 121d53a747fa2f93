"""number-mismatch's own helpers; its cases are in cases.tsv and the planted tables."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ahenk.check.checks.numbers import _CODE, _may_have_code


@settings(max_examples=500)
@given(st.text(alphabet="aZəЖ1-2 ٣_.", max_size=24))
def test_the_quick_test_for_a_code_misses_none(text: str) -> None:
    """COP29, G-20, ЕС2: whatever the code pattern finds, the quick test lets through."""
    if _CODE.search(text):
        assert _may_have_code(text)


def test_the_quick_test_for_a_code() -> None:
    assert _may_have_code("COP29 took place in Baku")
    assert _may_have_code("the G-20 summit")
    assert not _may_have_code("in 2024, 3,400 people")
    assert not _may_have_code("no digits at all")
