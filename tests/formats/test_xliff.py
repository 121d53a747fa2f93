"""XLIFF 1.2 (plain, SDLXLIFF, memoQ) and 2.0: mapping, interop files, round trips, XSD."""

from __future__ import annotations

import glob
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ahenk.errors import FormatError, ParseError, SchemaError
from ahenk.formats import Kind, detect, get
from ahenk.formats.xliff import read, write
from ahenk.model import LanguageTag, Note, Segment, SpanKind, Store, Unit
from tests.conftest import SHARED, shared_file

DATA = Path(__file__).resolve().parent.parent / "data"
XLIFF = SHARED / "interop" / "okapi" / "filters_xliff"


def _schema():
    xsd = shared_file("interop", "schemas", "xliff", "xliff-core-1.2-strict.xsd")
    return etree.XMLSchema(etree.parse(str(xsd)))


def _view(store: Store):
    return [(u.id, u.source.text, u.source.spans, [(t.text, t.spans, t.attrs.get("state"))
                                                   for t in u.targets],
             [(n.text, n.annotates) for n in u.notes]) for u in store]


def test_registry_and_sniffing():
    assert get("xliff").kind is Kind.BILINGUAL and get("xliff2").kind is Kind.BILINGUAL
    assert detect(DATA / "xliff" / "inline_states.xlf").name == "xliff"
    assert detect(DATA / "xliff2" / "inline_ignorable.xlf").name == "xliff2"
    assert detect(DATA / "xliff" / "sdl_segments.sdlxliff").name == "xliff"


def test_plain_12_mapping():
    store = read(DATA / "xliff" / "inline_states.xlf")
    assert store.header.source_lang == LanguageTag.parse("en")
    assert store.header.target_lang == LanguageTag.parse("ru")
    first, second = store.units
    assert first.id == "1" and first.attrs["approved"] == "yes"
    assert first.source.text == "Click Save now."
    assert [s.kind for s in first.source.spans] == [SpanKind.BEGIN, SpanKind.END,
                                                    SpanKind.PLACEHOLDER]
    assert first.target.attrs["state"] == "final"
    assert first.target.attrs["state-qualifier"] == "exact-match"
    assert [(n.text, n.author, n.annotates) for n in first.notes] == [
        ("Check the verb.", "reviewer", "target")]
    assert second.attrs["translate"] == "no" and second.targets == []
    assert [(s.kind, s.code) for s in second.source.spans] == [
        (SpanKind.BEGIN, "<b>"), (SpanKind.END, "</b>"), (SpanKind.PLACEHOLDER, "%s"),
        (SpanKind.HIGHLIGHT, "")]
    assert second.source.text == "Bold  ACME"


def test_sdlxliff_segments_become_units():
    store = read(DATA / "xliff" / "sdl_segments.sdlxliff")
    assert store.header.target_lang.written() == "az-Latn-AZ"
    one, two, tags = store.units
    assert (one.id, two.id) == ("tu1/1", "tu1/2")
    assert one.attrs["sdl:conf"] == "ApprovedTranslation" and one.attrs["sdl:locked"] == "true"
    assert two.attrs["sdl:conf"] == "Draft"
    assert two.target.text == "İllik məruzə."
    assert [s.kind for s in two.target.spans] == [SpanKind.BEGIN, SpanKind.END]
    assert tags.attrs["translate"] == "no"


def test_sdlxliff_written_as_plain_12_keeps_segment_ids(tmp_path):
    store = read(DATA / "xliff" / "sdl_segments.sdlxliff")
    out = tmp_path / "plain.xlf"
    with pytest.warns(UserWarning, match="sdl:conf"):
        write(store, out)
    assert _schema().validate(etree.parse(str(out)))
    again = read(out)
    assert _view(again) == _view(store)
    assert "sdl:" not in out.read_text("utf-8")


@pytest.mark.parametrize("name", ["inline_states.xlf"])
def test_round_trip_and_xsd(name, tmp_path):
    store = read(DATA / "xliff" / name)
    out = tmp_path / "out.xlf"
    write(store, out)
    assert _schema().validate(etree.parse(str(out))), _schema().error_log
    assert _view(read(out)) == _view(store)


