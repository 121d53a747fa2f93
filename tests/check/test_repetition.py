"""The repeated-word finder (checks/repetition.py); the check's cases are in cases.tsv."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from ahenk.check.checks.repetition import VALID_REPEATS, repeats

words = st.text(alphabet="abcçdeəfgğhxıijkqlmnoöprsştuüvyzабвгдеёжзийклмнопрстуфхцчшщыэюя",
                min_size=1, max_size=12)


@given(words, st.sampled_from(["az", "ru", "en"]))
def test_a_lower_case_word_twice_is_found_once(word: str, lang: str) -> None:
    assume(word not in ("bunu", "dedi"))
    found = list(repeats(f"bunu {word} {word} dedi", lang))
    if word in VALID_REPEATS.get(lang, ()):
        assert found == []
    else:
        assert [w for _, _, w in found] == [word]


@given(st.lists(words, min_size=1, max_size=8, unique=True))
def test_distinct_words_repeat_nothing(parts: list[str]) -> None:
    assert list(repeats(" ".join(parts), "az")) == []


def test_spans_cover_both_words() -> None:
    text = "Он был задержан в  в Баку."
    [(start, end, word)] = list(repeats(text, "ru"))
    assert text[start:end] == "в  в" and word == "в"


def test_three_in_a_row_are_two_repeats() -> None:
    assert len(list(repeats("и и и", "ru"))) == 2


def test_punctuation_or_a_hyphen_between_is_meant() -> None:
    for text in ("yox, yox", "tez-tez", "yox… yox", "«да» «да»"):
        assert list(repeats(text, "az")) == []


ALPHABETS = {"az": "abcçdeəfgğhxıijkqlmnoöprsştuüvyz", "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"}


@given(st.sampled_from(["az", "ru"]).flatmap(
    lambda lang: st.tuples(st.text(ALPHABETS[lang], min_size=1, max_size=12), st.just(lang))))
def test_a_word_in_capitals_then_in_lower_case_is_found(case: tuple[str, str]) -> None:
    """By the language's casing: Azerbaijani İ is the capital of i, I of ı."""
    from ahenk.lang.casing import upper

    word, lang = case
    assume(word not in ("bunu", "dedi"))
    text = f"bunu {upper(word, lang)} {word} dedi"
    assert [w for _, _, w in repeats(text, lang)] == [upper(word, lang)]


def test_dotless_and_dotted_i_are_other_letters_in_azerbaijani() -> None:
    assert list(repeats("sıra sira", "az")) == []
    assert [w for _, _, w in repeats("ILIN ılın", "az")] == ["ILIN"]
