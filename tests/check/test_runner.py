"""check_paths / check_store: files through the format registry, languages, select/ignore."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ahenk.check import Finding, Report, Side, all_checks, check_paths, check_store, found, get
from ahenk.check.base import Check, CheckContext, Pair, Scope
from ahenk.check.found import StoredFindings
from ahenk.check.registry import register, selected
from ahenk.check.signature import signature, termbase_hash
from ahenk.diagnostics import Severity
from ahenk.errors import UsageError
from ahenk.model import LanguageTag, Segment, Store, Unit
from ahenk.report import names, render
from tests.check.tables import TERMBASE, termbase

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries" / "termbase.tsv"


def by_unit(report: Report) -> dict[tuple[str | None, str | None], set[str]]:
    out: dict[tuple[str | None, str | None], set[str]] = {}
    for finding in report:
        out.setdefault((finding.unit, finding.lang), set()).add(finding.check_id)
    return out


def test_tmx_every_target_language():
    report = check_paths([DATA / "en-az-ru.tmx"], TERMBASE)
    assert by_unit(report) == {
        ("displaced", "ru"): {"number-mismatch"},
        ("visit", "az"): {"term-missing", "term-variant"},
        ("tag", "az"): {"inline-code-mismatch"},
    }
    finding = next(f for f in report if f.check_id == "term-variant")
    assert (finding.found, finding.expected, finding.line) == ("Susaya", "Şuşaya", 10)
    assert finding.file.endswith("en-az-ru.tmx")
    assert finding.target[slice(*finding.span)] == "Susaya"


def test_tgt_lang_picks_one_language_of_a_tmx():
    report = check_paths([DATA / "en-az-ru.tmx"], TERMBASE, tgt_lang="ru")
    assert by_unit(report) == {("displaced", "ru"): {"number-mismatch"}}
    assert report.summary["units"] == 3


def test_po_unit_keys_and_lines():
    report = check_paths([DATA / "en-az.po"])
    assert {(f.unit, f.check_id, f.line) for f in report} == {
        ("Hello, {name}!", "placeholder-mismatch", 15),
        ("The report was published today.", "untranslated", 19),
    }
    assert all(f.lang == "az" for f in report)


def test_select_and_ignore():
    paths = [DATA / "en-az.po"]
    assert check_paths(paths, select=["untranslated"]).ids() == {"untranslated"}
    assert check_paths(paths, select="untranslated,placeholder-mismatch",
                       ignore="untranslated").ids() == {"placeholder-mismatch"}
    assert "untranslated" not in check_paths(paths, ignore=["untranslated"]).ids()
    with pytest.raises(UsageError, match="no-such-check"):
        check_paths(paths, select=["no-such-check"])


def test_files_checked_together_for_consistency(tmp_path):
    for name, target in (("a.po", "İllik məruzə"), ("b.po", "İllik məruzə"),
                         ("c.po", "İllik hesabat")):
        (tmp_path / name).write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Language: az\\n"\n\nmsgid "Annual report"\nmsgstr "{target}"\n',
            encoding="utf-8")
    report = check_paths([tmp_path], select="inconsistent-target")
    assert [Path(f.file).name for f in report] == ["c.po"]
    assert report.summary["files"] == 3 and len(report.files) == 3


def test_monolingual_text_checks_the_source_only(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("The Ombudsman held a press conference in Baku.\n"
                    "Ombudsman Bakü'de basın toplantısı düzenledi.\n", encoding="utf-8")
    report = check_paths([path], src_lang="en")
    assert [(f.check_id, f.side, f.line) for f in report] == [
        ("wrong-language", Side.SOURCE, 2)]


def test_missing_file_and_unknown_language_are_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        check_paths([tmp_path / "none.po"])
    store = Store(units=[Unit(Segment("Hello world, how are you?"), [Segment("Salam")])])
    with pytest.raises(UsageError, match="--src-lang"):
        check_store(store)
    assert check_store(store, src_lang="en", tgt_lang="az", select="untranslated").findings == []


def test_source_findings_once_per_unit():
    en, az, ru = (LanguageTag.parse(t) for t in ("en", "az", "ru"))
    unit = Unit(Segment("Ombudsman Bakıda mətbuat konfransı keçirib.", en),
                [Segment("Ombudsman Bakıda mətbuat konfransı keçirib.", az),
                 Segment("Омбудсмен провела пресс-конференцию в Баку.", ru)], id="u")
    report = check_store(Store(units=[unit]), select="wrong-language")
    assert [(f.side, f.lang) for f in report] == [(Side.SOURCE, "en")]


def test_signature_changes_with_checks_and_termbase():
    tb = termbase()
    everything = selected()
    assert str(signature(everything, tb)) != str(signature(everything, None))
    assert str(signature(everything[:3], tb)) != str(signature(everything, tb))
    assert termbase_hash(tb) == termbase_hash(termbase())
    text = str(signature(everything, tb))
    assert text.startswith("ahenk:") and "number-mismatch@3" in text


def test_registry_rejects_bad_checks():
    class BadId(Check):
        id = "Bad_Id"
        name = "x"
        description = "x"

        def _check(self, pair, context):  # type: ignore[no-untyped-def]
            return []

    with pytest.raises(RuntimeError, match="kebab-case"):
        register(BadId)

    class NoHook(Check):
        id = "no-hook"
        name = "x"
        description = "x"
        scope = Scope.STORE

    with pytest.raises(RuntimeError, match="_check_group"):
        register(NoHook)

    class Duplicate(Check):
        id = "number-mismatch"
        name = "x"
        description = "x"

        def _check(self, pair, context):  # type: ignore[no-untyped-def]
            return []

    with pytest.raises(RuntimeError, match="twice"):
        register(Duplicate)


def test_metadata_of_every_check():
    for cls in all_checks():
        assert cls.description.strip().endswith((".", ")")), cls.id
        assert isinstance(cls.severity, Severity)
        assert get(cls.id) is cls


def test_run_one_unit_directly():
    check = get("number-mismatch")()
    unit = Unit(Segment("In 1991."), [Segment("1992-ci ildə.")], id="y")
    findings = check.run(unit, CheckContext(), src_lang="en", tgt_lang="az")
    assert [f.check_id for f in findings] == ["number-mismatch"]
    assert isinstance(findings[0], Finding) and findings[0].unit == "y"


def test_pair_helpers():
    en = LanguageTag.parse("en")
    az = LanguageTag.parse("az-Cyrl")
    pair = Pair(Unit(Segment("a"), [], attrs={"tuid": "t9"}), Segment("a"), Segment("b"), en, az)
    assert (pair.src, pair.tgt, pair.ref, pair.tag(Side.TARGET).script) == ("en", "az", "t9",
                                                                           "Cyrl")


def test_what_a_run_builds_is_frozen_during_the_run_and_given_back():
    import gc

    context = CheckContext(termbase=termbase())
    assert gc.get_freeze_count() == 0
    index = context.cached(("test", 1), lambda: [object() for _ in range(100)])
    assert gc.get_freeze_count() >= len(index)  # out of the collector's full passes
    context.close()
    assert gc.get_freeze_count() == 0
    check_paths([DATA / "en-az-ru.tmx"], TERMBASE)
    assert gc.get_freeze_count() == 0


def test_a_process_that_freezes_objects_itself_is_left_alone():
    import gc

    gc.freeze()
    try:
        before = gc.get_freeze_count()
        check_paths([DATA / "en-az-ru.tmx"], TERMBASE)
        # neither given back (unfrozen) nor added to; frozen objects freed since count no more
        assert 0 < gc.get_freeze_count() <= before
    finally:
        gc.unfreeze()


# -- findings on disk --------------------------------------------------------------------------


@pytest.fixture
def on_disk(monkeypatch):  # type: ignore[no-untyped-def]
    """A run with findings kept on disk past 2 (:mod:`ahenk.check.found`), and the temporary
    folders that made: ``on_disk(check_paths, ...)`` gives the report."""
    import tempfile

    made: list[str] = []
    real = tempfile.mkdtemp

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(real(*args, **kwargs))
        return made[-1]

    def run(function, *args, **kwargs):  # type: ignore[no-untyped-def]
        with monkeypatch.context() as patch:
            patch.setattr(found.tempfile, "mkdtemp", spy)
            patch.setattr(found, "FINDINGS_IN_MEMORY", 2)
            return function(*args, **kwargs)

    run.made = made  # type: ignore[attr-defined]
    return run


def outputs(report: Report) -> dict[str, str]:
    return {fmt: render(report, fmt) for fmt in names()}


def test_findings_on_disk_report_as_in_memory(on_disk):  # type: ignore[no-untyped-def]
    paths = [ROOT / "tmx" / "en-az.tmx", ROOT / "tmx" / "en-ru.tmx"]
    options = {"severity": {"term-forbidden": "info"}, "root": ROOT,
               "per_path_ignores": {"tmx/en-ru.tmx": ["term-forbidden"]}}
    memory = check_paths(paths, GLOSSARY, **options)
    assert isinstance(memory.findings, list) and len(memory) == 10
    assert memory.summary["suppressed"]["path"] > 0 and memory.summary["info"] > 0
    disk = on_disk(check_paths, paths, GLOSSARY, **options)
    assert isinstance(disk.findings, StoredFindings)
    assert disk.summary == memory.summary and disk.findings == memory.findings
    assert outputs(disk) == outputs(memory)
    assert disk.ids() == memory.ids() and disk.at_least("error") == memory.at_least("error")
    assert len(on_disk.made) == 2 and os.path.isdir(on_disk.made[1])  # the sort's is gone
    assert not os.path.exists(on_disk.made[0])
    disk.close()
    assert not any(os.path.exists(folder) for folder in on_disk.made)


def test_findings_on_disk_are_deleted_with_the_report(on_disk):  # type: ignore[no-untyped-def]
    import gc

    with on_disk(check_paths, [ROOT / "tmx" / "en-az.tmx"], GLOSSARY) as report:
        assert report.has_at_least("info") and os.path.isdir(on_disk.made[-1])
    assert not os.path.exists(on_disk.made[-1])
    report = on_disk(check_paths, [ROOT / "tmx" / "en-az.tmx"], GLOSSARY)
    del report
    gc.collect()
    assert not any(os.path.exists(folder) for folder in on_disk.made)


def test_suppression_and_source_repeats_on_disk(on_disk):  # type: ignore[no-untyped-def]
    paths = sorted((DATA / "suppress").iterdir())
    memory = check_paths(paths, GLOSSARY, src_lang="en", tgt_lang="az")
    assert memory.summary["suppressed"]["inline"] > 0
    disk = on_disk(check_paths, paths, GLOSSARY, src_lang="en", tgt_lang="az")
    assert outputs(disk) == outputs(memory) and disk.summary == memory.summary
    en, az, ru = (LanguageTag.parse(t) for t in ("en", "az", "ru"))
    units = [Unit(Segment(f"Ombudsman Bakıda mətbuat konfransı keçirib {n}.", en),
                  [Segment("Ombudsman Bakıda mətbuat konfransı keçirib.", az),
                   Segment("Омбудсмен провела пресс-конференцию в Баку.", ru)], id=f"u{n}")
             for n in range(4)]
    repeated = on_disk(check_store, Store(units=units), select="wrong-language")
    assert [(f.unit, f.side) for f in repeated] == [(f"u{n}", Side.SOURCE) for n in range(4)]
    repeated.close()
    disk.close()


def test_baselines_on_disk(tmp_path, on_disk):  # type: ignore[no-untyped-def]
    paths = [ROOT / "tmx"]
    memory = check_paths(paths, GLOSSARY, write_baseline=tmp_path / "memory.json")
    disk = on_disk(check_paths, paths, GLOSSARY, write_baseline=tmp_path / "disk.json")
    assert (tmp_path / "disk.json").read_bytes() == (tmp_path / "memory.json").read_bytes()
    assert outputs(disk) == outputs(memory)
    check_paths([ROOT / "tmx" / "en-az.tmx"], GLOSSARY, write_baseline=tmp_path / "az.json")
    memory = check_paths(paths, GLOSSARY, baseline=tmp_path / "az.json")
    disk = on_disk(check_paths, paths, GLOSSARY, baseline=tmp_path / "az.json")
    assert memory.summary["suppressed"]["baseline"] > 2 and len(memory) > 2
    assert outputs(disk) == outputs(memory) and disk.summary == memory.summary
    disk.close()
    assert not any(os.path.exists(folder) for folder in on_disk.made)


def test_unique_forgets_nothing_it_needs():
    """Source-side repeats kept once, as one set of everything seen would keep them."""
    import random

    from ahenk.check.runner import _unique

    def reference(entries):  # type: ignore[no-untyped-def]
        seen = set()
        for finding, mark in entries:
            if finding.side is Side.SOURCE:
                key = (finding.check_id, finding.file, finding.line, finding.unit,
                       finding.source, finding.span, finding.message)
                if key in seen:
                    continue
                seen.add(key)
            yield finding, mark

    pick = random.Random(11)
    for _ in range(200):
        findings = [Finding(pick.choice(["a", "b"]), Severity.INFO, pick.choice(["m", "n"]),
                            file=pick.choice([None, "", "f"]), line=pick.choice([None, 0, 1]),
                            unit="u", side=pick.choice(list(Side)), source=pick.choice("xy"),
                            span=pick.choice([None, (0, 0), (0, 1)]))
                    for _ in range(12)]
        entries = sorted(((f, (n,), None) for n, f in enumerate(findings)),
                         key=lambda e: (e[0].sort_key(), e[1]))
        pairs = [(f, m) for f, _, m in entries]
        assert list(_unique(pairs)) == list(reference(pairs))


def test_a_run_collects_garbage_less_often_and_restores_the_collector():
    import gc

    from ahenk.check.runner import YOUNG_COLLECTION_EVERY, fewer_collections

    before = gc.get_threshold()
    seen = []
    with fewer_collections():
        seen.append(gc.get_threshold())
    assert seen[0][0] == max(before[0], YOUNG_COLLECTION_EVERY) and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failing run")
    assert gc.get_threshold() == before
