"""Inline suppression: ``ahenk: ignore ID`` / ``ahenk: ignore=all`` in PO translator comments,
XLIFF notes and TMX notes (of the ``<tu>`` or of one ``<tuv>``); not possible in plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.check import check_paths
from ahenk.check.suppress import parse
from ahenk.cli import main
from ahenk.errors import FormatError

DATA = Path(__file__).resolve().parent / "data" / "suppress"

# file, findings left (unit, language), how many were suppressed inline
CASES = [
    ("numbers.po", {("Copied 7 files", "az"), ("Sent 9 files", "az")}, 2),
    ("numbers.xlf", {("copied", "az")}, 2),
    # <tu> note: every language; az <tuv> note: az only; source <tuv> note: every pair
    ("numbers.tmx", {("moved", "ru"), ("sent", "az"), ("sent", "ru")}, 5),
]


@pytest.mark.parametrize(("name", "left", "suppressed"), CASES, ids=[c[0] for c in CASES])
def test_suppression_in_each_format(name, left, suppressed):
    report = check_paths([DATA / name], select="number-mismatch")
    assert {(f.unit, f.lang) for f in report} == left
    assert report.summary["suppressed"]["inline"] == suppressed


@pytest.mark.parametrize(("note", "ids"), [
    ("ahenk: ignore term-missing", {"term-missing"}),
    ("ahenk: ignore=all", {"all"}),
    ("  ahenk:ignore = term-missing, unchanged ", {"term-missing", "unchanged"}),
    ("ahenk: ignore term-missing unchanged", {"term-missing", "unchanged"}),
    ("ahenk ignore term-missing", None),
    ("please ahenk: ignore term-missing", None),
    ("ahenk: ignore", None),
])
def test_parse(note, ids):
    found = parse(note)
    assert (set(found) if found is not None else None) == ids


def test_unknown_id_is_a_located_error(tmp_path):
    po = tmp_path / "typo.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: az\\n"\n\n# ahenk: ignore number-mismach\n'
                  'msgid "Deleted 3 files"\nmsgstr "4 fayl silindi"\n', encoding="utf-8")
    with pytest.raises(FormatError) as info:
        check_paths([po], select="number-mismatch")
    assert info.value.path == str(po) and info.value.line == 5
    assert "number-mismach" in str(info.value)
    result = CliRunner().invoke(main, ["check", str(po), "--no-config"])
    assert result.exit_code == 2 and "typo.po:5" in result.output


def test_plain_text_has_no_inline_suppression(tmp_path):
    text = tmp_path / "lines.txt"
    text.write_text("The Ombudsman visited Shusa.  # ahenk: ignore term-variant\n",
                    encoding="utf-8")
    report = check_paths([text], DATA.parent / "termbase.tsv", select="term-variant",
                         src_lang="en")
    assert report.ids() == {"term-variant"}
    assert report.summary["suppressed"]["inline"] == 0


def test_summary_line_counts_suppressed():
    result = CliRunner().invoke(main, ["check", str(DATA / "numbers.po"), "--select",
                                       "number-mismatch", "--no-config"])
    assert result.exit_code == 1
    assert "not shown: 2 suppressed inline" in result.output
