"""Deleting entries, update imports (newest wins), stats and schema migration, on every
backend; the index and the term counts must follow every change."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from ahenk.errors import UsageError
from ahenk.tm import Selection, TMEntry, TMStore, open_store
from ahenk.tm.edit import newest_wins
from ahenk.tm.similarity import index_terms

DATA = Path(__file__).resolve().parent / "data"

MEMORY = [
    TMEntry("en", "az", "The Ombudsman visited the landmine area.",
            "Ombudsman mina sahəsinə baş çəkib.", "old.tmx", "2019-05-01T10:00:00Z"),
    TMEntry("en", "az", "The committee met in Baku.", "Komitə Bakıda toplandı.", "old.tmx",
            "2020-03-01T10:00:00Z"),
    TMEntry("en", "az", "The report was published.", "Hesabat dərc edildi.", "new.tmx",
            "2024-01-15T08:00:00Z"),
    TMEntry("en", "ru", "The report was published.", "Доклад был опубликован.", "new.tmx",
            "2024-01-16T08:00:00Z"),
]


def index_counts(store: TMStore) -> tuple[dict, Counter]:
    """The backend's term counts, and those the entries it holds should give."""
    expected: Counter = Counter()
    for entry in store.entries():
        expected.update((0, t) for t in index_terms(entry.source, entry.src_lang))
        expected.update((1, t) for t in index_terms(entry.target, entry.tgt_lang))
    table = "tm_df" if store.backend == "sqlite" else "ahenk_tm_df"
    held = {(col, term): n for col, term, n in store.db.execute(
        f"SELECT col, term, n FROM {table}").fetchall()}
    return held, expected


def indexed(store: TMStore, term: str) -> int:
    """How many entries the source index lists under *term*."""
    if store.backend == "sqlite":
        sql = "SELECT count(*) FROM tm_src WHERE tm_src MATCH ?"
        return store.db.execute(sql, (f'"{term}"',)).fetchone()[0]
    sql = "SELECT count(*) FROM ahenk_tm_unit WHERE src_terms @@ %s::tsquery"
    return store.db.execute(sql, (f"'{term}'",)).fetchone()[0]


def targets(store: TMStore, source: str) -> list[str]:
    return [e.target for e in store.entries() if e.source == source]


# -- delete ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("selection", "left"), [
    (Selection(ids=(1, 3)), [2, 4]),
    (Selection(origin="old.tmx"), [3, 4]),
    (Selection(before="2020-03-01"), [2, 3, 4]),
    (Selection(before="2020-03-01T10:00:01Z"), [3, 4]),
    (Selection(since="2024-01-16"), [1, 2, 3]),
    (Selection(source="The report was published.", src="en", tgt="az"), [1, 2, 4]),
    (Selection(source="The report was published."), [1, 2]),
    (Selection(target="Komitə Bakıda toplandı."), [1, 3, 4]),
    (Selection(src="en", tgt="ru"), [1, 2, 3]),
    (Selection(ids=(1, 2), origin="new.tmx"), [1, 2, 3, 4]),
    (Selection(ids=(99,)), [1, 2, 3, 4]),
], ids=["ids", "origin", "before-day", "before-time", "since", "source-pair", "source",
        "target", "pair", "ids-and-origin", "absent-id"])
def test_delete_selects_by_every_field(store, selection, left):
    store.add(MEMORY)
    positions = {e.source + e.tgt_lang: k for k, e in enumerate(MEMORY, 1)}
    expected = len(MEMORY) - len(left)
    assert store.delete(selection, dry_run=True) == expected
    assert store.count() == len(MEMORY)
    assert store.delete(selection) == expected
    assert sorted(positions[e.source + e.tgt_lang] for e in store.entries()) == left


def test_delete_updates_index_and_counts(store):
    store.add(MEMORY)
    assert indexed(store, "landmi") == 1
    store.delete(Selection(origin="old.tmx"))
    held, expected = index_counts(store)
    assert held == expected
    assert indexed(store, "landmi") == 0
    assert store.lookup("The Ombudsman visited the landmine area.", "en", "az") == []
    assert store.concordance("committee", "en") == []
    # what is left is found, and a deleted pair can be imported again
    assert store.lookup("The report was published.", "en", "az")[0].score == 100
    assert store.add(MEMORY[:1]).added == 1
    assert store.lookup("The Ombudsman visited the landmine area.", "en", "az")[0].score == 100
    held, expected = index_counts(store)
    assert held == expected


