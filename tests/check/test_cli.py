"""``ahenk check`` and ``ahenk checks``: exit codes 0 / 1 / 2, formats, select/ignore, -o."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ahenk.cli import main

DATA = Path(__file__).resolve().parent / "data"
PO = str(DATA / "en-az.po")
TMX = str(DATA / "en-az-ru.tmx")
TERMS = str(DATA / "termbase.tsv")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_findings_exit_1_and_clean_exit_0():
    assert run("check", PO).exit_code == 1
    result = run("check", PO, "--select", "unchanged")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_fail_on():
    # term-variant is a warning: fails only with --fail-on warning
    args = ("check", TMX, "--glossary", TERMS, "--select", "term-variant")
    assert run(*args).exit_code == 0
    assert run(*args, "--fail-on", "warning").exit_code == 1
    assert run(*args, "--fail-on", "info").exit_code == 1


def test_unusable_input_exit_2(tmp_path):
    for args in (("check", str(tmp_path / "none.po")),
                 ("check", PO, "--select", "no-such-check"),
                 ("check", PO, "--src-lang", "xx-!!")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("ahenk: error: ")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    assert run("check", str(bad)).exit_code == 2


def test_select_ignore_comma_and_repeat():
    result = run("check", PO, "--format", "json", "--select", "untranslated,placeholder-mismatch",
                 "--ignore", "untranslated")
    assert {f["check"] for f in json.loads(result.output)["findings"]} == {"placeholder-mismatch"}
    result = run("check", PO, "--format", "json", "--select", "untranslated", "--select",
                 "placeholder-mismatch")
    assert {f["check"] for f in json.loads(result.output)["findings"]} == {
        "untranslated", "placeholder-mismatch"}


def test_every_format_and_output_file(tmp_path):
    for fmt in ("text", "json", "junit", "sarif", "github", "html"):
        out = tmp_path / f"report.{fmt}"
        result = run("check", TMX, "--glossary", TERMS, "--format", fmt, "-o", str(out))
        assert result.exit_code == 1 and result.output == ""
        assert out.read_text(encoding="utf-8").strip()


def test_text_report_for_translators():
    result = run("check", TMX, "--glossary", TERMS, "--tgt-lang", "az")
    assert "en-az-ru.tmx:10: warning: «Susaya» looks like missing or wrong diacritics of «Şuşa» " \
           "[term-variant]" in result.output
    assert "unit:     visit" in result.output
    assert "Были" not in result.output  # --tgt-lang az: Russian targets not checked


def test_checks_list_and_explain():
    from ahenk.check import ids

    result = run("checks", "list")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()[1:]] == ids()
    result = run("checks", "explain", "term-variant")
    assert result.exit_code == 0 and "Xankəndi" in result.output
    assert run("checks", "explain", "nope").exit_code == 2
