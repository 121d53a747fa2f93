"""Issue 6's acceptance tables: planted errors and clean look-alikes, one file per language pair
(tests/check/planted/<src>-<tgt>.tsv, all six directions), every error found and no clean case
flagged.

Each row is one unit, checked with every unit-scope check and the shipped termbase,
glossaries/termbase.tsv. The units of one table go through the check runner together, in one
in-memory store (so the termbase's indexes are built once per pair, not once per row); the
corpus-scope checks (inconsistent-target, inconsistent-source), which compare units with each
other, are left out: the rows are independent cases, and the same source is meant to appear
with a clean and with a wrong translation. Columns: ``id`` (``<family>-<n>``: the check family the
row exercises, or ``casing`` for the Turkic İ/ı traps), ``check`` (the check id that must report
the row, or ``-`` for a clean look-alike), ``source``, ``target`` (``<none>``: the unit has no
target; ``\\u00a0`` and the like stand for invisible characters) and ``note``.

* An error row passes when its check is among the findings, at any severity (``double-space``
  reports at info level). Other findings on an error row are allowed: a planted error may be
  several errors at once (an untranslated English target is also in the wrong language).
* A clean row passes when there is no finding at all, info level included: a clean look-alike
  exists to show the check does not fire on it, and the one unit-scope check that reports at
  info level (``double-space``) is one of the families tested, so an info finding on a clean
  row is a false positive too.

On failure, the summary test prints, per pair, how many planted errors were found and how many
clean rows stayed clean, with every failing row and its findings.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from ahenk.check import all_checks, check_store
from ahenk.check.base import Scope
from ahenk.check.finding import Finding
from ahenk.glossary import load_termbase
from tests.check.tables import Row, rows, store_of

HERE = Path(__file__).resolve().parent
TERMBASE = HERE.parents[1] / "glossaries" / "termbase.tsv"
PAIRS = ("en-az", "en-ru", "az-en", "az-ru", "ru-az", "ru-en")
MINIMUM = 40  # planted errors, and clean look-alikes, per pair
CLEAN = "-"
#: Families every pair covers with at least one error and one clean row (ids' prefixes).
FAMILIES = ("term-missing", "term-forbidden", "term-variant", "number-mismatch",
            "placeholder-mismatch", "untranslated", "unchanged", "wrong-language",
            "end-punctuation", "brackets", "double-space", "repeated-word", "punctuation-spacing",
            "edge-whitespace", "url-mismatch", "email-mismatch", "length-ratio", "casing")

TABLES = {pair: rows(f"planted/{pair}.tsv") for pair in PAIRS}
CASES = [(pair, line, row) for pair, table in TABLES.items() for line, row in table]


@cache
def termbase():  # type: ignore[no-untyped-def]
    return load_termbase(TERMBASE)


@cache
def report(pair: str) -> dict[str, tuple[Finding, ...]]:
    """The findings of every row of *pair*'s table, by row id."""
    src, tgt = pair.split("-")
    units = []
    for line, row in TABLES[pair]:
        target = None if row["target"] == "<none>" else row["target"]
        units.append(Row(line, src, row["source"], tgt, target, unit_id=row["id"]).unit())
    unit_checks = [c.id for c in all_checks() if c.scope is Scope.UNIT]
    out: dict[str, list[Finding]] = {}
    for finding in check_store(store_of(units, src, tgt), termbase(), select=unit_checks):
        out.setdefault(finding.unit or "", []).append(finding)
    return {unit: tuple(found) for unit, found in out.items()}


def findings(pair: str, line: int) -> tuple[Finding, ...]:
    return report(pair).get(dict(TABLES[pair])[line]["id"], ())


def verdict(pair: str, line: int, row: dict[str, str]) -> str | None:
    """None when the row passes; otherwise what went wrong."""
    found = findings(pair, line)
    if row["check"] == CLEAN:
        if not found:
            return None
        return "clean row flagged: " + "; ".join(_describe(f) for f in found)
    if row["check"] in {f.check_id for f in found}:
        return None
    return f"{row['check']} not reported; found: " + (
        "; ".join(_describe(f) for f in found) or "nothing")


def _describe(finding: Finding) -> str:
    return f"{finding.check_id} ({finding.severity.value}, {finding.side.value}): " \
           f"{finding.message}"


@pytest.mark.parametrize(("pair", "line", "row"), CASES,
                         ids=[f"{pair}-{row['id']}" for pair, _, row in CASES])
def test_planted_row(pair, line, row):  # type: ignore[no-untyped-def]
    problem = verdict(pair, line, row)
    assert problem is None, (
        f"planted/{pair}.tsv:{line} {row['id']} ({row['note']}): {problem}\n"
        f"  source: {row['source']}\n  target: {row['target']}")


def test_summary_per_pair():
    lines: list[str] = []
    failed = False
    for pair, table in TABLES.items():
        errors = [(n, r) for n, r in table if r["check"] != CLEAN]
        clean = [(n, r) for n, r in table if r["check"] == CLEAN]
        bad = [(n, r, verdict(pair, n, r)) for n, r in table]
        bad = [item for item in bad if item[2] is not None]
        found = len(errors) - sum(1 for _, r, _ in bad if r["check"] != CLEAN)
        kept = len(clean) - sum(1 for _, r, _ in bad if r["check"] == CLEAN)
        lines.append(f"{pair}: errors found {found}/{len(errors)}, "
                     f"clean rows clean {kept}/{len(clean)}")
        for n, r, problem in bad:
            failed = True
            lines.append(f"    {pair}.tsv:{n} {r['id']}: {problem}")
    assert not failed, "planted tables:\n" + "\n".join(lines)


@pytest.mark.parametrize("pair", PAIRS)
def test_table_size_and_coverage(pair):  # type: ignore[no-untyped-def]
    table = [row for _, row in TABLES[pair]]
    errors = [r for r in table if r["check"] != CLEAN]
    clean = [r for r in table if r["check"] == CLEAN]
    assert len(errors) >= MINIMUM and len(clean) >= MINIMUM, (
        f"{pair}: {len(errors)} planted errors and {len(clean)} clean look-alikes; "
        f"at least {MINIMUM} of each are needed")
    ids = Counter(r["id"] for r in table)
    assert not [i for i, n in ids.items() if n > 1], f"{pair}: repeated ids"
    known = {c.id for c in all_checks()}
    assert {r["check"] for r in errors} <= known, f"{pair}: unknown check id"
    for family in FAMILIES:
        rows_of = [r for r in table if r["id"].rsplit("-", 1)[0] == family]
        assert any(r["check"] != CLEAN for r in rows_of), f"{pair}: no planted {family} error"
        assert any(r["check"] == CLEAN for r in rows_of), f"{pair}: no clean {family} row"
    assert {r["id"].rsplit("-", 1)[0] for r in table} <= set(FAMILIES)
