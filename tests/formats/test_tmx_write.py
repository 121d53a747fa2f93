"""Writing TMX: DTD validity, determinism, profiles, refusals, and other readers."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from lxml import etree

import ahenk
from ahenk.errors import FormatError, UsageError
from ahenk.formats.tmx import TmxWarning, iter_units, read, write, write_units
from ahenk.model import Header, LanguageTag, Note, Segment, Span, SpanKind, Store, Unit
from tests.conftest import shared_file

DATA = Path(__file__).resolve().parent.parent / "data" / "tmx"
EN, AZ, RU = LanguageTag.parse("en"), LanguageTag.parse("az"), LanguageTag.parse("ru")


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    return etree.DTD(str(shared_file("interop", "schemas", "omegat", "tmx14.dtd")))


def assert_valid(dtd: etree.DTD, path: Path) -> None:
    tree = etree.parse(str(path), etree.XMLParser(load_dtd=False, no_network=True))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


def small_store() -> Store:
    store = Store(header=Header(source_lang=EN))
    store.add(
        Unit(
            Segment("Human rights", EN),
            [Segment("İnsan hüquqları", AZ), Segment("Права человека", RU)],
            id="hr",
            notes=[Note("glossary term", lang=EN)],
            props=[("x-domain", "law")],
        )
    )
    return store


VALID_SCENARIOS = ["multilingual_az_ru_en.tmx", "inline_nested.tmx", "all_languages.tmx",
                   "utf16le_bom.tmx"]


@pytest.mark.parametrize("profile", ["generic", "omegat", "trados", "memoq", "phrase"])
@pytest.mark.parametrize("name", VALID_SCENARIOS)
def test_output_is_valid_against_tmx14_dtd(dtd, tmp_path, name, profile):
    out = tmp_path / "out.tmx"
    write(read(DATA / name), out, profile=profile)
    assert_valid(dtd, out)


def test_header_is_full_and_deterministic(tmp_path):
    first, second = tmp_path / "a.tmx", tmp_path / "b.tmx"
    write(small_store(), first)
    write(small_store(), second)
    assert first.read_bytes() == second.read_bytes()
    root = etree.parse(str(first)).getroot()
    header = root.find("header")
    assert header.attrib == {
        "creationtool": "ahenk",
        "creationtoolversion": ahenk.__version__,
        "segtype": "sentence",
        "o-tmf": "ahenk",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
    }
    assert "creationdate" not in header.attrib  # no clock
    assert first.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE")


def test_header_source_language_inferred_when_units_agree(tmp_path):
    store = small_store()
    store.header = Header()
    write(store, tmp_path / "x.tmx")
    assert etree.parse(str(tmp_path / "x.tmx")).getroot().find("header").get("srclang") == "en"


# language forms per profile: a data table a translator can extend
PROFILE_TAGS = [
    ("generic", ["az", "ru", "en"], ["az", "ru", "en"]),
    ("generic", ["AZ-latn-az", "ru_RU", "EN-US"], ["AZ-latn-az", "ru_RU", "EN-US"]),
    ("omegat", ["az-Latn-AZ", "ru-RU", "en"], ["az-AZ", "ru-RU", "en"]),
    ("trados", ["az", "ru", "en"], ["az-Latn-AZ", "ru-RU", "en-US"]),
    ("trados", ["az-Cyrl", "ru-Cyrl-RU", "en-GB"], ["az-Cyrl-AZ", "ru-RU", "en-GB"]),
    ("memoq", ["az-Latn-AZ", "ru", "en-US"], ["az-AZ", "ru", "en-US"]),
    ("phrase", ["az", "ru", "en"], ["az-AZ", "ru-RU", "en-US"]),
]


@pytest.mark.parametrize("profile, given, expected", PROFILE_TAGS)
def test_profile_language_tags(tmp_path, profile, given, expected):
    az, ru, en = (LanguageTag.parse(t) for t in given)
    store = Store(header=Header(source_lang=en))
    store.add(Unit(Segment("Human rights", en), [Segment("İnsan hüquqları", az),
                                                 Segment("Права человека", ru)]))
    out = tmp_path / "p.tmx"
    write(store, out, profile=profile)
    root = etree.parse(str(out)).getroot()
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in root.iter("tuv")]
    assert langs == [expected[2], expected[0], expected[1]]
    assert root.find("header").get("srclang") == expected[2]
    again = read(out).units[0]
    assert again.source.text == "Human rights"
    assert [t.lang.language for t in again.targets] == ["az", "ru"]


@pytest.mark.parametrize(
    "profile, adminlang, datatype, doctype",
    [("omegat", "EN-US", "plaintext", True), ("trados", "en-US", "xml", False),
     ("memoq", "en-us", "unknown", True), ("phrase", "en-US", "PlainText", False)],
)
def test_profile_header_defaults(tmp_path, profile, adminlang, datatype, doctype):
    out = tmp_path / "h.tmx"
    write(small_store(), out, profile=profile)
    header = etree.parse(str(out)).getroot().find("header")
    assert (header.get("adminlang"), header.get("datatype")) == (adminlang, datatype)
    assert (b"<!DOCTYPE" in out.read_bytes()) is doctype


def test_unknown_profile_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="unknown TMX profile"):
        write(small_store(), tmp_path / "x.tmx", profile="wordfast")


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_xml_hostile_characters_are_reported_not_dropped(tmp_path, char):
    store = small_store()
    store.units[0].targets[1].text = f"Права{char}человека"
    out = tmp_path / "x.tmx"
    out.write_bytes(b"previous content")
    with pytest.raises(FormatError) as info:
        write(store, out)
    assert "unit tuid 'hr'" in info.value.message
    assert f"U+{ord(char):04X}" in info.value.message
    assert info.value.path == str(out)
    assert out.read_bytes() == b"previous content"  # atomic: the old file survives
    assert list(tmp_path.iterdir()) == [out]  # and no temporary file is left behind


@pytest.mark.parametrize(
    "where",
    ["prop", "note", "code", "attr"],
)
def test_hostile_characters_anywhere_name_the_unit_by_index(tmp_path, where):
    unit = Unit(Segment("a", EN), [Segment("b", RU)])
    if where == "prop":
        unit.props.append(("x", "\x02"))
    elif where == "note":
        unit.notes.append(Note("\x02"))
    elif where == "code":
        unit.source.spans = (Span(SpanKind.PLACEHOLDER, 1, 1, "\x02"),)
    else:
        unit.attrs["creationid"] = "\x02"
    with pytest.raises(FormatError, match=r"unit #1: .*U\+0002"):
        write(Store([unit], Header(source_lang=EN)), tmp_path / "x.tmx")


@pytest.mark.parametrize(
    "spans, fragment",
    [
        ((Span(SpanKind.BEGIN, 0, 0, "<b>"),), "needs attribute 'i'"),
        ((Span(SpanKind.HIGHLIGHT, 0, 3), Span(SpanKind.HIGHLIGHT, 2, 5)), "overlaps"),
        ((Span(SpanKind.PLACEHOLDER, 1, 3, "<x>"),), "must be in a <sub>"),
        ((Span(SpanKind.SUB, 0, 2),), "<sub> must be inside a code"),
    ],
)
def test_inline_spans_that_tmx_cannot_hold_are_refused(tmp_path, spans, fragment):
    unit = Unit(Segment("hello", EN, spans=spans), [Segment("salam", AZ)])
    with pytest.raises(FormatError, match=fragment):
        write(Store([unit], Header(source_lang=EN)), tmp_path / "x.tmx")


def test_variant_without_language_is_refused(tmp_path):
    unit = Unit(Segment("hello", EN), [Segment("salam")])
    with pytest.raises(FormatError, match="has no language"):
        write(Store([unit], Header(source_lang=EN)), tmp_path / "x.tmx")


# ------------------------------------------------------------------ non-standard attributes


def test_nonstandard_attributes_survive_as_props_and_stay_valid(dtd, tmp_path):
    out = tmp_path / "o.tmx"
    write(read(DATA / "all_languages.tmx"), out)
    assert_valid(dtd, out)
    assert b'<prop type="x-ahenk-attr:gender">F</prop>' in out.read_bytes()
    unit = read(out).units[0]
    assert unit.extra["tmx.attrs"] == {"id": "7"}
    assert unit.source.extra["tmx.attrs"] == {"gender": "F", "year": "2014"}
    assert unit.props == [("Txt::Note", "EN_1-RU_1")]


def test_nonstandard_attributes_written_back_or_dropped(tmp_path):
    store = read(DATA / "all_languages.tmx")
    write(store, tmp_path / "a.tmx", extra_attrs="attributes")
    assert b'<tuv xml:lang="RU" gender="F" year="2014">' in (tmp_path / "a.tmx").read_bytes()
    write(store, tmp_path / "d.tmx", extra_attrs="drop")
    assert b"gender" not in (tmp_path / "d.tmx").read_bytes()


def test_attribute_with_no_place_is_dropped_with_one_warning(tmp_path):
    store = small_store()
    store.units[0].extra["tmx.prop_attrs"] = [("x-domain", "law", (("type2", "odd"),))]
    with pytest.warns(TmxWarning, match=r"prop@type2 \(1\)"):
        write(store, tmp_path / "x.tmx")


# ------------------------------------------------------------------ other readers, streaming


def test_translate_toolkit_reads_what_ahenk_writes(tmp_path):
    from translate.storage.tmx import tmxfile

    store = read(DATA / "multilingual_az_ru_en.tmx")
    out = tmp_path / "t.tmx"
    write(store, out)
    with open(out, "rb") as handle:
        theirs = tmxfile(handle)
    assert len(theirs.units) == len(store.units)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for mine, their in zip(store.units, theirs.units, strict=True):
        assert their.source == mine.source.text
        nodes = their.getlanguageNodes()
        ours = {(s.lang.written(), s.text) for s in mine.segments()}
        assert {(n.get(xml_lang), their.getNodeText(n)) for n in nodes} == ours
        assert their.getid() == (mine.id or mine.source.text)
    assert theirs.units[0].getnotes() == "Checked against the published PDF.\nYoxlanılıb"


def test_stream_to_stream_conversion(tmp_path):
    stream = iter_units(DATA / "multilingual_az_ru_en.tmx")
    count = write_units(stream, tmp_path / "copy.tmx", stream.header, profile="trados")
    assert count == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [u.id for u in read(tmp_path / "copy.tmx").units] == ["t1", None]


def test_handler_declares_its_options():
    from ahenk.formats import get

    handler = get("tmx")
    assert handler.read_options == {"strict", "problems"}
    assert handler.write_options == {"profile", "doctype", "extra_attrs"}
