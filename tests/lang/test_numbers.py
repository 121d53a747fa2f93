"""Numbers across locales: the table in data/numbers.tsv."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.lang.tables import params, unescape

from ahenk.lang.numbers import NumberToken, extract_numbers, parse_number, values

DATA = Path(__file__).parent / "data"


def _value(text: str) -> Decimal | str:
    return text if "-" in text[1:] or ":" in text else Decimal(text)


@pytest.mark.parametrize("row", params(DATA / "numbers.tsv"))
def test_number_table(row):
    text = unescape(row["text"])
    tokens = extract_numbers(text, row["lang"])
    want = [] if row["values"] == "-" else [_value(v) for v in row["values"].split("|")]
    kinds = [] if row["kinds"] == "-" else row["kinds"].split("|")
    assert [t.value for t in tokens] == want, row["comment"]
    assert [t.kind for t in tokens] == kinds, row["comment"]
    for token in tokens:
        assert text[token.start:token.end] == token.text


def test_the_same_numbers_in_three_languages_compare_equal():
    en = values("In 2024, 3,400 people (1.5%) attended the 29th session.", "en")
    az = values("2024-cü ildə 3 400 nəfər (1,5%) 29-cu sessiyada iştirak edib.", "az")
    ru = values("В 2024 г. 3\u202f400 человек (1,5 %) участвовали в 29-й сессии.", "ru")
    assert sorted(map(str, en)) == sorted(map(str, az)) == sorted(map(str, ru))


def test_parse_number_by_locale():
    assert parse_number("3,400", "en") == Decimal(3400)
    assert parse_number("3,400", "ru") == Decimal("3.4")
    assert parse_number("3.400", "az") == Decimal(3400)


def test_token_is_a_value_object():
    token = extract_numbers("29-cu", "az")[0]
    assert token == NumberToken(Decimal(29), 0, 5, "ordinal", "29-cu")


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["en", "az", "ru"]),
       st.sampled_from([" ", "\u00a0", "\u202f", ""]))
def test_grouped_integers_round_trip(number, lang, space):
    written = f"{number:,}".replace(",", space)
    assert values(f"x {written} y", lang) == [Decimal(number)]
