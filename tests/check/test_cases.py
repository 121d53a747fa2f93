"""The check tables: each row is one unit, checked with the row's checks; the ids reported must
be exactly the row's expectation (cases.tsv, read by a translator as well as by pytest)."""

from __future__ import annotations

import pytest

from ahenk.check import check_store
from tests.check.tables import Row, ids, rows, store_of, termbase

CASES = rows("cases.tsv")


@pytest.fixture(scope="module")
def tb():  # type: ignore[no-untyped-def]
    return termbase()


@pytest.mark.parametrize(("line", "row"), CASES,
                         ids=[f"line{n}-{r['select'].split(',')[0]}" for n, r in CASES])
def test_case(line, row, tb):  # type: ignore[no-untyped-def]
    target = None if row["target"] == "<none>" else row["target"]
    unit = Row(line, row["src"], row["source"], row["tgt"], target).unit()
    report = check_store(store_of([unit], row["src"], row["tgt"]), tb, select=row["select"])
    found = {f.check_id for f in report}
    assert found == ids(row["expect"]), (
        f"cases.tsv:{line} ({row['note']}): expected {sorted(ids(row['expect']))}, got "
        + "; ".join(f"{f.check_id}: {f.message}" for f in report)
    )


def test_every_check_has_a_planted_error_and_a_clean_row():
    from ahenk.check import all_checks

    planted = set().union(*(ids(r["expect"]) for _, r in CASES))
    selected = set().union(*(ids(r["select"]) for _, r in CASES))
    corpus = {"inconsistent-target", "inconsistent-source", "inline-code-mismatch"}
    missing = {c.id for c in all_checks()} - corpus - planted
    assert not missing, f"no planted error for {sorted(missing)} in cases.tsv"
    assert {c.id for c in all_checks()} - corpus <= selected


def test_language_pairs_covered():
    pairs = {(r["src"], r["tgt"]) for _, r in CASES}
    assert {("en", "az"), ("en", "ru"), ("az", "en"), ("az", "ru"), ("ru", "az")} <= pairs
