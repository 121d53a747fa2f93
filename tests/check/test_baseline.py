"""Baselines: written sorted, versioned and atomically; a round trip suppresses exactly the
recorded findings; fingerprints survive moved entries and re-graded checks, not edited text."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ahenk.check import Finding, Side, check_paths
from ahenk.check.baseline import BASELINE_VERSION, fingerprint, load_baseline, write_baseline
from ahenk.cli import main
from ahenk.diagnostics import Severity
from ahenk.errors import FormatError

DATA = Path(__file__).resolve().parent / "data"

PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: az\\n"\n\n'
ENTRIES = {
    "deleted": 'msgid "Deleted 3 files"\nmsgstr "4 fayl silindi"\n',
    "moved": 'msgid "Moved 5 files"\nmsgstr "6 fayl köçürüldü"\n',
    "copied": 'msgid "Copied 7 files"\nmsgstr "8 fayl kopyalandı"\n',
}


def write_po(path: Path, *names: str, extra: str = "") -> Path:
    path.write_text(PO_HEAD + "\n".join(ENTRIES[n] for n in names) + extra, encoding="utf-8")
    return path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", "--no-config", *args])


def test_round_trip(tmp_path: Path):
    po = write_po(tmp_path / "az.po", "deleted", "moved")
    baseline = tmp_path / "baseline.json"
    result = run(str(po), "--select", "number-mismatch", "--write-baseline", str(baseline))
    assert result.exit_code == 0, result.output  # writing a baseline accepts the findings
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == BASELINE_VERSION and data["tool"] == "ahenk"
    rows = data["findings"]
    assert [r["unit"] for r in rows] == ["Deleted 3 files", "Moved 5 files"]  # sorted
    assert all(r["file"] == "az.po" and r["count"] == 1 for r in rows)
    assert not list(tmp_path.glob(".baseline.json.*"))  # no temporary file left

    result = run(str(po), "--select", "number-mismatch", "--baseline", str(baseline))
    assert result.exit_code == 0 and "not shown: 2 in the baseline" in result.output

    # a new entry is reported; the accepted ones are still not, though they moved down
    write_po(po, "copied", "moved", "deleted")
    result = run(str(po), "--select", "number-mismatch", "--baseline", str(baseline),
                 "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert [f["unit"] for f in data["findings"]] == ["Copied 7 files"]
    assert data["summary"]["suppressed"]["baseline"] == 2


def test_same_from_another_directory_and_rewritten_identically(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "po").mkdir()
    po = write_po(tmp_path / "po" / "az.po", "deleted", "moved")
    baseline = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    run("po/az.po", "--select", "number-mismatch", "--write-baseline", "baseline.json")
    first = baseline.read_bytes()
    monkeypatch.chdir(tmp_path / "po")
    result = run("az.po", "--select", "number-mismatch", "--baseline", "../baseline.json")
    assert result.exit_code == 0, result.output
    run(str(po), "--select", "number-mismatch", "--write-baseline", str(baseline))
    assert baseline.read_bytes() == first  # stable: same findings, same bytes


def test_fingerprint_ignores_line_message_severity_but_not_text(tmp_path: Path):
    po = write_po(tmp_path / "az.po", "deleted")
    (finding,) = check_paths([po], select="number-mismatch").findings
    from dataclasses import replace

    same = [replace(finding, line=99), replace(finding, message="reworded"),
            replace(finding, severity=Severity.INFO),
            replace(finding, target=finding.target.replace(" ", "  "))]
    assert {fingerprint(f, tmp_path) for f in same} == {fingerprint(finding, tmp_path)}
    other = [replace(finding, target="5 fayl silindi"), replace(finding, check_id="unchanged"),
             replace(finding, file=str(tmp_path / "ru.po"))]
    assert fingerprint(finding, tmp_path) not in {fingerprint(f, tmp_path) for f in other}


def test_counts_duplicates(tmp_path: Path):
    # two identical findings, one accepted: the second is still reported
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("en\taz\nDeleted 3 files\t4 fayl silindi\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    run(str(tsv), "--select", "number-mismatch", "--write-baseline", str(baseline))
    tsv.write_text("en\taz\nIntro\tGiriş\nDeleted 3 files\t4 fayl silindi\n"
                   "Deleted 3 files\t4 fayl silindi\n", encoding="utf-8")
    result = run(str(tsv), "--select", "number-mismatch", "--baseline", str(baseline),
                 "--format", "json")
    data = json.loads(result.output)
    assert len(data["findings"]) == 1 and data["summary"]["suppressed"]["baseline"] == 1


def test_config_baseline_and_bad_files(tmp_path: Path):
    shutil.copy(DATA / "en-az.po", tmp_path / "en-az.po")
    bad = tmp_path / "bad.json"
    for text in ("{", "[]", '{"tool": "other", "version": 1}',
                 '{"tool": "ahenk", "version": 99, "findings": []}',
                 '{"tool": "ahenk", "version": 1, "findings": [{"count": 1}]}'):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(FormatError):
            load_baseline(bad)
        result = run(str(tmp_path / "en-az.po"), "--baseline", str(bad))
        assert result.exit_code == 2 and "bad.json" in result.output
    assert run(str(tmp_path / "en-az.po"), "--baseline", str(tmp_path / "none.json")
               ).exit_code == 2


_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_findings = st.lists(st.builds(
    Finding, check_id=st.sampled_from(["term-missing", "number-mismatch", "unchanged"]),
    severity=st.sampled_from(list(Severity)), message=_texts,
    file=st.sampled_from([None, "a.po", "sub/b.tmx"]), line=st.none() | st.integers(1, 99),
    unit=st.none() | _texts, side=st.sampled_from(list(Side)), source=_texts,
    target=st.none() | _texts, found=st.none() | _texts), max_size=8)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(findings=_findings)
def test_write_load_filter_property(tmp_path_factory, findings):
    folder = tmp_path_factory.mktemp("b")
    path = folder / "baseline.json"
    with contextlib.chdir(folder):
        write_baseline(findings, path)
        baseline = load_baseline(path)
        assert baseline.filter(findings) == ([], len(findings))
        kept, dropped = baseline.filter([*findings, *findings])
        assert dropped == len(findings) and sorted(map(repr, kept)) == sorted(
            map(repr, findings))
        write_baseline(findings, folder / "again.json")
        assert (folder / "again.json").read_bytes() == path.read_bytes()