def test_delete_needs_a_criterion(store):
    store.add(MEMORY)
    with pytest.raises(UsageError, match="name the entries"):
        store.delete(Selection())
    with pytest.raises(UsageError, match="--before"):
        Selection(before="2024-02-30")
    assert store.count() == len(MEMORY)


# -- update imports ----------------------------------------------------------------------------

SOURCE = "The committee met in Baku."


def entry(target: str, created: str = "", source: str = SOURCE) -> TMEntry:
    return TMEntry("en", "az", source, target, "update.tmx", created)


def test_by_default_a_new_translation_is_kept_beside_the_old(store):
    store.add(MEMORY)
    stats = store.add([entry("Komitə Bakıda iclas keçirdi.", "2025-01-01T00:00:00Z")])
    assert (stats.added, stats.replaced) == (1, 0)
    assert sorted(targets(store, SOURCE)) == ["Komitə Bakıda iclas keçirdi.",
                                              "Komitə Bakıda toplandı."]
    assert store.stats().alternatives == 1


def test_update_replaces_an_older_translation(store):
    store.add(MEMORY)
    stats = store.add([entry("Komitə Bakıda iclas keçirdi.", "2025-01-01T00:00:00Z")],
                      update=True)
    assert (stats.added, stats.replaced, stats.outdated, stats.duplicates) == (1, 1, 0, 0)
    assert targets(store, SOURCE) == ["Komitə Bakıda iclas keçirdi."]
    assert targets(store, "The report was published.") != []  # other sources untouched
    held, expected = index_counts(store)
    assert held == expected
    [match] = store.lookup(SOURCE, "en", "az", limit=1)
    assert match.entry.target == "Komitə Bakıda iclas keçirdi."


def test_update_keeps_a_newer_translation(store):
    store.add(MEMORY)
    stats = store.add([entry("Köhnə tərcümə.", "2001-01-01T00:00:00Z")], update=True)
    assert (stats.added, stats.replaced, stats.outdated) == (0, 0, 1)
    assert targets(store, SOURCE) == ["Komitə Bakıda toplandı."]


def test_update_without_a_date_counts_as_new(store):
    store.add(MEMORY)
    stats = store.add([entry("Komitə Bakıda iclas keçirdi.")], update=True)
    assert (stats.added, stats.replaced) == (1, 1)


def test_update_with_a_known_pair_removes_the_others(store):
    store.add(MEMORY)
    store.add([entry("Komitə Bakıda iclas keçirdi.", "2021-01-01T00:00:00Z")])
    # the 2020 translation arrives again, dated 2023: it is the newest, the 2021 one goes
    stats = store.add([entry("Komitə Bakıda toplandı.", "2023-01-01T00:00:00Z")], update=True)
    assert (stats.added, stats.duplicates, stats.replaced) == (0, 1, 1)
    assert targets(store, SOURCE) == ["Komitə Bakıda toplandı."]


def test_update_within_one_import_keeps_the_newest(store):
    stats = store.add([entry("Birinci.", "2022-01-01T00:00:00Z"),
                       entry("İkinci.", "2023-01-01T00:00:00Z"),
                       entry("Üçüncü.", "2021-01-01T00:00:00Z"),
                       entry("İkinci.", "2020-01-01T00:00:00Z")], update=True)
    assert (stats.added, stats.duplicates, stats.outdated) == (1, 1, 2)
    assert targets(store, SOURCE) == ["İkinci."]
    assert next(store.entries()).created == "2023-01-01T00:00:00Z"


def test_update_is_per_language_pair(store):
    store.add(MEMORY)
    store.add([TMEntry("en", "ru", "The report was published.", "Отчёт опубликован.")],
              update=True)
    assert sorted(targets(store, "The report was published.")) == [
        "Hesabat dərc edildi.", "Отчёт опубликован."]


