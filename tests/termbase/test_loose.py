"""term-missing's looser evidence (:mod:`ahenk.termbase.loose`): the shapes a translation may
give a term, and properties that hold for any text. The linguistic cases live in
tests/check/cases.tsv; these pin the module's own contract."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ahenk.lang import language_module
from ahenk.lang.en import gerunds
from ahenk.model.langtag import LanguageTag
from ahenk.termbase.loose import is_person_noun, loosely_present
from ahenk.termbase.model import Term, TermStatus


def term(text: str, lang: str) -> Term:
    return Term(text, LanguageTag.parse(lang), TermStatus.PREFERRED)


EN, AZ, RU = (language_module(code) for code in ("en", "az", "ru"))
CRC = term("Convention on the Rights of the Child", "en")


@pytest.mark.parametrize(("text", "present"), [
    ("the Conventions on the Rights of Persons with Disabilities and the Rights of the Child",
     True),  # the head shared, first
    ("the Conventions on the Rights of Persons with Disabilities and of Older Persons", False),
    ("the Conventions on the Rights of Persons with Disabilities. The Rights of the Child",
     False),  # no coordination across a sentence end
    ("the Conventions on labour, on migrant workers, on refugees, on stateless persons, on "
     "torture and the Rights of the Child", False),  # a conjunct longer than five words
])
def test_head_shared_in_a_coordination(text, present):
    assert loosely_present(CRC, text, EN) is present


@pytest.mark.parametrize(("noun", "expected"), [
    ("determination", {"determining", "determinating"}),
    ("establishment", {"establishing"}),
    ("violation", {"violating", "violing"}),
    ("removal", {"removing"}),
    ("assistance", {"assisting"}),
    ("seizure", {"seizing"}),
    ("law", set()),  # no ending of a noun made from a verb
    ("ion", set()),  # too short a stem to be one
])
def test_gerunds(noun, expected):
    assert set(gerunds(noun)) == expected


@pytest.mark.parametrize(("language", "word", "person"), [
    (EN, "persons", True), (EN, "people", True), (EN, "individuals", True),
    (EN, "documents", False),
    (AZ, "şəxslərin", True), (AZ, "insanlar", True), (AZ, "sənədlər", False),
    (RU, "лицам", True), (RU, "людей", True), (RU, "лицензия", False),
])
def test_person_nouns(language, word, person):
    assert is_person_noun(word, language) is person


def test_person_noun_left_out_only_when_the_source_names_no_one():
    missing = term("itkin düşmüş şəxslər", "az")
    text = "4 min azərbaycanlı hələ də itkin düşmüş hesab olunur"
    assert loosely_present(missing, text, AZ, people_implied=True)
    assert not loosely_present(missing, text, AZ)


_WORDS = st.sampled_from(["the", "Convention", "Conventions", "on", "Rights", "of", "Child",
                          "and", "or", "Persons", "with", "Disabilities", "(CRC)", ".", ";",
                          "missing", "persons", "determining", "disability", ","])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.lists(_WORDS, max_size=30),
       st.sampled_from(["Convention on the Rights of the Child", "missing persons",
                        "disability determination", "Child"]))
def test_any_text_with_the_term_itself_is_evidence(before, after, text_of_term):
    """Whatever surrounds it, a text holding a phrase term as written is evidence of it (a
    one-word term is the matcher's to find, not this module's), and no text makes the search
    fail."""
    found = term(text_of_term, "en")
    around = " ".join(before) + " " + " ".join(after)
    loosely_present(found, around, EN, people_implied=True)  # never raises
    text = " ".join([*before, ".", text_of_term, ".", *after])
    assert loosely_present(found, text, EN) is (" " in text_of_term)


@pytest.mark.parametrize(("term_text", "text", "present"), [
    ("разминирование", "Территории разминировали за год.", True),  # one word, as its verb
    ("разминирование", "Территории очистили за год.", False),
    ("подрыв на мине", "После войны на минах подорвались 274 человека.", True),
    ("подрыв на мине", "После войны на минах погибли 274 человека.", False),
])
def test_russian_noun_of_action_as_its_verb(term_text, text, present):
    assert loosely_present(term(term_text, "ru"), text, RU) is present
