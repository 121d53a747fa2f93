"""Reading TMX: the model mapping, inline spans, lenient/strict problems, hardening."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from ahenk.errors import EncodingError, ParseError, SchemaError
from ahenk.formats import Kind, detect, get
from ahenk.formats.tmx import TmxWarning, iter_units, native_code, read, read_header
from ahenk.model import LanguageTag, SpanKind

DATA = Path(__file__).resolve().parent.parent / "data" / "tmx"


def data(name: str) -> Path:
    return DATA / name


def test_registered_once_as_multilingual():
    handler = get("tmx")
    assert handler.kind is Kind.MULTILINGUAL
    assert handler.extensions == ("tmx",)
    assert detect(data("multilingual_az_ru_en.tmx")) is handler


@pytest.mark.parametrize(
    "head, expected",
    [
        (b'<?xml version="1.0"?>\n<tmx version="1.4">', True),
        (b"\xff\xfe" + '<?xml version="1.0"?><tmx version="1.4">'.encode("utf-16-le"), True),
        (b"\xfe\xff" + "<tmx>".encode("utf-16-be"), True),
        (b'<?xml version="1.0"?><xliff version="1.2">', False),
    ],
)
def test_sniff(head, expected):
    assert get("tmx").sniff(head) is expected


def test_header_fields():
    header = read_header(data("multilingual_az_ru_en.tmx"))
    assert header.source_lang == LanguageTag.parse("en-US")
    assert header.source_lang.written() == "en-US"
    assert (header.tool, header.tool_version) == ("Hand", "1")
    assert header.attrs == {
        "segtype": "sentence",
        "o-tmf": "hand",
        "adminlang": "en",
        "datatype": "plaintext",
        "creationdate": "20250101T120000Z",
    }
    assert header.props == [("x-project", "ombudsman")]
    assert [n.text for n in header.notes] == ["Ombudsman corpus, aligned by hand."]
    assert header.extra["tmx.version"] == "1.4"


def test_units_variants_props_notes_and_attrs():
    store = read(data("multilingual_az_ru_en.tmx"))
    assert store.format == "tmx"
    assert [t.tag for t in store.header.target_langs] == ["az-Latn-AZ", "ru-RU", "az-AZ"]
    first, second = store.units
    assert first.id == "t1"
    assert first.attrs == {
        "tuid": "t1",
        "creationdate": "20250102T090000Z",
        "creationid": "leyla",
        "usagecount": "3",
    }
    assert first.source.text == "The Ombudsman's İlkin report"
    assert [t.lang.written() for t in first.targets] == ["az-Latn-AZ", "ru-RU", "ru-RU"]
    assert first.target_for("az").text == "Ombudsmanın ilkin məruzəsi — İlkin"
    assert first.props == [("x-domain", "human rights"), ("x-domain", "law")]
    assert first.extra["tmx.prop_attrs"] == [
        ("x-domain", "human rights", (("xml:lang", "en"), ("o-encoding", "utf-8")))
    ]
    assert [n.text for n in first.notes] == ["Checked against the published PDF."]
    az = first.targets[0]
    assert az.attrs == {"changedate": "20250103T100000Z", "changeid": "leyla"}
    assert az.props == [("x-status", "final")]
    assert az.notes[0].lang == LanguageTag.parse("az")
    # two Russian variants are both kept, in order; the non-standard attribute goes to extra
    assert first.targets[2].extra["tmx.attrs"] == {"genre": "Essay"}
    assert first.location.line == 9
    # source found by language although it is not the first variant, and that is remembered
    assert second.source.text == "Human rights"
    assert second.extra["tmx.source_index"] == 1


def test_inline_pair_and_placeholder():
    unit = read(data("inline_nested.tmx")).units[0]
    src = unit.source
    assert src.text == "A bold word"
    assert [(s.kind, s.start, s.end, s.code) for s in src.spans] == [
        (SpanKind.BEGIN, 2, 2, "<b>"),
        (SpanKind.END, 6, 6, "</b>"),
        (SpanKind.PLACEHOLDER, 11, 11, "<br/>"),
    ]
    assert src.spans[0].attrs == (("i", "1"), ("x", "1"), ("type", "bold"))
    assert "tmx.parents" not in src.extra  # inference suffices


def test_inline_nested_hi_keeps_parents_where_ambiguous():
    src = read(data("inline_nested.tmx")).units[1].source
    assert src.text == "Some nested deep text end"
    kinds = [(s.kind.value, s.start, s.end) for s in src.spans]
    assert kinds == [
        ("hi", 5, 21),
        ("hi", 12, 16),
        ("ph", 21, 21),
        ("ph", 21, 21),
        ("hi", 25, 25),
        ("it", 25, 25),
    ]
    # {0} sits inside the outer <hi> at its very end, {1} after it: only the stored
    # parents tell them apart
    assert src.extra["tmx.parents"] == (-1, 0, 0, -1, -1, -1)


def test_sub_flows_are_text_and_native_code_reassembles():
    src = read(data("inline_nested.tmx")).units[2].source
    assert src.text == "Click Start here!Go now."
    ph, sub1, hi, sub2, ut = src.spans
    assert (ph.kind, ph.start, ph.end, ph.code) == (SpanKind.PLACEHOLDER, 6, 19, '<img alt="')
    assert (sub1.kind, sub1.code, sub1.attrs) == (SpanKind.SUB, '" title="', (("type", "alt"),))
    assert src.text[hi.start:hi.end] == "here"
    assert (sub2.start, sub2.end, sub2.code) == (17, 19, '">')
    assert native_code(src, 0) == '<img alt="Start here!" title="Go">'
    assert ut.kind is SpanKind.UNKNOWN and ut.code == "{\\f1}"


def test_whitespace_is_content():
    unit = read(data("inline_nested.tmx")).units[3]
    assert unit.source.text == "  leading, inner  \ttab, trailing  "
    assert unit.targets[0].text == "\n line one\nline two "


def test_tmx11_lang_attribute_and_sub_in_seg():
    store = read(data("tmx11_lang.tmx"))
    assert store.header.extra["tmx.version"] == "1.1"
    unit = store.units[0]
    assert unit.source.lang.written() == "EN"
    assert unit.source.text == "Translation old-style sub"
    assert unit.source.spans[0].kind is SpanKind.SUB
    assert unit.targets[0].text == "Перевод"


def test_all_languages_first_variant_is_source_and_raw_tags_survive():
    store = read(data("all_languages.tmx"))
    assert store.header.source_lang is None
    assert store.header.attrs["srclang"] == "*all*"
    unit = store.units[0]
    assert unit.source.text == "Конечно"
    assert unit.extra["tmx.attrs"] == {"id": "7"}
    assert unit.source.extra["tmx.attrs"] == {"gender": "F", "year": "2014"}
    odd = unit.targets[1]
    assert odd.lang is None and odd.extra["tmx.lang"] == "xx-private-nonsense"


def test_utf16le_with_bom():
    store = read(data("utf16le_bom.tmx"))
    unit = store.units[0]
    assert unit.source.text == "Press OK"
    assert unit.source.spans[0].code == "{\\b "
    assert unit.targets[0].lang.tag == "az-Latn-AZ"
    assert unit.targets[0].text == "OK düyməsini basın"


def test_stream_gives_header_first_then_units():
    stream = iter_units(data("multilingual_az_ru_en.tmx"))
    assert stream.header.tool == "Hand"
    ids = [u.id for u in stream]
    assert ids == ["t1", None]


# ------------------------------------------------------------------ problems


BROKEN = [
    (10, "tmx-no-variant"),
    (14, "tmx-no-language"),
    (17, "tmx-bad-structure"),
    (20, "tmx-bad-inline"),
    (23, "tmx-entity"),
    (25, "tmx-no-source-variant"),
]


def test_lenient_skips_broken_units_with_located_warnings():
    path = data("broken_units.tmx")
    with pytest.warns(TmxWarning) as record:
        store = read(path)
    assert [u.id for u in store.units] == ["good-1", "no-source", "good-2"]
    problems = [w.message.problem for w in record]
    assert [(p.location.line, p.code) for p in problems] == BROKEN
    assert all(p.location.path == str(path) for p in problems)
    assert str(record[0].message).startswith(f"{path}:10: warning:")
    kept = store.units[1]
    assert kept.extra["tmx.no_source"] is True
    assert kept.source.text == "" and kept.source.lang == LanguageTag.parse("en")


def test_problems_callback_instead_of_warnings():
    seen = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store = read(data("broken_units.tmx"), problems=seen.append)
    assert len(store) == 3
    assert [(p.location.line, p.code) for p in seen] == BROKEN


def test_strict_raises_at_first_broken_unit():
    with pytest.raises(SchemaError) as info:
        read(data("broken_units.tmx"), strict=True)
    assert info.value.line == 10
    assert info.value.path == str(data("broken_units.tmx"))
    assert "no <tuv>" in info.value.message


def test_malformed_xml_is_located():
    with pytest.raises(ParseError) as info:
        read(data("malformed_mismatch.tmx"))
    error = info.value
    assert (error.line, error.column) == (9, 43)
    assert "tag mismatch" in error.message
    assert str(error).startswith(f"{data('malformed_mismatch.tmx')}:9:43: ")


def test_bad_bytes_are_an_encoding_error():
    with pytest.raises(EncodingError) as info:
        read(data("bad_encoding.tmx"))
    assert info.value.line == 4


@pytest.mark.parametrize(
    "name, fragment", [("not_tmx_root.tmx", "not <tmx>"), ("no_header.tmx", "before <header>")]
)
def test_structure_errors(name, fragment):
    with pytest.raises(SchemaError) as info:
        read(data(name))
    assert fragment in info.value.message


def test_entities_never_expanded_nor_fetched():
    with pytest.warns(TmxWarning) as record:
        store = read(data("entity_expansion.tmx"))
    assert [u.source.text for u in store.units] == ["& A plain"]
    assert [w.message.problem.code for w in record] == ["tmx-entity", "tmx-entity"]


def test_missing_file_is_a_format_error(tmp_path):
    from ahenk.errors import FormatError

    with pytest.raises(FormatError, match="no such file"):
        read(tmp_path / "absent.tmx")
