"""Streaming ``ahenk check``: units read one at a time report what reading files whole reported.

``check_paths`` streams a TMX unit by unit (:mod:`ahenk.check.stream`); ``check_stores`` over the
same files read whole takes the path ``--changed-since`` needs. Both must give the same
findings in the same order, the same summary and signature, on the corpus, on the planted
tables written as TMX, and on TMX files whose pairing waits for the end of the file (units
without a target, targets without a language, a ``--tgt-lang`` the file lacks), with a unit
held back or the languages read in a second pass. The consistency checks' index gives the same
findings kept in memory and spilled to SQLite (:mod:`ahenk.check.spill`), and leaves no file.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ahenk.check import check_paths, check_stores, spill, stream
from ahenk.check.checks.consistency import InconsistentSource, InconsistentTarget
from ahenk.check.finding import Side
from ahenk.check.runner import read_store
from ahenk.errors import AhenkError
from ahenk.formats import registry
from ahenk.glossary import load_termbase
from ahenk.model.langtag import LanguageTag
from tests.check.tables import Row, rows, store_of

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tmx").glob("*.tmx"))
TERMBASE = ROOT / "glossaries" / "termbase.tsv"
PLANTED = ("en-az", "en-ru", "az-en", "az-ru", "ru-az", "ru-en")
CONSISTENCY = "inconsistent-target,inconsistent-source"


def as_data(report):  # type: ignore[no-untyped-def]
    return ([(f.as_dict(), f.span) for f in report.findings], report.summary, report.signature,
            report.files)


def whole(paths, termbase=None, **options):  # type: ignore[no-untyped-def]
    """The report with every file read whole first (the ``--changed-since`` path)."""
    stores = [read_store(path) for path in paths]
    return check_stores(stores, termbase, **options)


def assert_same(paths, termbase=None, **options):  # type: ignore[no-untyped-def]
    streamed = check_paths(paths, termbase, **options)
    assert as_data(streamed) == as_data(whole(paths, termbase, **options))
    return streamed


@pytest.fixture(scope="module")
def termbase():  # type: ignore[no-untyped-def]
    return load_termbase(TERMBASE)


@pytest.mark.parametrize("tgt_lang", [None, "ru", "tr"])
def test_corpus_streamed_as_read_whole(termbase, tgt_lang):  # type: ignore[no-untyped-def]
    report = assert_same(CORPUS, termbase, tgt_lang=tgt_lang)
    assert report.findings and report.summary["units"] > 600


def test_corpus_with_languages_read_in_a_second_pass(termbase, monkeypatch):  # type: ignore[no-untyped-def]
    # --tgt-lang tr is in no file: every unit waits for the end, so the limit is passed
    monkeypatch.setattr(stream, "DEFER_LIMIT", 5)
    assert_same(CORPUS, termbase, tgt_lang="tr")


def planted_files(folder: Path) -> list[Path]:
    """The planted tables and the consistency cases as TMX files, one per language pair."""
    by_pair: dict[tuple[str, str], list] = defaultdict(list)
    for pair in PLANTED:
        src, tgt = pair.split("-")
        for line, row in rows(f"planted/{pair}.tsv"):
            target = None if row["target"] == "<none>" else row["target"]
            by_pair[src, tgt].append(Row(line, src, row["source"], tgt, target,
                                         unit_id=row["id"]).unit())
    for line, row in rows("consistency_cases.tsv"):
        by_pair[row["src"], row["tgt"]].append(
            Row(line, row["src"], row["source"], row["tgt"], row["target"],
                unit_id=f"{row['group']}-{line}").unit())
    paths = []
    for (src, tgt), units in sorted(by_pair.items()):
        path = folder / f"{src}-{tgt}.tmx"
        registry.write(store_of(units, src, tgt), path)
        paths.append(path)
    return paths


def test_planted_tables_streamed_as_read_whole(tmp_path, termbase):  # type: ignore[no-untyped-def]
    report = assert_same(planted_files(tmp_path), termbase)
    assert {"inconsistent-target", "inconsistent-source", "term-missing"} <= report.ids()


def test_spilled_index_gives_the_same_findings(tmp_path, termbase, monkeypatch):  # type: ignore[no-untyped-def]
    paths = planted_files(tmp_path)
    kept = as_data(check_paths(paths, termbase))
    made: list[str] = []
    real = tempfile.mkdtemp

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(spill.tempfile, "mkdtemp", spy)
    monkeypatch.setattr(spill, "SPILL_ROWS", 3)
    spilled = as_data(check_paths(paths, termbase))
    assert spilled == kept
    assert sum(1 for f, _ in kept[0] if f["check"].startswith("inconsistent-")) > 10
    assert len(made) == 1 and not Path(made[0]).exists()  # spilled once, and cleaned up


EDGE = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu tuid="a"><tuv xml:lang="en"><seg>Annual report of 2020</seg></tuv></tu>
<tu tuid="e"><tuv xml:lang="en"><seg>The report has 3 pages.</seg></tuv>
 <tuv xml:lang="az-!!"><seg>Hesabat 4 səhifədir.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en"><seg>Annual report</seg></tuv>
 <tuv xml:lang="az"><seg>İllik məruzə</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="en"><seg>Annual report</seg></tuv>
 <tuv xml:lang="az"><seg>İllik hesabat</seg></tuv></tu>
{more}
<tu tuid="f"><tuv xml:lang="en"><seg>Sent 9 files</seg></tuv></tu>
<tu tuid="g"><tuv xml:lang="en"><seg>Annual report</seg></tuv>
 <tuv xml:lang="az"><seg>İllik məruzə</seg></tuv></tu>
</body></tmx>
"""
RU = """<tu tuid="r"><tuv xml:lang="en"><seg>Sent 9 files</seg></tuv>
 <tuv xml:lang="ru"><seg>Отправлено 8 файлов</seg></tuv></tu>"""


