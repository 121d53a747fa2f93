"""The term checks beyond the set-of-ids tables: which side a finding is on, and what a
near-miss should read (variant_corrections.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ahenk.check import check_store
from ahenk.check.base import CheckContext
from ahenk.check.checks.terms import variant_index
from ahenk.check.finding import Side
from ahenk.model.langtag import parse_language
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus
from tests.check.tables import Row, store_of, termbase
from tests.lang.tables import params


@pytest.fixture(scope="module")
def tb():  # type: ignore[no-untyped-def]
    """A misspelt name, rejected in both Latin-script languages, as a real termbase has it."""
    def term(text: str, lang: str, status: TermStatus) -> Term:
        return Term(text, parse_language(lang), status, pos="properNoun")

    return Termbase([Concept("ilham-aliyev", [
        term("Ilham Aliyev", "en", TermStatus.PREFERRED),
        term("Ihlam Aliyev", "en", TermStatus.DEPRECATED),
        term("İlham Əliyev", "az", TermStatus.PREFERRED),
        term("Ihlam Aliyev", "az", TermStatus.DEPRECATED),
    ])])


def _sides(tb, target):  # type: ignore[no-untyped-def]
    unit = Row(1, "en", "President Ihlam Aliyev signed the decree yesterday.", "az",
               target).unit()
    report = check_store(store_of([unit], "en", "az"), tb, select="term-forbidden")
    return [(f.side, f.found) for f in report]


def test_rejected_term_in_an_untranslated_target_is_reported_on_the_source_only(tb):  # type: ignore[no-untyped-def]
    copied = "President Ihlam Aliyev signed the decree yesterday."
    assert _sides(tb, copied) == [(Side.SOURCE, "Ihlam Aliyev")]
    english = "President Ihlam Aliyev signed the decree on Monday."  # reads as English
    assert _sides(tb, english) == [(Side.SOURCE, "Ihlam Aliyev")]


def test_rejected_term_in_a_translated_target_is_reported_on_both_sides(tb):  # type: ignore[no-untyped-def]
    translated = "Prezident Ihlam Aliyev dünən fərman imzalayıb."
    assert _sides(tb, translated) == [(Side.SOURCE, "Ihlam Aliyev"),
                                      (Side.TARGET, "Ihlam Aliyev")]


CORRECTIONS = Path(__file__).parent / "variant_corrections.tsv"
TERMS = termbase()


@pytest.mark.parametrize("row", params(CORRECTIONS))
def test_variant_expected_is_the_near_miss_spelt_right(row):  # type: ignore[no-untyped-def]
    context = CheckContext(termbase=TERMS)
    [variant] = variant_index(context, row["lang"]).find(row["text"])
    assert variant.surface == row["found"], row["comment"]
    expected = None if row["expected"] == "-" else row["expected"]
    assert variant.corrected == (expected or variant.suggestion), row["comment"]


@pytest.mark.parametrize(("tgt", "target", "found", "expected"), [
    ("ru", "Встреча с Омбудсманом прошла в Шуше.", "Омбудсманом", "Омбудсменом"),
    ("ru", "Омбудсман посетил Шушу.", "Омбудсман", "Омбудсмен"),
])
def test_forbidden_expected_is_the_preferred_term_inflected(tgt, target, found, expected):  # type: ignore[no-untyped-def]
    unit = Row(1, "en", "The Ombudsman visited Shusha.", tgt, target).unit()
    [finding] = check_store(store_of([unit], "en", tgt), TERMS, select="term-forbidden")
    assert (finding.found, finding.expected) == (found, expected)
    assert finding.message.endswith(f": «{expected}»") is (expected != "Омбудсмен")


def test_variant_of_a_rejected_term_expects_the_preferred_inflected():  # type: ignore[no-untyped-def]
    """Stepanakerdə: forbidden Stepanakert misspelt, in the dative as typed (d for t): the
    fixer's text is the preferred Xankəndi in the dative."""
    from ahenk.glossary import load_termbase

    shipped = load_termbase(Path(__file__).parents[2] / "glossaries" / "termbase.tsv")
    unit = Row(1, "en", "The Ombudsman went to Khankendi.", "az",
               "Ombudsman Stepanakerdə olub.").unit()
    [finding] = check_store(store_of([unit], "en", "az"), shipped, select="term-variant")
    assert (finding.found, finding.expected) == ("Stepanakerdə", "Xankəndiyə")
    assert finding.message.endswith("of «Xankəndi»; write «Xankəndiyə»")
