"""Term-mining rules, one table row each: texts, a candidate the rule must keep, one it must drop.

Each rule is a general fact of the language (see the docstrings of
:mod:`ahenk.mining.candidates`, :mod:`ahenk.mining.termhood`, :mod:`ahenk.mining.words`,
:mod:`ahenk.mining.association`, :mod:`ahenk.mining.extract`); the rows use made-up sentences,
not the project's corpus.
"""

from __future__ import annotations

import pytest

from ahenk.mining import extract_terms
from ahenk.mining.association import Associator, _cognates, _spellings
from ahenk.mining.candidates import collect
from ahenk.mining.forms import russian_nominative
from ahenk.mining.termhood import c_value
from ahenk.mining.words import is_attributive, is_light_verb


def _ranked(texts: list[str], lang: str = "en") -> set[str]:
    """The candidates of *texts* that score above 0, lower-cased."""
    groups = collect(texts, lang)
    c_value(groups)
    return {c.text.lower() for c in groups.values() if c.score > 0}


SOURCE_RULES = [
    # rule, texts, kept, dropped
    ("a capitalised ordinal opens a name",
     ["After the Second Karabakh War, mines remained.",
      "Since the Second Karabakh War the land is mined."],
     "second karabakh war", "karabakh war"),
    ("a quantifier before 'of' is no head",
     ["A number of issues were raised.", "The number of issues grew.",
      "The Group of Experts met.", "They wrote to the Group of Experts."],
     "group of experts", "number of issues"),
    ("no term starts with an evaluative adjective",
     ["The relevant state bodies were informed.", "Other relevant state bodies replied."],
     "state bodies", "relevant state bodies"),
    ("a third-person verb after a capitalised subject makes a clause",
     ["Human rights protection improved.", "Human rights protection matters.",
      "The Ombudsman issues statement on prisons.",
      "Yesterday the Ombudsman issues statement again."],
     "human rights protection", "ombudsman issues statement"),
    ("lower-case coordination needs a shared modifier",
     ["They defend human rights and freedoms.", "We protect human rights and freedoms."],
     "human rights and freedoms", "rights and freedoms"),
    ("names coordinate freely",
     ["Talks with Bosnia and Herzegovina began.", "We met in Bosnia and Herzegovina.",
      "They defend rights and freedoms.", "Protect rights and freedoms."],
     "bosnia and herzegovina", "rights and freedoms"),
    ("a capitalised word mostly inside longer names is no term by itself",
     ["The European Court ruled.", "The European Network met.",
      "Talks with Armenia were held.", "They met in Armenia."],
     "armenia", "european"),
    ("a phrase never free, inside a recurring compound, is a fragment",
     ["They work on human rights protection.", "We fund human rights protection.",
      "We support sustainable development.", "The Sustainable Development Goal was set."],
     "sustainable development", "rights protection"),
    ("a common noun with a definite complement is referential",
     ["It drew the attention of the world community.",
      "We call the attention of the world community.",
      "He visited the Office of the Ombudsman.", "Write to the Office of the Ombudsman."],
     "office of the ombudsman", "attention of the world community"),
    ("a head with a more frequent term as complement is a syntagm",
     ["We value cooperation with international organizations.",
      "Our cooperation with international organizations grew.",
      "We informed international organizations.", "They wrote to international organizations.",
      "The rule of law matters.", "They defend the rule of law."],
     "rule of law", "cooperation with international organizations"),
    ("quotation marks do not hide what a phrase continues with",
     ["Ms. Callamard, the Secretary General of the “Amnesty International”, wrote.",
      "We answered the Secretary General of the “Amnesty International” today.",
      "Amnesty International replied.", "We read a report by Amnesty International.",
      "It was sent to Amnesty International."],
     "amnesty international", "secretary general"),
]


@pytest.mark.parametrize(("rule", "texts", "kept", "dropped"), SOURCE_RULES,
                         ids=[row[0] for row in SOURCE_RULES])
def test_source_rule(rule: str, texts: list[str], kept: str, dropped: str) -> None:
    ranked = _ranked(texts)
    assert kept in ranked, rule
    assert dropped not in ranked, rule


def test_no_candidate_spans_a_quotation_mark() -> None:
    groups = collect(["The Secretary General of the “Amnesty International” wrote."] * 2, "en")
    assert not any("“" in surface for c in groups.values() for surface in c.variants)


