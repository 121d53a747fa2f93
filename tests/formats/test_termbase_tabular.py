"""termbase-tsv / termbase-csv: long and wide layouts, encodings, located errors, real files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ahenk.errors import FormatError, ParseError
from ahenk.formats import detect, get
from ahenk.termbase import Concept, Term, Termbase, TermStatus
from tests.conftest import ROOT, shared_file
from tests.formats.termbase_views import AZ, EN, FULL, sample, view

DATA = Path(__file__).resolve().parent.parent / "data"
TSV, CSV = get("termbase-tsv"), get("termbase-csv")
TERMINOLOGY = ("interop", "okapi", "libraries_lib-terminology")


def test_long_layout_scenario():
    termbase = TSV.read(DATA / "termbase-tsv" / "long.tsv")
    c1, c2 = termbase.concepts
    assert (c1.id, c1.subject, c1.definitions) == ("c1", "law", {"en": "A halt to fighting."})
    assert [(t.text, t.status) for t in c1.terms] == [
        ("ceasefire", TermStatus.PREFERRED), ("atəşkəs", TermStatus.PREFERRED),
        ("перемирие", TermStatus.DEPRECATED)]
    assert c1.terms[2].note == "note with\ttab and\nline break"
    assert (c2.note, c2.terms[0].text, c2.terms[0].status) == (
        "concept-level note", "ёлка", TermStatus.FORBIDDEN)
    assert c2.terms[0].location.line == 7  # the quoted note of line 4 spans lines 4-5


def test_column_aliases_and_extra_columns():
    (concept,) = TSV.read(DATA / "termbase-tsv" / "aliases.tsv").concepts
    term = concept.terms[0]
    assert (concept.id, term.lang.tag, term.status, term.pos) == (
        "x1", "az-Latn", TermStatus.ADMITTED, "noun")
    assert term.extra["columns"] == {"Source": "dict"}


@pytest.mark.parametrize(
    ("case", "line", "column", "message"),
    [
        ("unknown_status", 2, 4, "unknown term status 'sometimes'"),
        ("bad_lang", 2, 2, "column 'lang': bad language tag"),
        ("field_count", 2, None, "wrong field count: 4 fields, the header has 3"),
        ("missing_column", 1, None, "missing required column 'term'"),
        ("contradiction", 3, None, "'medicine' contradicts 'law'"),
    ],
)
def test_errors_name_file_line_column_and_problem(case, line, column, message):
    with pytest.raises(ParseError) as info:
        TSV.read(DATA / "termbase-tsv" / f"{case}.tsv")
    error = info.value
    assert error.path.endswith(f"{case}.tsv")
    assert (error.line, error.column) == (line, column)
    assert message in error.message


def test_wide_layout_with_sniffed_semicolon_and_status_columns():
    termbase = CSV.read(DATA / "termbase-csv" / "wide_semicolon.csv")
    first, second = termbase.concepts
    assert [(t.text, t.lang.tag) for t in first.terms] == [
        ("ceasefire", "en-US"), ("truce", "en-US"), ("atəşkəs", "az-AZ"),
        ("прекращение огня", "ru")]
    assert (first.definitions, first.note) == ({"en": "A halt."}, "semi; colon")
    assert [(t.text, t.status) for t in second.terms_in("ru")] == [
        ("государство", TermStatus.PREFERRED), ("держава", TermStatus.FORBIDDEN)]


def test_wide_round_trip_and_refusals(tmp_path):
    termbase = CSV.read(DATA / "termbase-csv" / "wide_semicolon.csv")
    CSV.write(termbase, tmp_path / "w.csv", layout="wide")
    assert (tmp_path / "w.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "id,subject,en-US,az-AZ,ru,ru:forbidden,definition:en,note")
    kept = FULL - {"pos", "type", "term_note"}
    assert view(CSV.read(tmp_path / "w.csv"), kept) == view(termbase, kept)
    with pytest.raises(FormatError, match="concept 'account'.*lossy=True"):
        CSV.write(sample(), tmp_path / "x.csv", layout="wide")
    CSV.write(sample(), tmp_path / "x.csv", layout="wide", lossy=True)
    semicolon = Termbase(concepts=[Concept("c", terms=[Term("a; b", EN)])])
    with pytest.raises(FormatError, match="concept 'c'.*';'"):
        TSV.write(semicolon, tmp_path / "x.tsv", layout="wide")


def test_headerless_and_foreign_headers_are_refused_clearly():
    with pytest.raises(ParseError, match="'csv kde'") as info:
        CSV.read(DATA / "termbase-csv" / "no_header.csv")
    assert info.value.line == 1
    (concept,) = CSV.read(DATA / "termbase-csv" / "wide_plain.csv").concepts
    assert [t.text for t in concept.terms] == ["Hello", "Salam", "Привет"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_bom_encodings(encoding, tmp_path):
    text = "concept\tlang\tterm\nc1\taz\tşəhər\n"
    (tmp_path / "e.tsv").write_bytes(text.encode(encoding))
    assert TSV.read(tmp_path / "e.tsv").concepts[0].terms[0].text == "şəhər"


def test_writer_output_lf_utf8_and_optional_bom(tmp_path):
    TSV.write(sample(), tmp_path / "a.tsv")
    data = (tmp_path / "a.tsv").read_bytes()
    assert data.startswith(b"concept\tsubject\tlang\tterm\tstatus\tpos\ttype\tdefinition\tnote\n")
    assert b"\r" not in data.replace(b'"', b"")
    CSV.write(sample(), tmp_path / "b.csv", bom=True)
    assert (tmp_path / "b.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert view(CSV.read(tmp_path / "b.csv"), FULL) == view(sample(), FULL)


def test_detection_by_extension_and_header(tmp_path):
    TSV.write(sample(), tmp_path / "g.tsv")
    assert detect(tmp_path / "g.tsv").name == "termbase-tsv"
    assert TSV.sniff((tmp_path / "g.tsv").read_bytes()[:4096])


def test_project_termbase_reads():
    path = ROOT / "glossaries" / "termbase.tsv"
    if not path.exists():
        pytest.skip("glossaries/termbase.tsv is not written yet")
    termbase = TSV.read(path)
    assert len(termbase) > 0
    assert all(c.terms for c in termbase)
    assert {lang.language for lang in termbase.languages()} <= {"en", "az", "ru"}


def test_project_termbase_round_trips(tmp_path):
    path = ROOT / "glossaries" / "termbase.tsv"
    if not path.exists():
        pytest.skip("glossaries/termbase.tsv is not written yet")
    termbase = TSV.read(path)
    TSV.write(termbase, tmp_path / "t.tsv")
    assert view(TSV.read(tmp_path / "t.tsv"), FULL) == view(termbase, FULL)


# --------------------------------------------------------------------------- interop files


@pytest.mark.shared
@pytest.mark.parametrize(
    ("handler", "parts", "pairs"),
    [
        (CSV, (*TERMINOLOGY, "test01.csv"), 4),
        (TSV, (*TERMINOLOGY, "test02_utf16be.tsv"), 2),
        (TSV, ("interop", "okapi", "libraries_lib-verification", "test01.tsv"), 2),
    ],
    ids=["test01.csv", "test02_utf16be.tsv", "verification-test01.tsv"],
)
def test_okapi_headerless_glossaries_with_named_columns(handler, parts, pairs):
    path = shared_file(*parts)
    with pytest.raises(ParseError, match="header names neither"):
        handler.read(path)
    termbase = handler.read(path, columns=["en", "fr"])
    assert len(termbase) == pairs
    assert all(len(c.terms) == 2 and c.terms[0].text == c.terms[0].text.strip()
               for c in termbase)


@pytest.mark.shared
def test_okapi_utf16be_tsv_keeps_its_characters():
    termbase = TSV.read(shared_file(*TERMINOLOGY, "test02_utf16be.tsv"), columns="en\tfr")
    assert termbase.concepts[1].terms[1].text == "éßÑ￦ target 2"


@pytest.mark.shared
def test_okapi_tsv_with_a_one_field_line_is_located():
    with pytest.raises(ParseError, match="wrong field count") as info:
        TSV.read(shared_file(*TERMINOLOGY, "test01.tsv"), columns=["en", "fr"])
    assert info.value.line == 8


def test_az_long_round_trip_through_csv(tmp_path):
    termbase = Termbase(concepts=[Concept("c1", terms=[Term("İş, \"iş\"", AZ, note="a,b")])])
    CSV.write(termbase, tmp_path / "q.csv")
    assert view(CSV.read(tmp_path / "q.csv"), FULL) == view(termbase, FULL)
