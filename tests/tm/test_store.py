"""Lookup, concordance, duplicates and language handling, on every backend (parity)."""

from __future__ import annotations

import pytest

from ahenk.errors import UsageError
from ahenk.tm import TMEntry, open_store

from .tables import rows

CONCORDANCE = rows("concordance.tsv", 4)

MEMORY = [
    ("en", "az", "The Ombudsman visited 12 prisons in 2019.",
     "Ombudsman 2019-cu ildə 12 həbsxanaya baş çəkib."),
    ("en", "az", "The Ombudsman visited the prison in Ganja yesterday.",
     "Ombudsman dünən Gəncədəki həbsxanaya baş çəkib."),
    ("en", "az", "The Ombudsman met the Minister of Justice.",
     "Ombudsman Ədliyyə naziri ilə görüşüb."),
    ("en", "az", "Open %s in the editor", "%s faylını redaktorda aç"),
    ("en", "ru", "The Ombudsman visited 12 prisons in 2019.",
     "Омбудсмен посетил 12 тюрем в 2019 году."),
    ("az", "en", "İnsan hüquqları müdafiə olunmalıdır.", "Human rights must be protected."),
]


def fill(store, memory=MEMORY):
    return store.add(TMEntry(*row) for row in memory)


def test_exact_match_scores_100_and_comes_first(store):
    fill(store)
    matches = store.lookup("The Ombudsman visited the prison in Ganja yesterday.", "en", "az")
    assert matches[0].score == 100
    assert matches[0].entry.target == "Ombudsman dünən Gəncədəki həbsxanaya baş çəkib."
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_number_only_difference_is_found_and_shown(store):
    fill(store)
    [match] = store.lookup("The Ombudsman visited 14 prisons in 2019.", "en", "az", limit=1)
    assert match.score == 99
    assert match.numbers == (("12", "14"),)
    assert match.entry.target == "Ombudsman 2019-cu ildə 12 həbsxanaya baş çəkib."


def test_placeholder_difference_is_found(store):
    fill(store)
    [match] = store.lookup("Open %d in the editor", "en", "az", limit=1)
    assert match.score == 99 and match.entry.target == "%s faylını redaktorda aç"


def test_fuzzy_ranking_and_threshold(store):
    fill(store)
    matches = store.lookup("The Ombudsman visited the prison in Shusha yesterday.", "en", "az",
                           min_score=50)
    assert matches[0].entry.source == "The Ombudsman visited the prison in Ganja yesterday."
    assert 80 <= matches[0].score < 100
    assert any(c.op == "replace" and c.old == "Ganja" and c.new == "Shusha"
               for c in matches[0].changes)
    assert store.lookup("The Ombudsman visited the prison in Shusha yesterday.", "en", "az",
                        min_score=95) == []


def test_limit(store):
    fill(store)
    assert len(store.lookup("The Ombudsman visited", "en", "az", min_score=0, limit=2)) == 2


def test_lookup_keeps_the_language_pair(store):
    fill(store)
    [match] = store.lookup("The Ombudsman visited 12 prisons in 2019.", "en", "ru", limit=1)
    assert match.entry.target.startswith("Омбудсмен")
    assert store.lookup("The Ombudsman visited 12 prisons in 2019.", "ru", "az") == []


def test_entries_serve_the_other_direction(store):
    fill(store)
    [match] = store.lookup("Ombudsman Ədliyyə naziri ilə görüşüb.", "az", "en", limit=1)
    assert match.score == 100
    assert (match.entry.src_lang, match.entry.target) == (
        "az", "The Ombudsman met the Minister of Justice.")
    [match] = store.lookup("Human rights must be protected.", "en", "az", limit=1)
    assert match.entry.target == "İnsan hüquqları müdafiə olunmalıdır."


def test_turkic_casing_in_lookup(store):
    fill(store)
    [match] = store.lookup("İNSAN HÜQUQLARI MÜDAFİƏ OLUNMALIDIR.", "az", "en", limit=1)
    assert match.score == 99


def test_duplicates_are_stored_once(store):
    first = fill(store)
    again = fill(store)
    assert (first.added, first.duplicates) == (len(MEMORY), 0)
    assert (again.added, again.duplicates) == (0, len(MEMORY))
    assert store.count() == len(MEMORY)


def test_empty_pairs_are_skipped(store):
    stats = store.add([TMEntry("en", "az", "Text", "  "), TMEntry("en", "az", "", "Mətn")])
    assert (stats.added, stats.skipped) == (0, 2)


def test_language_pairs_and_entries_order(store):
    fill(store)
    assert store.language_pairs() == [("az", "en", 1), ("en", "az", 4), ("en", "ru", 1)]
    assert [e.source for e in store.entries("en", "az")] == [r[2] for r in MEMORY[:4]]


def test_bad_arguments(store):
    with pytest.raises(UsageError):
        store.lookup("x", "en", "az", min_score=101)
    with pytest.raises(UsageError):
        store.lookup("x", "en", "az", limit=0)
    with pytest.raises(UsageError):
        store.concordance("...", "en")


def test_signature_names_the_backend(store):
    assert store.signature().startswith(f"tm:{store.backend}|schema:")


@pytest.mark.parametrize(("lang", "search", "text", "found"), CONCORDANCE,
                         ids=[f"{r[0]}-{r[1]}-{r[3]}" for r in CONCORDANCE])
def test_concordance_table(store, lang, search, text, found):
    other = "en" if lang != "en" else "az"
    store.add([TMEntry(lang, other, text, "x"), TMEntry(other, lang, "y", text),
               TMEntry(lang, other, "Nothing to see here.", "z")])
    hits = store.concordance(search, lang)
    if found == "-":
        assert hits == []
        return
    assert {h.side for h in hits} == {"source", "target"}
    for hit in hits:
        assert [hit.text[a:b] for a, b in hit.spans] == [found]
        assert hit.lang == lang


def test_concordance_most_recent_first_and_limit(store):
    store.add(TMEntry("en", "az", f"Landmine report number {i}", f"Mina hesabatı {i}")
              for i in range(30))
    hits = store.concordance("landmine", "en", limit=5)
    assert [h.entry.source for h in hits] == [f"Landmine report number {i}"
                                               for i in range(29, 24, -1)]


def test_missing_sqlite_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no translation memory"):
        open_store(tmp_path / "absent.sqlite", create=False)


def test_bad_url_is_a_usage_error():
    with pytest.raises(UsageError):
        open_store("mysql://localhost/tm")