@pytest.mark.parametrize("limit", [None, 1])
@pytest.mark.parametrize("tgt_lang", [None, "az", "ru"])
@pytest.mark.parametrize("languages", ["az", "az+ru"])
def test_units_that_wait_for_their_file(tmp_path, monkeypatch, limit, tgt_lang, languages):  # type: ignore[no-untyped-def]
    """No target, a target whose language tag does not parse: paired with the file's one
    target language, known only at the end of a TMX (or with --tgt-lang)."""
    path = tmp_path / "edge.tmx"
    path.write_text(EDGE.replace("{more}", RU if languages == "az+ru" else ""),
                    encoding="utf-8")
    if limit is not None:
        monkeypatch.setattr(stream, "DEFER_LIMIT", limit)
    if tgt_lang is None and languages == "az+ru":  # two languages, none given: no target tag
        with pytest.raises(AhenkError, match="target language"):
            check_paths([path])
        return
    report = assert_same([path], tgt_lang=tgt_lang)
    assert {f.unit for f in report if f.check_id == "untranslated"} == {"a", "f"}


@pytest.mark.filterwarnings("ignore::ahenk.formats.tmx.TmxWarning")
@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data" / "tmx").glob("*.tmx")),
                         ids=lambda p: p.name)
def test_every_tmx_test_file(path):  # type: ignore[no-untyped-def]
    try:
        streamed = as_data(check_paths([path], src_lang="en", tgt_lang="az"))
    except AhenkError as exc:
        with pytest.raises(type(exc)) as info:
            whole([path], src_lang="en", tgt_lang="az")
        assert str(info.value) == str(exc)
        return
    assert streamed == as_data(whole([path], src_lang="en", tgt_lang="az"))


def test_position_orders_as_the_files():
    assert stream.position(0, 5, 4095) < stream.position(0, 6, 0) < stream.position(1, 0, 0)
    assert stream.position(2**19 - 1, 2**32 - 1, 2**12 - 1) < 2**63


KEYS = st.sampled_from(["a", "b", "c", "1"])
ROWS = st.lists(st.tuples(st.sampled_from(["en", "az"]), KEYS, KEYS,
                          st.sampled_from([None, 1, 2]), st.booleans()), max_size=40)


