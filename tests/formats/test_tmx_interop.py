"""Every TMX under ../shared/interop: read, write, read again, nothing lost.

The files come from OmegaT 2.1 – 6.1, Translate Toolkit, Okapi, the LISA compliance kit,
Trados Workbench (UTF-16LE), AlignFactory and Olifant. Three are invalid on purpose and are
still read, as the tools that ship them expect:

* ``omegat/tmx/invalid.tmx`` — well-formed, but ``<ept>`` before ``<bpt>`` and a repeated
  ``i``: the reader keeps the codes as they are (pairing is a check's business, not the
  reader's); OmegaT's own test only requires that reading does not fail.
* ``omegat/tmx/test-omegat-invalid.tmx`` — ``lang`` and ``xml:lang`` mixed, two variants in
  the source language: the first exact match is the source, the other a target.
* ``omegat/tmx/test-missingSource.tmx`` — a ``<tu>`` with no variant in the source language:
  kept with an empty source and one located ``tmx-no-source-variant`` warning.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from lxml import etree

from ahenk.formats.tmx import TmxWarning, read, write
from ahenk.model import Store
from tests.conftest import SHARED

INTEROP = SHARED / "interop"


def _files() -> list[Path]:
    if not INTEROP.is_dir():
        return []
    found = [
        p
        for p in INTEROP.rglob("*")
        if p.is_file() and (p.suffix.lower() == ".tmx" or p.name.endswith(".tmx.gold")
                            or p.name == "sampleTMX2.txt")
    ]
    return sorted(found)


FILES = _files()
EXPECTED_WARNINGS = {"omegat/tmx/test-missingSource.tmx": ["tmx-no-source-variant"]}


def view(store: Store) -> list:
    """Everything the model carries, as plain comparable data."""

    def notes(items):
        return [(n.text, n.lang.written() if n.lang else None) for n in items]

    def segment(s):
        return (
            s.lang.written() if s.lang else None, s.text,
            [(sp.kind.value, sp.start, sp.end, sp.code, sp.attrs) for sp in s.spans],
            s.props, notes(s.notes), s.attrs, s.extra,
        )

    return [
        (u.id, u.attrs, u.props, notes(u.notes), u.extra, [segment(s) for s in u.segments()])
        for u in store.units
    ]


REQUIRED_HEADER = {"segtype", "o-tmf", "adminlang", "datatype"}  # the writer fills these in


def header_view(store: Store, filled: dict | None = None) -> tuple:
    h = store.header
    attrs = {k: v for k, v in h.attrs.items() if filled is None or k in filled
             or k not in REQUIRED_HEADER}
    extra = {k: v for k, v in h.extra.items() if k != "tmx.version"}
    # the only attribute TMX has no place for: Trados Workbench's <prop type2=…>
    records = [
        (kind, value, tuple((k, v) for k, v in attrs if k != "type2"))
        for kind, value, attrs in extra.pop("tmx.prop_attrs", ())
    ]
    extra["tmx.prop_attrs"] = [r for r in records if r[2]]
    return (h.source_lang, h.target_langs, h.props, [(n.text, n.lang) for n in h.notes],
            attrs, extra)


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    path = INTEROP.parent / "interop" / "schemas" / "omegat" / "tmx14.dtd"
    if not path.exists():
        pytest.skip("tmx14.dtd not available")
    return etree.DTD(str(path))


@pytest.mark.shared
@pytest.mark.skipif(not FILES, reason=f"reference files not available under {INTEROP}")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(INTEROP)))
def test_read_write_read_keeps_everything(path, tmp_path, dtd):
    name = str(path.relative_to(INTEROP))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = read(path)
    codes = [w.message.problem.code for w in caught if isinstance(w.message, TmxWarning)]
    assert codes == EXPECTED_WARNINGS.get(name, [])
    out = tmp_path / "again.tmx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TmxWarning)  # Trados prop@type2 is reported as dropped
        write(first, out)
        second = read(out)
    assert view(second) == view(first)
    assert header_view(second, first.header.attrs) == header_view(first)
    tree = etree.parse(str(out), etree.XMLParser(load_dtd=False, no_network=True))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


@pytest.mark.shared
def test_interop_set_is_complete():
    if not FILES:
        pytest.skip("reference files not available")
    names = {str(p.relative_to(INTEROP)) for p in FILES}
    assert len(FILES) >= 90
    for expected in (
        "okapi/filters_tmx/html_test.tmx",  # Trados Workbench, UTF-16LE
        "okapi/steps_segmentation/issue277.tmx",  # AlignFactory
        "omegat/tmx/en-US_en-GB_fr_sr.tmx",  # Translate Toolkit, multilingual
        "rus-ltc_olifant/new_rltc2demultiplicate.tmx",  # Olifant, srclang="all"
    ):
        assert expected in names


@pytest.mark.shared
def test_trados_workbench_utf16le():
    path = INTEROP / "okapi" / "filters_tmx" / "html_test.tmx"
    if not path.exists():
        pytest.skip("reference file not available")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    store = read(path)
    assert store.header.tool == "TRADOS Translator's Workbench for Windows"
    assert len(store) == 11
    assert store.header.props[0][0] == ""  # <prop type2=…> has no type; kept, not lost
    assert store.header.extra["tmx.prop_attrs"][0][2] == (("type2", "RTFFontTable"),)
    assert store.units[2].source.spans[0].code == "<b>"


@pytest.mark.shared
def test_olifant_many_russian_variants():
    path = INTEROP / "rus-ltc_olifant" / "new_rltc2demultiplicate.tmx"
    if not path.exists():
        pytest.skip("reference file not available")
    store = read(path)
    assert store.header.source_lang is None and store.header.attrs["srclang"] == "all"
    unit = store.units[0]
    assert unit.source.lang.written() == "EN"
    assert len(unit.targets) == 7
    assert {t.lang.tag for t in unit.targets} == {"ru"}
    assert unit.targets[0].extra["tmx.attrs"]["filesource"] == "RU_1_203_1.head.txt"
    assert unit.extra["tmx.attrs"] == {"id": "19375"}
