"""Configuration: ``[tool.ahenk]`` in pyproject.toml or ahenk.toml, found from the current
directory upwards; command-line options win; a bad file is exit 2 naming the file and key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.check.config import Config, discover, find_config, load_config, path_ignores
from ahenk.cli import main
from ahenk.diagnostics import Severity
from ahenk.errors import FormatError

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a TMX under tmx/ and a termbase, the current directory inside."""
    (tmp_path / "tmx" / "legacy").mkdir(parents=True)
    shutil.copy(DATA / "en-az-ru.tmx", tmp_path / "tmx" / "memory.tmx")
    shutil.copy(DATA / "en-az-ru.tmx", tmp_path / "tmx" / "legacy" / "old.tmx")
    shutil.copy(DATA / "termbase.tsv", tmp_path / "terms.tsv")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", *args])


def findings(result) -> list[dict]:  # type: ignore[no-untyped-def]
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


PYPROJECT = """\
[project]
name = "translations"

[tool.ahenk]
glossary = "terms.tsv"
tgt-lang = "az"
select = ["term-variant", "number-mismatch", "inline-code-mismatch"]
fail-on = "warning"

[tool.ahenk.severity]
term-variant = "error"

[tool.ahenk.per-path-ignores]
"tmx/legacy/" = ["all"]
"tmx/memory.tmx" = ["inline-code-mismatch"]
"""


def test_discovered_upwards_and_applied(project: Path):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert find_config() == project / "pyproject.toml"
    result = run("../tmx", "--format", "json")
    found = findings(result)
    # glossary from the config (relative to it), az only, selected checks, severity override,
    # legacy/ ignored entirely, inline-code-mismatch ignored for memory.tmx
    assert {(f["check"], f["severity"], f["lang"]) for f in found} == {
        ("term-variant", "error", "az")}
    assert {Path(f["file"]).name for f in found} == {"memory.tmx"}
    summary = json.loads(result.output)["summary"]
    assert summary["suppressed"]["path"] == 3  # two in legacy/, one inline-code-mismatch


def test_command_line_overrides(project: Path):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    result = run("../tmx/memory.tmx", "--format", "json", "--tgt-lang", "ru", "--select",
                 "number-mismatch", "--severity", "number-mismatch=info")
    assert [(f["check"], f["severity"], f["lang"]) for f in findings(result)] == [
        ("number-mismatch", "info", "ru")]
    # fail-on warning (config) → an info finding passes; --fail-on info fails
    assert result.exit_code == 0
    assert run("../tmx/memory.tmx", "--tgt-lang", "ru", "--select", "number-mismatch",
               "--severity", "number-mismatch=info", "--fail-on", "info").exit_code == 1
    # config fail-on "warning": a warning finding fails the run
    assert run("../tmx/memory.tmx", "--select", "term-variant", "--severity",
               "term-variant=warning").exit_code == 1
    # --no-config: no glossary, so no term findings, and every check runs
    result = run("../tmx/memory.tmx", "--format", "json", "--no-config")
    assert "term-variant" not in {f["check"] for f in findings(result)}


def test_ahenk_toml_wins_over_pyproject_in_the_same_folder(project: Path):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (project / "ahenk.toml").write_text('select = ["number-mismatch"]\ntgt-lang = "ru"\n',
                                        encoding="utf-8")
    assert find_config() == project / "ahenk.toml"
    found = findings(run("../tmx/memory.tmx", "--format", "json"))
    assert {(f["check"], f["lang"]) for f in found} == {("number-mismatch", "ru")}


def test_nearest_folder_wins_and_pyproject_without_table_is_skipped(project: Path):
    (project / "ahenk.toml").write_text('select = ["number-mismatch"]\n', encoding="utf-8")
    (project / "work" / "pyproject.toml").write_text('[project]\nname = "x"\n',
                                                     encoding="utf-8")
    assert find_config() == project / "ahenk.toml"
    (project / "work" / "ahenk.toml").write_text('select = ["untranslated"]\n', encoding="utf-8")
    assert discover().select == ["untranslated"]


