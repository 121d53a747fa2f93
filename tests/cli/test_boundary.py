"""The CLI's one error boundary: exit codes 0 clean / 1 findings / 2 unusable input."""

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from ahenk.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "ahenk" in result.output


def test_corpus_validate_clean():
    result = run("corpus", "validate", ROOT / "corpus")
    assert result.exit_code == 0, result.output
    assert "5 documents, 0 errors, 0 warnings" in result.output


def test_corpus_validate_findings_exit_1(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", root)
    doc = root / "ru" / "2024-11-20_coe-commissioner-appeal.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nлишняя строка\n", encoding="utf-8")
    result = run("corpus", "validate", root)
    assert result.exit_code == 1
    assert "[line-count]" in result.output
    result = run("corpus", "validate", root, "--format", "json")
    data = json.loads(result.output)
    assert data["version"] == 1 and data["summary"]["error"] >= 1
    assert {p["code"] for p in data["problems"]} >= {"line-count"}


def test_warning_fails_only_when_asked(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", root)
    doc = root / "az" / "2024-11-20_coe-commissioner-appeal.txt"
    doc.write_bytes(b"\xef\xbb\xbf" + doc.read_bytes())
    assert run("corpus", "validate", root).exit_code == 0
    assert run("corpus", "validate", root, "--fail-on", "warning").exit_code == 1


def test_unusable_input_exit_2_one_line(tmp_path):
    (tmp_path / "manifest.toml").write_text("[[document]\nid = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "validate", str(tmp_path)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1
    assert lines[0].startswith("ahenk: error: ") and "manifest.toml:1:" in lines[0]


def test_missing_corpus_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["corpus", "stats", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_corpus_stats_table():
    result = run("corpus", "stats", ROOT / "corpus")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[2:]}
    assert set(rows) == {"en", "az", "ru"} and rows["en"][1] == "5"


def test_a_readers_warning_is_one_line_on_stderr(tmp_path):
    """A reader's warning reads like an error line (``ahenk: path:line: warning: …``), not as
    Python prints warnings, with the line of ahenk's source that raised it."""
    po = tmp_path / "az.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: az\\n"\n'
                  '"Content-Type: text/plain; charset= utf-8\\n"\n\n'
                  'msgid "The report was published."\nmsgstr "Hesabat dərc olunub."\n',
                  encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(po), "--src-lang", "en"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "po-charset" in line]
    assert lines == [f"ahenk: {po}:4: warning: the header names no charset ('charset= utf-8'); "
                     "reading as UTF-8 (if it is not, name its encoding: --encoding, or "
                     "encoding= in Python) [po-charset]"]
    assert "PoWarning" not in result.stderr and ".py:" not in result.stderr
