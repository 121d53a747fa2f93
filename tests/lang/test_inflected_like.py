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


_LETTERS = {"en": "abcdeinorsty'’ ", "az": "abcdeəğıiklnqrsüy'- ", "ru": "абвгдеёийклмнорсту "}


@pytest.mark.parametrize("lang", sorted(_LETTERS))
def test_any_text_gives_a_form_or_none(lang):
    """Whatever the three texts, the answer is a string or None, never an error."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.text(alphabet=_LETTERS[lang], min_size=1, max_size=24)
    language = language_module(lang)

    @settings(max_examples=300, deadline=None)
    @given(words, words, words, st.booleans())
    def check(term, like, tail, inflected):
        surface = like + tail if inflected else tail  # the like term with an ending, or not
        got = language.inflected_like(term, like, surface)
        assert got is None or isinstance(got, str)

    check()