def test_explicit_config_file(project: Path):
    other = project / "ci.toml"
    other.write_text('select = ["term-variant"]\nglossary = "terms.tsv"\n', encoding="utf-8")
    found = findings(run("../tmx/memory.tmx", "--format", "json", "--config", str(other)))
    assert {f["check"] for f in found} == {"term-variant"}


@pytest.mark.parametrize(("text", "key"), [
    ('selct = ["term-variant"]\n', "selct"),
    ('select = ["term-varaint"]\n', "select"),
    ("select = 3\n", "select"),
    ('fail-on = "fatal"\n', "fail-on"),
    ('src-lang = "xx-!!"\n', "src-lang"),
    ('glossary = ""\n', "glossary"),
    ('[severity]\nterm-variant = "loud"\n', "severity.term-variant"),
    ('[severity]\nno-such = "error"\n', "severity.no-such"),
    ('[per-path-ignores]\n"a/*" = ["nope"]\n', "per-path-ignores.a/*"),
    ('severity = "error"\n', "severity"),
])
def test_bad_config_names_file_and_key(project: Path, text: str, key: str):
    (project / "ahenk.toml").write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        discover()
    assert info.value.path == str(project / "ahenk.toml")
    assert f"key {key!r}" in str(info.value)
    result = run("../tmx/memory.tmx")
    assert result.exit_code == 2
    assert result.output.startswith("ahenk: error: ") and "ahenk.toml" in result.output


def test_bad_toml_and_pyproject_key(project: Path):
    (project / "ahenk.toml").write_text("select = [\n", encoding="utf-8")
    assert run("../tmx/memory.tmx").exit_code == 2
    (project / "ahenk.toml").unlink()
    (project / "pyproject.toml").write_text('[tool.ahenk]\nfail_on = "error"\n',
                                            encoding="utf-8")
    with pytest.raises(FormatError, match=r"key '\[tool\.ahenk\]\.fail_on'"):
        load_config(project / "pyproject.toml")


def test_no_config_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    config = discover(tmp_path)
    if config.path is None:  # a config above the temp folder would be found, as designed
        assert config == Config()


def test_path_ignores_globs(tmp_path: Path):
    patterns = {"po/*.po": ["untranslated"], "vendor/": ["all"], "*/legacy/*": ["unchanged"]}
    assert path_ignores(str(tmp_path / "po" / "az.po"), patterns, tmp_path) == {"untranslated"}
    assert path_ignores(str(tmp_path / "po" / "sub" / "az.po"), patterns, tmp_path) == {
        "untranslated"}  # `*` crosses `/`, as documented
    assert path_ignores(str(tmp_path / "vendor" / "x.tmx"), patterns, tmp_path) == {"all"}
    assert path_ignores(str(tmp_path / "a" / "legacy" / "b.xlf"), patterns, tmp_path) == {
        "unchanged"}
    assert path_ignores(str(tmp_path / "other.po"), patterns, tmp_path) == set()


def test_severity_values_parsed(project: Path):
    (project / "ahenk.toml").write_text('[severity]\n"unchanged" = "info"\n', encoding="utf-8")
    assert discover().severity == {"unchanged": Severity.INFO}


@pytest.mark.parametrize("value", ["nope=error", "term-variant", "term-variant=loud"])
def test_bad_severity_option(project: Path, value: str):
    result = run("../tmx/memory.tmx", "--severity", value)
    assert result.exit_code == 2 and result.output.startswith("ahenk: error: --severity")


def test_config_baseline_relative_to_config(project: Path):
    (project / "ahenk.toml").write_text('baseline = "accepted.json"\nselect = ["term-variant"]\n'
                                        'glossary = "terms.tsv"\n', encoding="utf-8")
    assert run("../tmx/memory.tmx", "--write-baseline", "../accepted.json").exit_code == 0
    result = run("../tmx/memory.tmx")
    assert result.exit_code == 0 and "not shown: 1 in the baseline" in result.output
