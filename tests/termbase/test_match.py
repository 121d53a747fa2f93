"""Inflection-aware term matching: a table of texts (data/match_cases.tsv) over a small termbase
(data/match_termbase.tsv), and every occurrence of a term in the real corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import ROOT
from tests.lang.tables import params, read_table

from ahenk.model.langtag import LanguageTag
from ahenk.termbase.match import TermIndex, TermMatch, find_terms
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus

DATA = Path(__file__).parent / "data"
CORPUS = ROOT / "corpus"


def _termbase() -> Termbase:
    concepts: dict[str, Concept] = {}
    for row in read_table(DATA / "match_termbase.tsv"):
        concept = concepts.setdefault(row["concept"], Concept(row["concept"]))
        concept.terms.append(Term(
            row["term"], LanguageTag.parse(row["lang"]), TermStatus.parse(row["status"]),
            pos=None if row["pos"] == "-" else row["pos"],
            type=None if row["type"] == "-" else row["type"]))
    return Termbase(list(concepts.values()))


TERMBASE = _termbase()
INDEX = {lang: TermIndex(TERMBASE, lang) for lang in ("az", "ru", "en")}


def _expected(cell: str) -> list[tuple[str, str]]:
    if cell == "-":
        return []
    return [tuple(part.split("=", 1)) for part in cell.split(" ; ")]


@pytest.mark.parametrize("row", params(DATA / "match_cases.tsv"))
def test_match_table(row):
    found = INDEX[row["lang"]].find(row["text"])
    assert [(m.concept, m.surface) for m in found] == _expected(row["expected"]), row["comment"]
    for match in found:
        assert row["text"][match.start:match.end] == match.surface


def test_match_carries_term_and_status():
    [match] = INDEX["ru"].find("В Нагорном Карабахе")
    assert match == TermMatch("karabakh", "Нагорный Карабах", TermStatus.DEPRECATED, 2, 19,
                              "Нагорном Карабахе")
    assert match.entry is not None and match.entry.pos == "properNoun"


def test_offsets_survive_decomposed_input():
    text = "Qarabag\u0306da"  # ğ written as g + combining breve
    [match] = INDEX["az"].find(text)
    assert (match.concept, match.start, match.end, match.surface) == ("karabakh", 0, 10, text)


def test_index_only_holds_its_language():
    assert len(INDEX["en"]) == sum(1 for _, t in TERMBASE.terms() if t.lang.language == "en")
    assert INDEX["az"].find("Cabinet of Ministers") == []


def test_empty_termbase_and_text():
    assert TermIndex(Termbase(), "az").find("Ombudsman") == []
    assert INDEX["az"].find("") == []


def test_unknown_language_matches_exact_folded_terms():
    termbase = Termbase([Concept("c", [Term("Menschenrechte", LanguageTag.parse("de"))])])
    assert [m.surface for m in find_terms("die MENSCHENRECHTE, Menschenrechten", termbase,
                                          "de")] == ["MENSCHENRECHTE"]


# -- the real corpus -------------------------------------------------------------------------

def _lines(lang: str) -> list[str]:
    files = sorted((CORPUS / lang).glob("*.txt"))
    if not files:
        pytest.skip(f"no corpus for {lang}")
    return [line for path in files for line in path.read_text(encoding="utf-8").splitlines()]


# Every word that starts like the term in the corpus, and what the matcher must make of it.
_OCCURRENCES = {
    "az": re.compile(r"(?<![\w'’-])[Oo]mbudsman\w*"),
    "ru": re.compile(r"(?<![\w-])[Оо]мбудсмен\w*"),
    "en": re.compile(r"(?<![\w-])[Oo]mbudsm[ae]n(?:['’]s|s')?"),
}


@pytest.mark.parametrize("lang", ["az", "ru", "en"])
def test_every_ombudsman_in_the_corpus_is_found_with_its_suffixes(lang):
    expected: list[str] = []
    found: list[str] = []
    for line in _lines(lang):
        expected.extend(_OCCURRENCES[lang].findall(line))
        found.extend(m.surface for m in INDEX[lang].find(line) if m.concept == "ombudsman")
    assert len(expected) > 20
    assert found == expected


def test_corpus_inflected_forms_seen():
    surfaces = {m.surface for line in _lines("az") for m in INDEX["az"].find(line)}
    for form in ("Ombudsmanın", "Ombudsmana", "ombudsmanlarına", "BMT-nin",
                 "Human Rights Watch-un", "Qarabağda"):
        assert form in surfaces
    ru = {m.surface for line in _lines("ru") for m in INDEX["ru"].find(line)}
    for form in ("Омбудсмена", "омбудсменами", "Кабинета министров",
                 "Национального превентивного механизма", "Уполномоченный по правам человека"):
        assert form in ru


def test_aligned_lines_agree_on_the_ombudsman():
    """Line N of a translation renders line N of the English: where the English names the
    Ombudsman, the Azerbaijani and Russian lines do too (inflected as they like)."""
    en, az, ru = _lines("en"), _lines("az"), _lines("ru")
    assert len(en) == len(az) == len(ru)
    for n, (e, a, r) in enumerate(zip(en, az, ru, strict=True), 1):
        if any(m.concept == "ombudsman" for m in INDEX["en"].find(e)):
            assert any(m.concept == "ombudsman" for m in INDEX["az"].find(a)) or \
                "Müvəkkil" in a, f"az line {n}"
            assert any(m.concept == "ombudsman" for m in INDEX["ru"].find(r)) or \
                "Уполномоченн" in r, f"ru line {n}"


def test_project_termbase_indexes_when_present():
    path = ROOT / "glossaries" / "termbase.tsv"
    if not path.exists():
        pytest.skip("glossaries/termbase.tsv not written yet")
    from ahenk.errors import AhenkError
    from ahenk.glossary import load_termbase

    try:
        termbase = load_termbase(path)
    except (AhenkError, ImportError) as exc:
        pytest.skip(f"termbase not readable yet: {exc}")
    for lang in ("az", "ru", "en"):
        index = TermIndex(termbase, lang)
        for line in _lines(lang):
            for match in index.find(line):
                assert line[match.start:match.end] == match.surface


def test_nested_matches_on_request():
    text = "Nazirlər Kabinetinin qərarı"
    assert [m.concept for m in INDEX["az"].find(text)] == ["cabinet"]
    assert [(m.concept, m.surface) for m in INDEX["az"].find(text, nested=True)] == [
        ("cabinet", "Nazirlər Kabinetinin"), ("office-room", "Kabinetinin")]


def test_find_concepts_for_the_aligner():
    from ahenk.termbase.match import find_concepts, index_for

    assert find_concepts(TERMBASE, "Nazirlər Kabinetinin qərarı", "az") == ["cabinet",
                                                                            "office-room"]
    assert index_for(TERMBASE, "az") is index_for(TERMBASE, "az-Latn-AZ")  # built once
