"""TBX 2008 (martif): scenario files, interop files from real tools, what the writer writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ahenk.errors import FormatError, ParseError, SchemaError
from ahenk.formats import detect, get
from ahenk.termbase import Concept, Term, Termbase, TermStatus
from tests.conftest import shared_file
from tests.formats.termbase_views import AZ, EN, sample

DATA = Path(__file__).resolve().parent.parent / "data" / "tbx"
TBX = get("tbx")
TERMINOLOGY = ("interop", "okapi", "libraries_lib-terminology")


def test_statuses_from_every_spelling():
    termbase = TBX.read(DATA / "forbidden.tbx")
    statuses = {t.text: t.status for t in termbase.concepts[0].terms}
    assert statuses == {
        "Dağlıq Qarabağ": TermStatus.PREFERRED,  # ntig/termGrp
        "Qarabağ": TermStatus.ADMITTED,  # normativeAuthorization
        "Nagorno": TermStatus.FORBIDDEN,  # deprecatedTerm + ahenk note
        "Arsax": TermStatus.FORBIDDEN,  # Weblate's non-standard value
        "köhnə ad": TermStatus.DEPRECATED,  # supersededTerm
    }
    term = termbase.concepts[0].terms[0]
    assert term.lang.tag == "az-Latn-AZ" and term.lang.written() == "az-Latn-AZ"
    assert term.note is None  # the ahenk: note is applied, not kept as a note
    assert termbase.concepts[0].terms[2].note is None
    assert term.location.line == 8


def test_forbidden_is_written_as_valid_deprecated_plus_note(tmp_path):
    termbase = Termbase(concepts=[Concept("c1", terms=[
        Term("Arsax", AZ, TermStatus.FORBIDDEN), Term("Qarabağ", AZ, TermStatus.DEPRECATED)])])
    TBX.write(termbase, tmp_path / "f.tbx")
    root = etree.parse(str(tmp_path / "f.tbx")).getroot()
    tigs = root.findall(".//tig")
    assert [t.findtext("termNote[@type='administrativeStatus']") for t in tigs] == [
        "deprecatedTerm-admn-sts", "deprecatedTerm-admn-sts"]
    assert [n.text for n in tigs[0].findall("note")] == ["ahenk:status=forbidden"]
    assert tigs[1].findall("note") == []
    again = TBX.read(tmp_path / "f.tbx")
    assert [t.status for t in again.concepts[0].terms] == [TermStatus.FORBIDDEN,
                                                           TermStatus.DEPRECATED]


def test_written_file_is_tbx_basic_and_valid_against_the_tbx_2008_schema(tmp_path):
    xsd = shared_file("interop", "schemas", "omegat", "tbx.xsd")
    TBX.write(sample(), tmp_path / "s.tbx")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    doc = etree.parse(str(tmp_path / "s.tbx"))
    assert schema.validate(doc), schema.error_log
    root = doc.getroot()
    assert root.get("type") == "TBX-Basic"
    assert root.findtext(".//encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    # TBX-Basic picklists only
    values = {(n.get("type"), n.text) for n in root.iter("termNote")}
    assert {t for t, _ in values} <= {"termType", "partOfSpeech", "administrativeStatus"}
    assert {v for t, v in values if t == "partOfSpeech"} <= {
        "noun", "properNoun", "verb", "adjective", "adverb", "other"}


def test_ids_that_are_not_xml_ids_round_trip_through_a_note(tmp_path):
    termbase = Termbase(concepts=[Concept("1 a", terms=[Term("x", EN)]),
                                  Concept("c-1_a", terms=[Term("y", EN)])])
    TBX.write(termbase, tmp_path / "ids.tbx")
    ids = [e.get("id") for e in etree.parse(str(tmp_path / "ids.tbx")).iter("termEntry")]
    assert ids == ["c-1_a-2", "c-1_a"]
    assert [c.id for c in TBX.read(tmp_path / "ids.tbx")] == ["1 a", "c-1_a"]


def test_writer_refuses_what_tbx_cannot_hold(tmp_path):
    with pytest.raises(FormatError, match="concept 'c1'.*U\\+0007"):
        TBX.write(Termbase(concepts=[Concept("c1", terms=[Term("bell\x07", EN)])]),
                  tmp_path / "x.tbx")
    with pytest.raises(FormatError, match="concept 'c2' has no terms"):
        TBX.write(Termbase(concepts=[Concept("c2")]), tmp_path / "x.tbx")
    with pytest.raises(FormatError, match="duplicate concept id 'c3'"):
        TBX.write(Termbase(concepts=[Concept("c3", terms=[Term("a", EN)]),
                                     Concept("c3", terms=[Term("b", EN)])]), tmp_path / "x.tbx")
    assert not (tmp_path / "x.tbx").exists()


@pytest.mark.parametrize(
    ("case", "error", "line", "message"),
    [
        ("no_lang", SchemaError, 5, "no xml:lang"),
        ("bad_status", SchemaError, 6, "unknown administrativeStatus 'sometimesTerm-admn-sts'"),
        ("bad_lang", SchemaError, 5, "bad xml:lang"),
        ("not_well_formed", ParseError, 5, "not well-formed XML"),
        ("entity_bomb", ParseError, 9, "entity reference &lol2; is not expanded"),
        ("external_entity", ParseError, 6, "entity reference &secret; is not expanded"),
    ],
)
def test_invalid_scenarios_name_file_and_line(case, error, line, message):
    with pytest.raises(error) as info:
        TBX.read(DATA / f"{case}.tbx")
    assert info.value.path.endswith(f"{case}.tbx")
    assert info.value.line == line
    assert message in info.value.message


def test_tbx_v3_file_is_pointed_to_the_other_reader():
    path = shared_file("interop", "tbx_ltac_test_files", "basic_good.tbx")
    with pytest.raises(SchemaError, match="read it as tbx-v3"):
        TBX.read(path)


# --------------------------------------------------------------------------- interop files


@pytest.mark.shared
@pytest.mark.parametrize(
    ("parts", "concepts", "terms"),
    [
        ((*TERMINOLOGY, "ibm_tbx.tbx"), 5, 11),
        ((*TERMINOLOGY, "maryland.tbx"), 1, 13),
        ((*TERMINOLOGY, "medtronic_TBX.tbx"), 3, 62),
        ((*TERMINOLOGY, "oracle_TBX.tbx"), 2, 6),
        ((*TERMINOLOGY, "sdl_tbx.tbx"), 223, 472),
        ((*TERMINOLOGY, "test01.tbx"), 1, 2),
        ((*TERMINOLOGY, "test02_win1254.tbx"), 1, 2),
        (("interop", "omegat", "glossaries", "sampleTBXfile.tbx"), 1, 2),
    ],
    ids=lambda v: v[-1] if isinstance(v, tuple) else str(v),
)
def test_real_files_read_and_round_trip(parts, concepts, terms, tmp_path):
    path = shared_file(*parts)
    termbase = TBX.read(path)
    assert (len(termbase), sum(len(c.terms) for c in termbase)) == (concepts, terms)
    assert detect(path).name == "tbx"
    written = Termbase(concepts=[c for c in termbase if c.terms])
    TBX.write(written, tmp_path / "again.tbx")
    again = TBX.read(tmp_path / "again.tbx")
    assert _terms(again) == _terms(written)
    assert [(c.id, c.subject, c.definitions, c.note) for c in again] == [
        (c.id, c.subject, c.definitions, c.note) for c in written]


def _terms(termbase: Termbase) -> list[list[tuple]]:
    """Terms per concept, grouped by language (a file may repeat a langSet; TBX output has one
    per language) in their order within the language."""
    return [
        sorted(((t.lang.tag, t.text, t.status, t.pos, t.type, t.note) for t in c.terms),
               key=lambda row: row[0])
        for c in termbase
    ]


@pytest.mark.shared
def test_windows_1254_turkish_file():
    termbase = TBX.read(shared_file(*TERMINOLOGY, "test02_win1254.tbx"))
    texts = [t.text for t in termbase.concepts[0].terms]
    assert texts == ["term with: éá and İı", "tr term with: éá and İı"]
    assert termbase.concepts[0].terms[1].lang.language == "tr"


@pytest.mark.shared
def test_oracle_definitions_notes_and_sdlx_empty_terms():
    oracle = TBX.read(shared_file(*TERMINOLOGY, "oracle_TBX.tbx"))
    assert oracle.concepts[0].subject == "HR"
    assert oracle.concepts[0].definitions["en"].startswith("GREs and PREs")
    assert oracle.concepts[0].extra["lang_notes"] == {"pt": "Termo específico aos EUA."}
    sdl = TBX.read(shared_file(*TERMINOLOGY, "sdl_tbx.tbx"))
    c7 = next(c for c in sdl if c.id == "c7")
    assert c7.extra["empty_terms"] == [272]  # SDLX wrote <term/>: skipped, and said where
    maryland = TBX.read(shared_file(*TERMINOLOGY, "maryland.tbx"))
    assert maryland.concepts[0].definitions["en"].startswith("personne qui accomplit")
    ibm = TBX.read(shared_file(*TERMINOLOGY, "ibm_tbx.tbx"))
    assert [t.text for t in ibm.concepts[0].terms_in("en")] == ["navigation trail", "branch"]
