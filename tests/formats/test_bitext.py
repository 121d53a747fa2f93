"""TSV/CSV bitexts: headers, headerless, encodings, sniffing against termbases, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ahenk.errors import FormatError, ParseError
from ahenk.formats import Kind, detect, get
from ahenk.model import LanguageTag, Note, Segment, Store, Unit

DATA = Path(__file__).resolve().parent.parent / "data"


def test_language_header_with_note_and_quoting():
    store = get("tsv").read(DATA / "tsv" / "lang_header.tsv")
    assert store.header.source_lang == LanguageTag.parse("en")
    assert store.header.target_lang == LanguageTag.parse("az")
    first, second = store.units
    assert (first.id, first.source.text, first.target.text) == ("1", "File", "Fayl")
    assert [n.text for n in first.notes] == ["menu"]
    assert (second.source.text, second.target.text) == ("Two\nlines", "İki\tsətir")
    assert second.location.line == 3 and second.notes == []


def test_source_target_header_with_id_and_language_options():
    store = get("tsv").read(DATA / "tsv" / "source_target.tsv", src_lang="en", tgt_lang="az")
    (unit,) = store.units
    assert unit.id == "m1" and unit.target.lang == LanguageTag.parse("az")


def test_headerless_needs_languages():
    with pytest.raises(ParseError, match="src_lang and tgt_lang") as info:
        get("tsv").read(DATA / "tsv" / "headerless.tsv")
    assert info.value.line == 1
    store = get("tsv").read(DATA / "tsv" / "headerless.tsv", src_lang="en", tgt_lang="az")
    assert [(u.source.text, u.target.text) for u in store] == [("Open", "Aç"),
                                                               ("Close", "Bağla")]


@pytest.mark.parametrize("name, line", [("field_count.tsv", 2), ("three_languages.tsv", 1)])
def test_broken_tables_are_located(name, line):
    with pytest.raises(ParseError) as info:
        get("tsv").read(DATA / "tsv" / name)
    assert info.value.line == line


def test_csv_utf16_semicolon_and_quotes():
    store = get("csv").read(DATA / "csv" / "semicolon_utf16.csv")
    (unit,) = store.units
    assert (unit.source.text, unit.target.text) == ("Hello; world", "Привет; мир")
    assert store.header.target_lang.language == "ru"
    quoted = get("csv").read(DATA / "csv" / "quoted.csv")
    assert quoted.units[0].source.text == 'Say "hi"'


@pytest.mark.parametrize("head, bitext, termbase", [
    (b"en\taz\n", True, False), (b"source\ttarget\tnote\n", True, False),
    (b"id\ten-US\taz-AZ\n", True, False), (b"lang\tterm\tnote\n", False, True),
    (b"en\taz\tru\n", False, False), (b"subject\ten\taz\n", False, False),
    (b"\xef\xbb\xbfen\taz\n", True, False)])
def test_sniff_tells_bitext_from_termbase(head, bitext, termbase):
    assert get("tsv").sniff(head) is bitext
    assert get("termbase-tsv").sniff(head) is termbase


def test_detection_by_kind_and_content():
    assert detect(DATA / "tsv" / "lang_header.tsv").name == "tsv"
    assert detect(DATA / "csv" / "termbase_long.csv").name == "termbase-csv"
    assert detect(DATA / "tsv" / "lang_header.tsv", kinds=(Kind.TERMBASE,)).name == \
        "termbase-tsv"
    assert detect(DATA / "csv" / "quoted.csv", kinds=(Kind.BILINGUAL,)).name == "csv"


@pytest.mark.parametrize("name", ["tsv", "csv"])
def test_round_trip(name, tmp_path):
    store = get("tsv").read(DATA / "tsv" / "lang_header.tsv")
    out = tmp_path / f"out.{name}"
    get(name).write(store, out)
    again = get(name).read(out)
    assert _view(again) == _view(store)
    assert out.read_bytes().startswith(b"en")


def _view(store):
    return [(u.id, u.source.text, u.target.text, "\n".join(n.text for n in u.notes))
            for u in store]


@pytest.mark.parametrize("name", ["tsv", "csv"])
@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.text(), st.text(), st.none() | st.text(min_size=1)),
                     min_size=1, max_size=4),
       ids=st.booleans())
def test_hypothesis_round_trip(name, rows, ids, tmp_path):
    en, az = LanguageTag.parse("en"), LanguageTag.parse("az")
    units = [Unit(Segment(s, en), [Segment(t, az)], id=f"k{i}" if ids else str(i + 1),
                  notes=[Note(n)] if n else []) for i, (s, t, n) in enumerate(rows)]
    store = Store(units=units)
    store.header.source_lang, store.header.target_langs = en, [az]
    path = tmp_path / f"h.{name}"
    path.unlink(missing_ok=True)
    cells = [c for s, t, n in rows for c in (s, t, n or "")]
    if any("\ud800" <= c <= "\udfff" for cell in cells for c in cell) or any(
            not (s or t or n or ids) for s, t, n in rows):
        with pytest.raises(FormatError, match="unit"):
            get(name).write(store, path)
        return
    get(name).write(store, path)
    assert _view(get(name).read(path)) == _view(store)