@settings(max_examples=60, deadline=None)
@given(ROWS, st.integers(min_value=0, max_value=5))
def test_index_in_memory_and_on_disk_agree(items, spill_rows):  # type: ignore[no-untyped-def]
    """Any rows, in any arrival order: the same findings from a list and from SQLite."""
    def build(limit: int) -> spill.Index:
        index = spill.Index(limit)
        for n, (src, nsrc, ntgt, line, unchanged) in reversed(list(enumerate(items))):
            index.add(spill.Row(n, src, "ru", nsrc, ntgt, nsrc.isalpha(), ntgt.isalpha(),
                                "f.tmx", line, f"u{n}", nsrc.upper(), ntgt.upper(),
                                "ahenk: ignore all" if n % 3 == 0 else "", unchanged))
        return index

    memory, disk = build(10**6), build(spill_rows)
    try:
        assert disk.spilled == (len(items) > spill_rows) and not memory.spilled
        for check in (InconsistentTarget(), InconsistentSource()):
            assert list(check.findings(memory)) == list(check.findings(disk))
        assert [g.counts for g in memory.groups(Side.SOURCE)] == \
            [g.counts for g in disk.groups(Side.SOURCE)]
    finally:
        memory.close()
        disk.close()


TRILINGUAL = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu tuid="1"><tuv xml:lang="en"><seg>The report has 3 pages.</seg></tuv>
 <tuv xml:lang="az"><seg>Hesabat 3 səhifədir.</seg></tuv>
 <tuv xml:lang="ru"><seg>В докладе 4 страницы.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Sent 9 files.</seg></tuv>
 <tuv xml:lang="ru"><seg>Отправлено 9 файлов.</seg></tuv></tu>
<tu tuid="3"><tuv xml:lang="en"><seg>It has 5 parts.</seg></tuv>
 <tuv xml:lang="az"><seg>O, 6 hissədən ibarətdir.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize("limit", [None, 1])
def test_src_lang_turns_a_memory_written_from_another_language(tmp_path, monkeypatch, limit):  # type: ignore[no-untyped-def]
    """``--src-lang az`` on an en-az-ru memory checks its az→ru and az→en pairs: the segment
    in az is the source, the others its targets; a unit with no az segment has no pairs."""
    if limit is not None:
        monkeypatch.setattr(stream, "DEFER_LIMIT", limit)
    path = tmp_path / "en-az-ru.tmx"
    path.write_text(TRILINGUAL, encoding="utf-8")
    pairs = [(unit.id, pair.src, pair.tgt, pair.source_text, pair.target_text)
             for _, unit, found in stream.file_pairs(registry.iter_units(path),
                                                      src_lang=LanguageTag.parse("az"))
             for pair in found]
    assert pairs == [
        ("1", "az", "en", "Hesabat 3 səhifədir.", "The report has 3 pages."),
        ("1", "az", "ru", "Hesabat 3 səhifədir.", "В докладе 4 страницы."),
        ("3", "az", "en", "O, 6 hissədən ibarətdir.", "It has 5 parts."),
    ]
    report = assert_same([path], src_lang="az", tgt_lang="ru", select="number-mismatch")
    assert [(f.unit, f.source, f.target) for f in report.findings] == [
        ("1", "Hesabat 3 səhifədir.", "В докладе 4 страницы.")]
    # the file's own source language, or none given: as written
    for src_lang in ("en", None):
        report = assert_same([path], src_lang=src_lang, select="number-mismatch")
        assert [(f.unit, f.lang) for f in report.findings] == [("1", "ru"), ("3", "az")]


def test_a_spilled_index_dropped_unclosed_leaves_no_folder():
    """An index that moved to disk and was never closed (an error between) removes its folder
    when it is collected."""
    import gc

    index = spill.Index(spill_rows=1)
    for n in range(3):
        index.add(spill.Row(n, "en", "az", f"s{n}", "t", True, True, None, None, None, "s", "t",
                            "", False))
    folder = index._folder
    assert folder is not None and Path(folder).exists()
    del index
    gc.collect()
    assert not Path(folder).exists()
