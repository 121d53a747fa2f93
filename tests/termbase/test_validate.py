"""Termbase validation on small in-memory termbases: one table row per problem kind."""

import pytest

from ahenk.model import LanguageTag, Location
from ahenk.termbase import Concept, Term, Termbase, TermStatus
from ahenk.termbase.validate import CODES, validate_termbase

P, A, D, F = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED, TermStatus.FORBIDDEN


def term(text, lang, status=P, line=None, **kw):
    return Term(text, LanguageTag.parse(lang), status,
                location=Location("tb.tsv", line) if line else None, **kw)


def good(cid="npm"):
    return Concept(cid, [
        term("National Preventive Mechanism", "en"),
        term("NPM", "en", A, type="abbreviation"),
        term("MPM", "en", F),
        term("Milli Preventiv Mexanizm", "az"),
        term("Национальный превентивный механизм", "ru"),
    ])


def codes(concepts, languages=None):
    return [p.code for p in validate_termbase(Termbase(concepts, origin="tb.tsv"), languages)]


def test_clean_termbase_has_no_problems():
    assert codes([good()]) == []


# (description, concepts, expected codes)
CASES = [
    ("no preferred term in az", [Concept("c", [term("Ombudsman", "en"),
                                               term("Ombudsman", "az", A),
                                               term("Омбудсмен", "ru")])], ["no-preferred-term"]),
    ("language missing altogether", [Concept("c", [term("Ombudsman", "en"),
                                                   term("Омбудсмен", "ru")]), good()],
     ["no-preferred-term"]),
    ("two preferred", [Concept("c", [term("Khankendi", "en"), term("Xankandi", "en"),
                                     term("Xankəndi", "az"), term("Ханкенди", "ru")])],
     ["several-preferred-terms"]),
    ("term under two concepts", [good("a"), good("b")], ["duplicate-term"] * 5),
    ("duplicate after Turkic case folding", [
        Concept("a", [term("İlham Əliyev", "az"), term("Ilham Aliyev", "en"),
                      term("Ильхам Алиев", "ru")]),
        Concept("b", [term("ilham əliyev", "az"), term("Ilham", "en"), term("Ильхам", "ru")])],
     ["duplicate-term"]),
    ("dotless ı is another letter", [
        Concept("a", [term("ışıq", "az"), term("light", "en"), term("свет", "ru")]),
        Concept("b", [term("işiq", "az"), term("lamp", "en"), term("лампа", "ru")])], []),
    ("same text, other language, is fine", [
        Concept("a", [term("Ombudsman", "en"), term("Ombudsman", "az"),
                      term("Омбудсмен", "ru")])], []),
    ("conflicting statuses", [Concept("c", [term("Shusha", "en"), term("Shushi", "en", A),
                                            term("Shushi", "en", F), term("Şuşa", "az"),
                                            term("Шуша", "ru")])], ["conflicting-status"]),
    ("repeated term", [Concept("c", [term("Baku", "en"), term("Bakı", "az"), term("Bakı", "az"),
                                     term("Баку", "ru")])],
     ["repeated-term", "several-preferred-terms"]),
    ("empty term", [Concept("c", [term("Baku", "en"), term(" ", "en", A), term("Bakı", "az"),
                                  term("Баку", "ru")])], ["empty-term"]),
    ("stray spaces", [Concept("c", [term("Baku ", "en"), term("Bakı", "az"),
                                    term("Баку", "ru")])], ["untrimmed-term"]),
    ("unknown language", [Concept("c", [term("Baku", "en"), term("Bakü", "tr")])],
     ["unknown-language"]),
    ("picklist values", [Concept("c", [term("Baku", "en", pos="Substantiv"), term("Bakı", "az",
                                       type="nickname"), term("Баку", "ru")])],
     ["unknown-value", "unknown-value"]),
]


@pytest.mark.parametrize(("what", "concepts", "expected"), CASES, ids=[c[0] for c in CASES])
def test_problem_table(what, concepts, expected):
    assert sorted(codes(concepts)) == sorted(expected)
    assert set(expected) <= set(CODES)


def test_problems_carry_the_term_line():
    concepts = [good("a"), Concept("b", [term("NPM", "en", line=42), term("x", "az"),
                                         term("y", "ru")])]
    problems = validate_termbase(Termbase(concepts, origin="tb.tsv"))
    dup = [p for p in problems if p.code == "duplicate-term"]
    assert len(dup) == 1
    assert str(dup[0].location) == "tb.tsv:42"
    assert "'a'" in dup[0].message and "'b'" in dup[0].message


def test_required_languages_can_be_named():
    concepts = [Concept("c", [term("Baku", "en"), term("Bakı", "az")])]
    assert codes(concepts) == []
    assert codes(concepts, ["en", "az", "ru"]) == ["no-preferred-term"]


@pytest.mark.parametrize(("written", "status"), [
    ("preferredTerm-admn-sts", P), ("admittedTerm-admn-sts", A), ("deprecatedTerm-admn-sts", D),
    ("supersededTerm-admn-sts", D), ("Preferred", P), ("forbidden", F), ("do not use", F),
    ("admittedTerm", A),
])
def test_status_spellings(written, status):
    assert TermStatus.parse(written) is status


def test_unknown_status():
    with pytest.raises(ValueError, match="unknown term status"):
        TermStatus.parse("maybe")
