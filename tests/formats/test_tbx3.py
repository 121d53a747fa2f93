"""TBX v3: DCA and DCT reading, LTAC's test files, RELAX NG validation of what ahenk writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from ahenk.errors import FormatError, ParseError, SchemaError
from ahenk.formats import detect, get
from ahenk.termbase import Concept, Term, Termbase, TermStatus
from tests.conftest import shared_file
from tests.formats.termbase_views import EN, sample

DATA = Path(__file__).resolve().parent.parent / "data" / "tbx-v3"
TBX3 = get("tbx-v3")
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
LTAC = ("interop", "tbx_ltac_test_files")
SCHEMAS = ("interop", "schemas", "tbx_v3_basic")


def _rng() -> etree.RelaxNG:
    path = shared_file(*SCHEMAS, "v1.2_DCA_TBXcoreStructV03_TBX-Basic_integrated.rng")
    return etree.RelaxNG(etree.parse(str(path)))


def _picklists() -> dict[str, set[str]]:
    """termNote picklists of TBX-Basic, taken from LTAC's Schematron rules."""
    sch = shared_file(*SCHEMAS, "DCA_TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
    lists = {}
    for kind, test in re.findall(r"tbx:termNote\[@type='(\w+)'\]\">\s*<assert test=\"([^\"]+)\"",
                                 sch):
        lists[kind] = set(re.findall(r"\.='([^']+)'", test))
    return lists


def test_written_dca_validates_against_the_tbx_basic_rng(tmp_path):
    TBX3.write(sample(), tmp_path / "s.tbx")
    doc = etree.parse(str(tmp_path / "s.tbx"))
    rng = _rng()
    assert rng.validate(doc), rng.error_log
    root = doc.getroot()
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")


def test_written_values_keep_to_the_schematron_picklists(tmp_path):
    TBX3.write(sample(), tmp_path / "s.tbx")
    picklists = _picklists()
    assert {"administrativeStatus", "partOfSpeech", "termType"} <= set(picklists)
    notes = etree.parse(str(tmp_path / "s.tbx")).getroot().iterfind(".//t:termNote", NS)
    for note in notes:
        assert note.text in picklists[note.get("type")], (note.get("type"), note.text)


def test_proper_noun_and_forbidden_survive_the_v3_picklists(tmp_path):
    again = TBX3.read(_written(tmp_path))
    baku = again.concepts[2]
    assert [t.pos for t in baku.terms] == ["properNoun", "properNoun"]
    account = again.concepts[0]
    assert account.terms[-1].status is TermStatus.FORBIDDEN


def _written(tmp_path: Path) -> Path:
    TBX3.write(sample(), tmp_path / "s.tbx")
    return tmp_path / "s.tbx"


def test_dct_style_with_min_and_basic_modules():
    termbase = TBX3.read(DATA / "dct_min.tbx")
    (concept,) = termbase.concepts
    assert (concept.id, concept.subject) == ("ceasefire", "politics")
    assert concept.definitions == {"ru": "Прекращение огня."}
    assert [(t.text, t.status, t.pos, t.type) for t in concept.terms] == [
        ("прекращение огня", TermStatus.PREFERRED, "noun", "fullForm"),
        ("перемирие", TermStatus.DEPRECATED, None, None),
        ("atəşkəs", TermStatus.ADMITTED, None, None),
    ]
    assert termbase.extra["tbx_style"] == "dct"


def test_wrong_namespace_is_a_schema_error():
    with pytest.raises(SchemaError, match="namespace") as info:
        TBX3.read(DATA / "wrong_namespace.tbx")
    assert info.value.line == 2


def test_v3_refuses_what_the_schema_forbids(tmp_path):
    with pytest.raises(FormatError, match="empty"):
        TBX3.write(Termbase(), tmp_path / "x.tbx")
    with pytest.raises(FormatError, match="concept 'lonely' has no terms"):
        TBX3.write(Termbase(concepts=[Concept("lonely", definitions={"en": "d"})]),
                   tmp_path / "x.tbx")
    with pytest.raises(FormatError, match="concept 'c'.*U\\+FFFE"):
        TBX3.write(Termbase(concepts=[Concept("c", terms=[Term("a", EN, note="\ufffe")])]),
                   tmp_path / "x.tbx")


def test_definition_in_a_language_without_terms_stays_valid(tmp_path):
    termbase = Termbase(concepts=[Concept("c1", definitions={"ru": "только определение"},
                                          terms=[Term("word", EN)])])
    TBX3.write(termbase, tmp_path / "d.tbx")
    assert _rng().validate(etree.parse(str(tmp_path / "d.tbx")))
    assert TBX3.read(tmp_path / "d.tbx").concepts[0].definitions == {"ru": "только определение"}


# --------------------------------------------------------------------------- interop files


@pytest.mark.shared
@pytest.mark.parametrize("name", ["DCA_Example_Astronomy_DCA_VALID.tbx",
                                  "DCT_Example_Astronomy_DCT_VALID.tbx"])
def test_ltac_examples_read_the_same_in_both_styles(name, tmp_path):
    termbase = TBX3.read(shared_file(*SCHEMAS, name))
    assert (len(termbase), sum(len(c.terms) for c in termbase)) == (45, 113)
    galactic = termbase.concepts[0].terms[1]
    assert (galactic.text, galactic.status, galactic.pos) == (
        "galactic cluster", TermStatus.DEPRECATED, "noun")
    assert detect(shared_file(*SCHEMAS, name)).name == "tbx-v3"
    TBX3.write(termbase, tmp_path / "again.tbx")
    assert _rng().validate(etree.parse(str(tmp_path / "again.tbx")))


@pytest.mark.shared
@pytest.mark.parametrize("name", ["basic_good.tbx", "min_good.tbx", "core_structure_good.tbx"])
def test_ltac_good_files_are_read(name):
    termbase = TBX3.read(shared_file(*LTAC, name))
    assert len(termbase) == 45
    assert all(c.terms for c in termbase)


@pytest.mark.shared
def test_ltac_basic_bad_is_read_leniently_keeping_the_bad_value():
    """basic_bad.tbx is only Schematron-invalid (levels, picklists): the reader takes it and
    keeps the off-picklist part of speech; writing it as TBX-Basic marks it instead."""
    termbase = TBX3.read(shared_file(*LTAC, "basic_bad.tbx"))
    assert termbase.concepts[0].terms[0].pos == "nominal"


@pytest.mark.shared
def test_ltac_bad_files_are_rejected_with_file_and_line():
    with pytest.raises(SchemaError) as info:
        TBX3.read(shared_file(*LTAC, "core_structure_bad.tbx"))
    assert (info.value.line, info.value.path.endswith("core_structure_bad.tbx")) == (32, True)
    assert "2 <term> elements" in info.value.message
    with pytest.raises(SchemaError) as info:
        TBX3.read(shared_file(*LTAC, "min_bad.tbx"))
    assert info.value.line == 803 and "unknown usageStatus" in info.value.message
    with pytest.raises(ParseError) as info:
        TBX3.read(shared_file(*LTAC, "poorly_formed_xml.tbx"))
    assert (info.value.line, info.value.column) == (42, 16)
    assert "not well-formed XML" in str(info.value)
