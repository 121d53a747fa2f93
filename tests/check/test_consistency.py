"""inconsistent-target / inconsistent-source over units checked together."""

from __future__ import annotations

from collections import defaultdict

import pytest

from ahenk.check import check_store, check_stores
from ahenk.check.checks.consistency import lemmatizer, normalise
from ahenk.model import Location
from tests.check.tables import Row, ids, rows, store_of

SELECT = "inconsistent-target,inconsistent-source"
GROUPS: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
for _line, _row in rows("consistency_cases.tsv"):
    GROUPS[_row["group"]].append((_line, _row))


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_group(group):  # type: ignore[no-untyped-def]
    members = GROUPS[group]
    units = [Row(line, r["src"], r["source"], r["tgt"], r["target"]).unit() for line, r in members]
    report = check_store(store_of(units, members[0][1]["src"], members[0][1]["tgt"]),
                         select=SELECT)
    got: dict[str, set[str]] = defaultdict(set)
    for finding in report:
        got[finding.unit].add(finding.check_id)
    for line, row in members:
        assert got.get(f"row{line}", set()) == ids(row["expect"]), (
            f"consistency_cases.tsv:{line} ({row['note']}): "
            + "; ".join(f"{f.unit} {f.check_id}: {f.message}" for f in report))


def test_across_files():
    a = store_of([Row(1, "en", "Annual report", "az", "İllik məruzə").unit()], "en", "az")
    b = store_of([Row(2, "en", "Annual report", "az", "İllik məruzə").unit(),
                  Row(3, "en", "Annual report", "az", "İllik hesabat").unit()], "en", "az")
    for store, name in ((a, "a.po"), (b, "b.po")):
        store.origin = name
        for unit in store:
            unit.location = Location(name, unit.location.line)
    report = check_stores([a, b], select="inconsistent-target")
    assert [(f.file, f.unit, f.found, f.expected) for f in report] == [
        ("b.po", "row3", "İllik hesabat", "İllik məruzə")]
    assert "a.po:1" in report.findings[0].message


def test_normalise():
    assert normalise("İLLİK  Məruzə!", "az") == normalise("illik məruzə", "az")
    assert normalise("Islahat", "az") != normalise("islahat", "az")
    assert lemmatizer("ru") is not None and lemmatizer("az") is None
    assert normalise("Совета Европы", "ru") == normalise("Совет Европы", "ru")