def test_xliff2_mapping_and_round_trip(tmp_path):
    store = read(DATA / "xliff2" / "inline_ignorable.xlf")
    assert store.format == "xliff2"
    s1, s2, single = store.units
    assert (s1.id, s2.id, single.id) == ("u1/s1", "u1/s2", "u2")
    assert s1.target.attrs["state"] == "translated"
    assert [(s.kind, s.code) for s in s1.source.spans] == [(SpanKind.BEGIN, "<b>"),
                                                           (SpanKind.END, "</b>")]
    assert s2.source.text == "Bell\x07 ."  # <cp hex="0007"/>
    assert s2.targets == [] and s2.extra["xliff2.segment_attrs"]["state"] == "initial"
    assert s1.extra["xliff2.ignorable"] == [(" ", " ")]
    assert [(n.text, n.annotates) for n in s1.notes] == [("Legal text.", "source")]
    out = tmp_path / "out.xlf"
    get("xliff2").write(store, out)
    assert "<cp hex=\"0007\"/>" in out.read_text("utf-8")
    again = read(out)
    assert _view(again) == _view(store)
    assert again.units[0].extra["xliff2.ignorable"] == [(" ", " ")]


@pytest.mark.parametrize("name, error, line", [
    ("malformed.xlf", ParseError, 4), ("entity.xlf", ParseError, None),
    ("not_xliff_root.xlf", SchemaError, 1)])
def test_broken_files_are_located(name, error, line):
    with pytest.raises(error) as info:
        read(DATA / "xliff" / name)
    assert info.value.path.endswith(name)
    if line is not None:
        assert info.value.line == line


def test_character_xml_cannot_hold_is_refused_in_12(tmp_path):
    store = Store(units=[Unit(Segment("bell\x07", LanguageTag.parse("en")),
                              [Segment("zəng", LanguageTag.parse("az"))], id="b")])
    store.header.source_lang = LanguageTag.parse("en")
    with pytest.raises(FormatError, match=r"unit 'b'.*U\+0007"):
        write(store, tmp_path / "b.xlf")
    assert not (tmp_path / "b.xlf").exists()


# --------------------------------------------------------------------------- interop

SDL_COUNTS = {"simpleTest15984.sdlxliff": 37, "TS09-12-Test01.sdlxliff": 45,
              "FFFEBOM15992.sdlxliff": 11, "sanitizer15994.sdlxliff": 1564}


DROPS = {"lqiTest.xlf", "test1_es.xlf"}  # its:* on <mrk>; a 1.1-style x= on <ph>


def _interop_12():
    return sorted(glob.glob(str(XLIFF / "**" / "*.xlf"), recursive=True)
                  + glob.glob(str(XLIFF / "sdlxliff" / "*.sdlxliff")))


@pytest.mark.parametrize("path", _interop_12(), ids=lambda p: Path(p).name)
def test_every_okapi_xliff_reads_and_round_trips(path, tmp_path):
    if Path(path).name == "invalid_xml_entity.xlf":
        with pytest.raises(ParseError) as info:
            read(path)
        assert (info.value.line, info.value.column) == (8, 29)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        store = read(path)
        assert store.header.source_lang is not None
        assert len(store) > 0
        if Path(path).name in SDL_COUNTS:
            assert len(store) == SDL_COUNTS[Path(path).name]
        out = tmp_path / "out.xlf"
        write(store, out)
        again = read(out)
    if Path(path).name in DROPS:  # attributes outside XLIFF 1.2 are left out (with a warning)
        assert [(u.id, u.source.text, [s.kind for s in u.source.spans]) for u in again] == \
            [(u.id, u.source.text, [s.kind for s in u.source.spans]) for u in store]
    else:
        assert _view(again) == _view(store)


def test_sdlxliff_confirmation_levels():
    store = read(shared_file("interop", "okapi", "filters_xliff", "sdlxliff",
                             "TS09-12-Test01.sdlxliff"))
    first = next(u for u in store if u.id == "22bfcddb-0d5f-4493-b630-1a7bae84fd29/1")
    assert first.attrs["sdl:conf"] == "Translated" and first.attrs["sdl:percent"] == "100"
    assert first.target.text == "Erste Schritte"


