"""The main job end to end: memories and exports built from the corpus are reproducible, valid,
and the ones committed in tmx/ and glossaries/export/ are current."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ahenk.build import build, header_date, tmx_date
from ahenk.corpus import load_corpus
from ahenk.formats import registry

ROOT = Path(__file__).resolve().parent.parent
DTD = ROOT.parent / "shared" / "interop" / "schemas" / "omegat" / "tmx14.dtd"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = build(ROOT / "corpus", ROOT / "glossaries" / "termbase.tsv", out / "tmx",
                   out / "export", check=True)
    return out, result


def test_build_writes_every_memory_and_export(built):
    out, result = built
    names = sorted(str(p.relative_to(out)) for p, _ in result.written)
    assert names == sorted(["tmx/en-az.tmx", "tmx/en-ru.tmx", "tmx/en-az-ru.tmx",
                            "export/termbase.tbx", "export/termbase.tbx3.tbx",
                            "export/termbase.csv", "export/omegat/en-az.utf8",
                            "export/omegat/en-ru.utf8"])
    counts = dict((p.name, n) for p, n in result.written)
    assert counts["en-az.tmx"] >= 200 and counts["en-ru.tmx"] >= 200
    assert counts["en-az-ru.tmx"] >= 190


def test_units_carry_document_confidence_and_dates(built):
    out, _ = built
    store = registry.read(out / "tmx" / "en-ru.tmx")
    assert store.header.source_lang.language == "en"
    assert [t.language for t in store.header.target_langs] == ["ru"]
    signatures = dict(store.header.props)
    assert signatures["x-align-signature"].startswith("ahenk")
    assert "ahenk.srx" in signatures["x-segment-signature"]
    docs = {d.id: d for d in load_corpus(ROOT / "corpus").documents}
    for unit in store:
        doc = unit.prop("x-document")
        assert doc in docs and unit.id.startswith(doc + ":")
        assert 0.0 <= float(unit.prop("x-align-confidence")) <= 1.0
        assert unit.attrs["creationdate"] == tmx_date(docs[doc].date)
        assert unit.source.text.strip() and unit.target.text.strip()


def test_multilingual_units_have_every_language(built):
    out, _ = built
    store = registry.read(out / "tmx" / "en-az-ru.tmx")
    for unit in store:
        assert sorted(t.lang.language for t in unit.targets) == ["az", "ru"]


def test_translate_toolkit_reads_the_memories(built):
    from translate.storage.tmx import tmxfile

    out, _ = built
    for name in ("en-az.tmx", "en-ru.tmx"):
        ours = registry.read(out / "tmx" / name)
        with open(out / "tmx" / name, "rb") as handle:
            theirs = tmxfile(handle.read())
        assert [u.source for u in theirs.units] == [u.source.text for u in ours]


@pytest.mark.skipif(not DTD.is_file(), reason=f"TMX DTD not available: {DTD}")
def test_memories_are_dtd_valid(built):
    from lxml import etree

    out, _ = built
    dtd = etree.DTD(str(DTD))
    for name in ("en-az.tmx", "en-ru.tmx", "en-az-ru.tmx"):
        tree = etree.parse(str(out / "tmx" / name), etree.XMLParser(load_dtd=False,
                                                                    no_network=True))
        assert dtd.validate(tree), (name, dtd.error_log.filter_from_errors()[:3])


def test_committed_outputs_are_current(built):
    """tmx/ and glossaries/export/ are committed; rebuilding must reproduce them byte for byte."""
    out, _ = built
    pairs = [(out / "tmx", ROOT / "tmx"), (out / "export", ROOT / "glossaries" / "export")]
    stale = []
    for fresh_dir, committed_dir in pairs:
        for fresh in sorted(p for p in fresh_dir.rglob("*") if p.is_file()):
            committed = committed_dir / fresh.relative_to(fresh_dir)
            if not committed.is_file() or committed.read_bytes() != fresh.read_bytes():
                stale.append(str(committed.relative_to(ROOT)))
    assert not stale, f"stale build outputs {stale}: run `make run` (ahenk build) and commit"


def test_dates_come_from_the_manifest_or_source_date_epoch(monkeypatch):
    corpus = load_corpus(ROOT / "corpus")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert header_date(corpus) == "20250501T000000Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert header_date(corpus) == "20231114T221320Z"
    assert tmx_date("2025-01") == "20250101T000000Z"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_checks_on_the_built_memories_find_only_the_sources_real_errors(built):
    """Every finding on the built memories is real: the English originals' own errors (the
    wrong abbreviation MPM, misspelt names, a wrong title), reported once per memory; the
    Azerbaijani and Russian translations are clean."""
    _, result = built
    findings = result.report.findings
    assert findings, "the English originals' known errors must be found"
    assert {f.check_id for f in findings} == {"term-forbidden"}
    assert {getattr(f.side, "value", f.side) for f in findings} == {"source"}
    assert {f.found for f in findings} == {
        "MPM", "Ihlam Aliyev", "Agnes Callamard", "High Commissioner for Human Rights",
        "Ombudsman Institute", "Novela Jafarova"}
