"""docs/checks.md is generated from the check registry; it must not go stale, and every
example it shows must be reported by its check."""

from __future__ import annotations

from pathlib import Path

import pytest

from ahenk.check import all_checks, check_store, ids
from ahenk.check.reference import checks_reference, explain
from ahenk.glossary import load_termbase
from ahenk.model import LanguageTag, Segment, Store, Unit

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "checks.md"
SHIPPED_TERMBASE = ROOT / "glossaries" / "termbase.tsv"
EXAMPLES = [(cls.id, example) for cls in all_checks() for example in cls.examples]


def test_checks_reference_is_current():
    assert DOC.read_text(encoding="utf-8") == checks_reference(), (
        "docs/checks.md is stale: run `python -m ahenk.check.reference > docs/checks.md`")


def test_every_check_documented_with_an_anchor():
    text = checks_reference()
    for check_id in ids():
        assert f'<a id="{check_id}"></a>' in text and f"## {check_id}\n" in text
        assert explain(check_id).startswith(f"{check_id}: ")


@pytest.fixture(scope="module")
def shipped_termbase():  # type: ignore[no-untyped-def]
    return load_termbase(SHIPPED_TERMBASE)


@pytest.mark.parametrize(("check_id", "example"), EXAMPLES,
                         ids=[f"{cid}-{i}" for i, (cid, _) in enumerate(EXAMPLES)])
def test_documented_example_is_reported(check_id, example, shipped_termbase):
    src, source, tgt, target = example
    unit = Unit(Segment(source, LanguageTag.parse(src)),
                [Segment(target, LanguageTag.parse(tgt))], id="example")
    report = check_store(Store(units=[unit]), shipped_termbase, select=check_id)
    assert report.ids() == {check_id}, [f.message for f in report]


def test_usage_sections_documented():
    from ahenk.check.config import KEYS
    from ahenk.report import names

    text = checks_reference()
    for heading in ("### Exit codes", "### Configuration", "### Inline suppression",
                    "### Baselines", "### Only what changed", "### pre-commit"):
        assert f"\n{heading}\n" in text
    for key in KEYS:
        assert f"| `{key}` |" in text
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in text
    assert "`# ahenk: ignore term-missing`" in text and "ahenk: ignore=all" in text
    assert all(f"`{name}`" in text for name in names())


def test_documented_config_example_is_valid(tmp_path):
    from ahenk.check.config import load_config

    text = checks_reference()
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert config.fail_on == "warning" and config.per_path_ignores


def test_pre_commit_hook_manifest():
    import re

    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = dict(re.findall(r"^\s*-?\s*([a-z_]+): (.+)$", manifest, re.MULTILINE))
    assert hook["id"] == "ahenk-check" and hook["language"] == "python"
    assert hook["entry"] == "ahenk check"
    files = re.compile(hook["files"])
    for name in ("po/az.po", "a.xlf", "b.xliff", "c.tmx"):
        assert files.search(name), name
    for name in ("a.pot", "a.tsv", "a.tmx.bak", "README"):
        assert not files.search(name), name
    assert f"`files: {hook['files']}`" in checks_reference()


def test_documented_suppressions_parse():
    import re

    from ahenk.check.suppress import parse

    section = checks_reference().split("### Inline suppression", 1)[1].split("###", 1)[0]
    examples = re.findall(r"`(?:# )?(ahenk: ignore[^`]*)`", section)
    concrete = [e for e in examples if "…" not in e]
    assert len(concrete) >= 2
    for example in concrete:
        assert parse(example), example