def test_memoq_status_attributes():
    store = read(shared_file("interop", "okapi", "filters_xliff", "MQ-12-Test01.xlf"))
    assert len(store) == 119
    assert store.units[0].attrs["mq:status"] == "NotStarted"
    assert (store.header.source_lang.language, store.header.target_lang.language) == ("en", "fr")


def test_translate_toolkit_states():
    store = read(shared_file("interop", "translate-toolkit",
                             "tests__cli__data__test_pocount_xliff_states_yes__states.xlf"))
    assert store.header.extra["xliff.version"] == "1.1"
    assert [u.target.attrs.get("state") for u in store] == [
        None, "needs-work", "rejected", "needs-review", "unreviewed", "final", "translated",
        "fake"]
    assert all(u.attrs["approved"] == "yes" for u in store)


@pytest.mark.parametrize("parts, units", [
    (("okapi", "filters_xliff2", "test01.xlf"), 5), (("okapi", "filters_xliff2", "escaped.xlf"), 1),
    (("omegat", "filters", "xliff", "filters4-xliff2", "ex.14.5.xlf"), 2),
    (("omegat", "filters", "xliff", "filters4-xliff2", "ex.9.5.xlf"), 8)])
def test_xliff2_interop(parts, units, tmp_path):
    store = read(shared_file("interop", *parts))
    assert store.format == "xliff2" and len(store) == units
    out = tmp_path / "out.xlf"
    get("xliff2").write(store, out)
    assert _view(read(out)) == _view(store)


def test_xliff2_test01_segments_and_state():
    store = read(shared_file("interop", "okapi", "filters_xliff2", "test01.xlf"))
    assert [u.id for u in store][:2] == ["tu1/1", "tu1/2"]
    assert store.units[0].target.attrs["state"] == "translated"
    assert store.units[0].target.text == "Exemple de segment."


def test_omegat_12_edge_cases():
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        store = read(shared_file("interop", "omegat", "filters", "xliff", "filters3",
                                 "file-XLIFFFilter.xlf"))
    assert len(store) == 6 and all(u.id is None for u in store)  # 1.1 without ids: kept
    with pytest.raises(ParseError) as info:
        read(shared_file("interop", "omegat", "filters", "xliff", "filters3",
                         "file-XLIFFFilter-invalid-content.xlf"))
    assert info.value.line == 7


# --------------------------------------------------------------------------- hypothesis

_ids = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.text(), st.text(), st.none() | st.text()), min_size=1,
                     max_size=4), version=st.sampled_from(["1.2", "2.0"]))
def test_hypothesis_round_trip(rows, version, tmp_path):
    en, az = LanguageTag.parse("en"), LanguageTag.parse("az")
    store = Store(units=[Unit(Segment(s, en), [Segment(t, az)], id=f"u{i}",
                              notes=[Note(n)] if n else []) for i, (s, t, n) in enumerate(rows)])
    store.header.source_lang, store.header.target_langs = en, [az]
    path = tmp_path / f"h{version}.xlf"
    path.unlink(missing_ok=True)
    bad = [x for r in rows for x in r if x and any(_not_xml(c) for c in x)]
    notes_bad = [r[2] for r in rows if r[2] and any(_not_xml(c) for c in r[2])]
    if (version == "1.2" and bad) or (version == "2.0" and notes_bad):
        with pytest.raises(FormatError,
                           match=r"unit 'u\d+'.*(cannot be written|cannot represent)"):
            write(store, path, version)
        assert not path.exists()
        return
    write(store, path, version)
    again = read(path)
    expected = [(s.replace("\r", "\n") if False else s, t) for s, t, _ in rows]
    assert [(u.source.text, u.target.text) for u in again] == expected
    assert [[n.text for n in u.notes] for u in again] == [[n] if n else [] for *_, n in rows]


def _not_xml(c: str) -> bool:
    o = ord(c)
    return not (o in (9, 10, 13) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
                or 0x10000 <= o <= 0x10FFFF)
