"""The spacing finder of punctuation-spacing (checks/spacing.py); its cases are in cases.tsv."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ahenk.check.checks.spacing import spacing_problems


def found(text: str) -> list[tuple[str, str, str]]:
    return [(kind, mark, text[start:end]) for kind, mark, start, end, _ in
            spacing_problems(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ombudsman isə bildirib ki , hesabat hazırdır.", [("space before", ",", " ,")]),
    ("Hesabat hazırdır .", [("space before", ".", " .")]),
    ("Наш ответ : нет.", [("space before", ":", " :")]),
    ("Почему ?", [("space before", "?", " ?")]),
    ("( mətn )", [("space after", "(", "( "), ("space before", ")", " )")]),
    ("« текст »", [("space after", "«", "« "), ("space before", "»", " »")]),
    ("Права,свободы", [("no space after", ",", ",")]),
])
def test_problems(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "3,400 people at 10:30", "a ratio of .5", "see ombudsman.az today", "т. е. это так",
    "Biz gözlədik ...", "«текст» (mətn)", "%s,%s", "{count} , {total}",
    "https://example.org/a,b , c", "Write to a@b.az , please", "Rights, freedoms.",
])
def test_look_alikes(text: str) -> None:
    assert found(text) == []


@given(st.lists(st.text(alphabet="abcəşжщ", min_size=1, max_size=8), min_size=1, max_size=8))
def test_words_joined_by_comma_and_space_are_well_spaced(words: list[str]) -> None:
    assert found(", ".join(words) + ".") == []


@pytest.mark.parametrize(("space", "shown"), [
    ("", "none"), (" ", "a space"), ("  ", "2 spaces"), ("\n", "a newline"),
    (" \n", "a space and a newline"), ("\u00a0", "a no-break space"), ("\u2009", "a U+2009"),
])
def test_whitespace_made_visible(space: str, shown: str) -> None:
    from ahenk.check.checks.spacing import _shown

    assert _shown(space) == shown


@given(st.text(alphabet="ab əж1 ,.;:!?()[]«»“”\u00a0\u202f%s{}", max_size=25))
def test_the_quick_look_changes_nothing(text: str) -> None:
    """The two searches that skip most texts never skip one the rules would report."""
    from ahenk.check.checks import spacing
    from ahenk.check.checks._text import mask

    masked = mask(text, fill="\ufffc")
    full = [(kind, m.group(1), m.start(), m.end()) for kind, pattern, _ in spacing._RULES
            for m in pattern.finditer(masked)]
    assert [(k, mark, s, e) for k, mark, s, e, _ in spacing_problems(text)] == full