# --------------------------------------------------------------------------- translations

def test_single_capitalised_word_translated_lower_case_is_no_name() -> None:
    """English capitalises peoples and nationalities; Azerbaijani capitalises names only."""
    pairs = [("Many Azerbaijanis were displaced.", "Bir çox azərbaycanlılar köçkün düşdü."),
             ("Then the Azerbaijanis were at home.", "Sonra azərbaycanlılar evdə idi."),
             ("Talks with Armenia were held.", "Ermənistanla danışıqlar aparıldı."),
             ("They met in Armenia.", "Onlar Ermənistanda görüşdülər.")]
    texts = {m.text for m in extract_terms(pairs=pairs, src_lang="en", tgt_lang="az").terms}
    assert "Armenia" in texts
    assert "Azerbaijanis" not in texts


@pytest.mark.parametrize(("source", "target", "cognate"), [
    ("callamard", "kallamar", True),  # hard c read as k
    ("agnès", "aqnes", True),
    ("agnès", "аньес", True),  # French gn, a palatal n
    ("azerbaijan", "азербайджан", True),
    ("person", "происхождения", False),  # three classes alike, the fourth not
    ("civil", "cəmiyyəti", False),
])
def test_cognates_compare_spellings(source: str, target: str, cognate: bool) -> None:
    assert any(_cognates(a, target) for a in _spellings(source, "en")) is cognate


@pytest.mark.parametrize(("lang", "target", "expected"), [
    ("az", "Xanım Aqnes Kallamar məktub yazdı.", "Aqnes Kallamar"),
    ("ru", "Госпожа Аньес Калламар написала письмо.", "Аньес Калламар"),
])
def test_name_translated_by_cognates(lang: str, target: str, expected: str) -> None:
    pairs = [("Ms. Agnès Callamard wrote a letter.", target),
             ("The letter of Agnès Callamard was read.",
              target.replace("Xanım ", "").replace("Госпожа ", ""))]
    result = extract_terms(pairs=pairs, src_lang="en", tgt_lang=lang)
    name = next(m for m in result.terms if m.text == "Agnès Callamard")
    assert name.translation is not None and name.translation.text == expected


@pytest.mark.parametrize(("source", "linked"), [
    ("the war and the war", 2),  # a word seen twice takes two translations
    ("the war", 1),
])
def test_a_source_word_links_once_per_occurrence(source: str, linked: int) -> None:
    associator = Associator([(source, "müharibə və döyüş")], "en", "az")
    links = associator._links(0)
    assert set(links.values()) == {"war"} and len(links) == linked


@pytest.mark.parametrize(("word", "expected"), [
    ("edilmiş", True), ("olunan", True), ("etdi", True), ("olmuşdur", True),
    ("etiraz", False), ("olimpiya", False), ("ərazilər", False), ("azad", False),
])
def test_azerbaijani_light_verbs(word: str, expected: bool) -> None:
    assert is_light_verb(word, "az") is expected


def test_no_azerbaijani_span_starts_with_a_light_verb() -> None:
    associator = Associator([("liberated territories", "azad edilmiş ərazilər")], "en", "az")
    surfaces = {span.surface for span in associator.spans[0]}
    assert "azad edilmiş ərazilər" in surfaces
    assert "edilmiş ərazilər" not in surfaces


@pytest.mark.parametrize(("word", "expected"), [
    ("гуманитарного", True), ("уполномоченные", True), ("права", False),
    ("мирового", False),  # also a noun (мировая)
])
def test_russian_attributive_words(word: str, expected: bool) -> None:
    assert is_attributive(word, "ru") is expected


def test_no_russian_span_ends_with_an_adjective() -> None:
    associator = Associator([("international humanitarian law",
                              "нормы международного гуманитарного права")], "en", "ru")
    surfaces = {span.surface for span in associator.spans[0]}
    assert "международного гуманитарного права" in surfaces
    assert "международного гуманитарного" not in surfaces


@pytest.mark.parametrize(("phrase", "expected"), [
    ("мирового сообщества", "мировое сообщество"),  # мирового is the adjective here
    ("мировому сообществу", "мировое сообщество"),
    ("военного преступления", "военное преступление"),
])
def test_russian_adjective_agrees_with_its_noun(phrase: str, expected: str) -> None:
    assert russian_nominative(phrase) == expected
