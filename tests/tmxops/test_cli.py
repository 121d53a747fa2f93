"""``ahenk tmx``: the thin CLI over :mod:`ahenk.tmxops`, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.cli import main
from ahenk.formats import tmx_dtd

DATA = Path(__file__).resolve().parent.parent / "data" / "tmx"


def run(*args):
    return CliRunner().invoke(main, ["tmx", *[str(a) for a in args]], catch_exceptions=False)


@pytest.fixture
def with_dtd():
    if tmx_dtd.find_dtd() is None:
        pytest.skip("tmx14.dtd not available (../shared absent)")


def test_validate_clean_exits_0(with_dtd):
    result = run("validate", DATA / "validate_clean.tmx", DATA / "merge_a.tmx")
    assert result.exit_code == 0, result.output
    assert result.output.count("0 errors, 0 warnings") == 2


def test_validate_errors_exit_1_with_file_and_line():
    result = run("validate", DATA / "validate_missing_source.tmx")
    assert result.exit_code == 1
    assert "validate_missing_source.tmx:7: error:" in result.output
    assert "[missing-source]" in result.output


def test_validate_warnings_fail_only_with_fail_on_warning():
    path = DATA / "validate_duplicates.tmx"
    assert run("validate", path).exit_code == 0
    assert run("validate", path, "--fail-on", "warning").exit_code == 1


def test_validate_json():
    result = run("validate", "--format", "json", DATA / "validate_duplicates.tmx")
    data = json.loads(result.output)
    codes = [(p["code"], p["line"]) for p in data["problems"] if p["code"] != "dtd-skipped"]
    assert codes == [("duplicate-unit", 8), ("conflicting-translation", 9)]
    assert data["summary"] == {"warning": 2, **({"info": 1} if len(data["problems"]) == 3
                                                else {})}


def test_validate_with_a_missing_dtd_path_exits_2(tmp_path):
    result = run("validate", "--dtd", tmp_path / "nope.dtd", DATA / "validate_clean.tmx")
    assert result.exit_code == 2
    assert "no such DTD file" in result.output


@pytest.mark.parametrize("name", ["malformed_mismatch.tmx", "not_tmx_root.tmx", "absent.tmx"])
def test_validate_unusable_input_exits_2(name):
    result = run("validate", DATA / name)
    assert result.exit_code == 2
    assert "ahenk: error:" in result.output


def test_stats_text_and_json():
    result = run("stats", DATA / "dedupe.tmx")
    assert result.exit_code == 0
    assert "4 units, 1 duplicate" in result.output
    assert "created by: Hand 1; srclang: en" in result.output
    data = json.loads(run("stats", "--format", "json", DATA / "validate_clean.tmx").output)
    assert data["units"] == 2
    assert data["languages"]["az"] == {"variants": 2, "words": 6}
    assert data["creation_tool"] == "Hand"
    both = json.loads(run("stats", "--format", "json", DATA / "merge_a.tmx",
                          DATA / "merge_b.tmx").output)
    assert [d["units"] for d in both] == [2, 3]


def test_merge_and_dedupe(tmp_path):
    out = tmp_path / "merged.tmx"
    result = run("merge", DATA / "merge_a.tmx", DATA / "merge_b.tmx", "-o", out,
                 "--profile", "omegat")
    assert result.exit_code == 0, result.output
    assert "read 5 units, wrote 4, left out identical 1" in result.output
    deduped = tmp_path / "deduped.tmx"
    result = run("dedupe", out, "-o", deduped, "--by", "source", "--keep", "newest")
    assert result.exit_code == 0, result.output
    assert "read 4 units, wrote 3, removed 1" in result.output


def test_output_over_an_input_exits_2_and_leaves_it(tmp_path):
    target = tmp_path / "a.tmx"
    target.write_bytes((DATA / "merge_a.tmx").read_bytes())
    result = run("merge", target, DATA / "merge_b.tmx", "-o", target)
    assert result.exit_code == 2 and "also an input" in result.output
    assert target.read_bytes() == (DATA / "merge_a.tmx").read_bytes()


def test_convert(tmp_path):
    out = tmp_path / "out.po"
    result = run("convert", DATA / "validate_clean.tmx", out, "--tgt-lang", "az")
    assert result.exit_code == 0, result.output
    assert "read 2 units, wrote 2" in result.output
    back = tmp_path / "back.tmx"
    assert run("convert", out, back, "--profile", "omegat").exit_code == 0
    needs = run("convert", DATA / "validate_clean.tmx", tmp_path / "x.tsv")
    assert needs.exit_code == 2 and "--tgt-lang" in needs.output


def test_reader_problems_go_to_stderr(tmp_path):
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(
        main, ["tmx", "dedupe", str(DATA / "broken_units.tmx"), "-o", str(out)])
    assert result.exit_code == 0
    assert "tmx-" in result.stderr
