"""Plain text: one unit per non-blank line, locations, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ahenk.errors import FormatError
from ahenk.formats import Kind, detect, get
from ahenk.model import LanguageTag, Segment, Store, Unit

DATA = Path(__file__).resolve().parent.parent / "data" / "text"


def test_lines_become_units_with_locations():
    store = get("text").read(DATA / "lines.txt", src_lang="az")
    assert [u.source.text for u in store] == ["First line.", "  Indented second.",
                                              "Third (after CR)."]
    assert [u.id for u in store] == ["1", "2", "3"]
    assert [(u.location.line, u.location.column) for u in store] == [(1, 1), (4, 1), (5, 1)]
    assert store.header.source_lang == LanguageTag.parse("az")
    assert store.units[0].source.lang == LanguageTag.parse("az")


def test_kind_filtering_against_the_omegat_glossary():
    assert get("text").kind is Kind.MONOLINGUAL
    assert detect(DATA / "lines.txt", kinds=(Kind.MONOLINGUAL,)).name == "text"
    assert detect(DATA / "lines.txt", kinds=(Kind.TERMBASE,)).name == "omegat-glossary"


def test_round_trip(tmp_path):
    store = get("text").read(DATA / "lines.txt")
    get("text").write(store, tmp_path / "out.txt")
    assert (tmp_path / "out.txt").read_bytes() == \
        b"First line.\n  Indented second.\nThird (after CR).\n"
    assert [u.source.text for u in get("text").read(tmp_path / "out.txt")] == \
        [u.source.text for u in store]


@pytest.mark.parametrize("text", ["two\nlines", "cr\rinside", "   ", ""])
def test_unwritable_sources_are_refused(text, tmp_path):
    with pytest.raises(FormatError, match="unit 'x'"):
        get("text").write(Store(units=[Unit(Segment(text), id="x")]), tmp_path / "o.txt")
    assert not (tmp_path / "o.txt").exists()


@settings(max_examples=80, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(min_size=1), min_size=1, max_size=5))
def test_hypothesis_round_trip(lines, tmp_path):
    store = Store(units=[Unit(Segment(t), id=str(i + 1)) for i, t in enumerate(lines)])
    path = tmp_path / "h.txt"
    path.unlink(missing_ok=True)
    bad = any("\r" in t or "\n" in t or not t.strip()
              or any("\ud800" <= c <= "\udfff" for c in t) for t in lines)
    if bad:
        with pytest.raises(FormatError, match="unit '\\d+'"):
            get("text").write(store, path)
        return
    get("text").write(store, path)
    assert [u.source.text for u in get("text").read(path)] == lines