@pytest.mark.parametrize(("stored", "imported", "added", "deleted", "outdated"), [
    ([("a", "2020", 1)], [("b", "2021")], ["b"], [1], 0),
    ([("a", "2022", 1)], [("b", "2021")], [], [], 1),
    ([("a", "2021", 1)], [("b", "2021")], ["b"], [1], 0),  # equal dates: the import wins
    ([("a", "2020", 1), ("b", "2020", 2)], [("c", "2019")], [], [1], 1),  # higher id wins
    ([], [("a", "2020"), ("b", "2020")], ["b"], [], 1),  # later in the file wins
    ([("a", "2020", 1)], [("b", "")], ["b"], [1], 0),  # no date: now
])
def test_newest_wins_table(stored, imported, added, deleted, outdated):
    memory = [TMEntry("en", "az", "S", t, None, f"{d}-01-01T00:00:00Z", id=i)
              for t, d, i in stored]
    batch = [TMEntry("en", "az", "S", t, None, f"{d}-01-01T00:00:00Z" if d else "")
             for t, d in imported]
    plan = newest_wins(batch, memory, "2026-01-01T00:00:00Z")
    assert [e.target for e in plan.add] == added
    assert plan.delete == deleted
    assert plan.outdated == outdated


# -- stats -------------------------------------------------------------------------------------


def test_stats(store):
    assert store.stats().entries == 0
    store.add(MEMORY)
    store.add([TMEntry("en", "az", SOURCE, "Başqa tərcümə.", None, "2018-01-01T00:00:00Z")])
    stats = store.stats()
    assert stats.entries == 5
    assert stats.pairs == (("en", "az", 4), ("en", "ru", 1))
    assert stats.origins == (("new.tmx", 2), ("old.tmx", 2), (None, 1))
    assert (stats.oldest, stats.newest) == ("2018-01-01T00:00:00Z", "2024-01-16T08:00:00Z")
    assert stats.alternatives == 1
    assert stats.signature == store.signature()


# -- schema 1 ----------------------------------------------------------------------------------


def test_sqlite_schema_1_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema1.sqlite", path)  # written by ahenk's schema-1 store
    with open_store(path) as store:
        assert store.signature().startswith("tm:sqlite|schema:2|")
        assert store.count() == 7
        held, expected = index_counts(store)
        assert held == expected
        [match] = store.lookup("The Ombudsman's first report", "en", "az", min_score=50,
                               limit=1)
        assert match.entry.target.startswith("Ombudsmanın ilkin məruzəsi")
        hits = store.concordance("омбудсмен", "ru")
        assert [h.text[slice(*h.spans[0])].lower() for h in hits] == ["омбудсмена"] * 2
        before = [(e.id, e.source, e.target, e.created) for e in store.entries()]
        # still one entry per pair: the keys were computed from the stored texts
        again = [TMEntry(e.src_lang, e.tgt_lang, e.source, e.target) for e in store.entries()]
        assert store.add(again).duplicates == 7
    with open_store(path) as store:  # opened again: nothing to migrate
        assert [(e.id, e.source, e.target, e.created) for e in store.entries()] == before


def test_sqlite_unknown_schema_is_refused(tmp_path):
    path = tmp_path / "tm.sqlite"
    with open_store(path) as store:
        store.db.execute("UPDATE tm_meta SET value = '9' WHERE key = 'schema'")
    with pytest.raises(UsageError, match=rf"{path}: translation memory of schema 9"):
        open_store(path)


def test_postgresql_schema_1_gets_the_source_index(request):
    from .conftest import fresh_url

    url = fresh_url("postgresql", Path("."), request)
    with open_store(url) as store:
        store.add(MEMORY)
        store.db.execute("DROP INDEX ahenk_tm_source")
        store.db.execute("UPDATE ahenk_tm_meta SET value = '1' WHERE key = 'schema'")
    with open_store(url) as store:
        assert store.signature().startswith("tm:postgresql|schema:2|")
        assert store.db.execute("SELECT 1 FROM pg_indexes WHERE indexname = "
                                "'ahenk_tm_source'").fetchone()
        assert store.delete(Selection(source=SOURCE)) == 1
