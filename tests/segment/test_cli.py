"""``ahenk segment``: output formats, export, and exit code 2 with one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ahenk.cli import main
from ahenk.segment import shipped_srx_bytes


def run(*args):
    return CliRunner().invoke(main, ["segment", *[str(a) for a in args]], catch_exceptions=False)


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Ümumi baxış\nProf. Əliyev gəldi. S. Əliyeva getdi.\n", encoding="utf-8")
    return path


def test_text_prints_one_segment_per_line(sample) -> None:
    result = run(sample, "--lang", "az")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Ümumi baxış", "Prof. Əliyev gəldi.", "S. Əliyeva getdi."]
    assert result.stderr.startswith("# ahenk-srx|rules:ahenk.srx|hash:sha256:")


def test_jsonl_has_a_header_then_located_segments(sample) -> None:
    result = run(sample, "--lang", "az_AZ", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    header, *records = [json.loads(line) for line in result.stdout.splitlines()]
    assert header["type"] == "header"
    assert header["segmenter"]["rules"] == "ahenk.srx"
    assert header["signature"].startswith("ahenk-srx|")
    assert records[2] == {
        "type": "segment",
        "file": str(sample),
        "line": 2,
        "column": 21,
        "start": 32,
        "end": 49,
        "paragraph": 1,
        "text": "S. Əliyeva getdi.",
    }


def test_custom_rules_and_blank_paragraphs(tmp_path, sample) -> None:
    rules = tmp_path / "r.srx"
    rules.write_bytes(shipped_srx_bytes())
    result = run(sample, "--lang", "az", "--rules", rules, "--paragraphs", "blank")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Ümumi baxış Prof. Əliyev gəldi."


def test_export_srx_to_stdout_and_to_a_file(tmp_path) -> None:
    result = run("--export-srx")
    assert result.exit_code == 0
    assert result.stdout.encode("utf-8") == shipped_srx_bytes()
    target = tmp_path / "out.srx"
    assert run("--export-srx", target).exit_code == 0
    assert target.read_bytes() == shipped_srx_bytes()


def _bad_srx(tmp_path):
    path = tmp_path / "bad.srx"
    path.write_text("<srx version='2.0'>\n<header>\n</srx>")
    return path


def _undecodable(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Bakı şəhəri.\n".encode() + b"Caf\xe9.")
    return path


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (
            lambda tmp, doc: [doc, "--lang", "klingonish"],
            "'klingonish': not a valid BCP 47 language tag",
        ),
        (
            lambda tmp, doc: [doc, "--lang", "fr"],
            "no segmentation rules for language 'fr' in ahenk.srx",
        ),
        (lambda tmp, doc: [doc], "--lang is required"),
        (lambda tmp, doc: ["--lang", "en"], "give at least one FILE"),
        (
            lambda tmp, doc: [_undecodable(tmp), "--lang", "az"],
            "latin1.txt:2:4: cannot decode bytes e9",
        ),
        (
            lambda tmp, doc: [doc, "--lang", "en", "--rules", _bad_srx(tmp)],
            "bad.srx:3:3: not well-formed XML",
        ),
        (lambda tmp, doc: [tmp / "missing.txt", "--lang", "en"], "missing.txt: no such file"),
    ],
    ids=["bad-tag", "no-rules", "no-lang", "no-file", "undecodable", "invalid-srx", "missing"],
)
def test_unusable_input_exits_2_with_one_line(tmp_path, sample, make_args, message) -> None:
    result = run(*make_args(tmp_path, sample))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ahenk: error: ")
    assert message in lines[0]
