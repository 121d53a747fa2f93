"""Russian lemmas and term phrases: the table in data/ru_forms.tsv, both directions."""

from pathlib import Path

import pytest
from tests.lang.tables import expected, params, read_table

from ahenk.lang import language_module, ru

DATA = Path(__file__).parent / "data"
RU = language_module("ru")


@pytest.mark.parametrize("row", params(DATA / "ru_forms.tsv"))
def test_form_table(row):
    term, surface = RU.words(row["term"]), RU.words(row["surface"])
    got = len(term) == len(surface) and RU.matches(term, surface)
    assert got is expected(row["match"]), row["comment"]


def test_table_has_both_directions():
    rows = read_table(DATA / "ru_forms.tsv")
    assert sum(r["match"] == "yes" for r in rows) >= 30
    assert sum(r["match"] == "no" for r in rows) >= 12


def test_lemma():
    assert ru.lemma("Омбудсмена") == "омбудсмен"
    assert ru.lemma("Шуше") == "шуша"
    assert ru.lemma("ёлки") == "елка"


def test_roles_of_phrases():
    def roles(text):
        return [r.value for r in RU.roles(RU.words(text))]

    assert roles("Кабинет министров") == ["inflects", "fixed"]
    assert roles("Национальный превентивный механизм") == ["inflects"] * 3
    assert roles("Уполномоченный по правам человека") == ["inflects", "fixed", "fixed", "fixed"]
    assert roles("Сабина Алиева") == ["inflects", "inflects"]


def test_fallback_declension_of_unknown_names():
    assert ru.fallback_forms("ханкенди") == ("ханкенди", ())
    stem, endings = ru.fallback_forms("бакиханов")
    assert stem == "бакиханов" and "а" in endings
    assert ru.fallback_forms("watch") == ("watch", ())  # Latin script: never declined


def test_anchors_cover_fleeting_vowels_and_suppletion():
    assert all(any(form.startswith(a) for a in ru.anchors("день")) for form in ("день", "дня"))
    assert all(any(form.startswith(a) for a in ru.anchors("человек"))
               for form in ("человека", "людей"))
