"""The TM score: the table in data/scores.tsv, number and placeholder masking, diffs."""

from __future__ import annotations

import pytest

from ahenk.tm import similarity
from ahenk.tm.similarity import normalise, number_changes, score, word_diff

from .tables import rows

SCORES = rows("scores.tsv", 5)


@pytest.mark.parametrize(("lang", "memory", "query", "expected", "why"), SCORES,
                         ids=[f"{r[0]}-{r[4]}" for r in SCORES])
def test_score_table(lang, memory, query, expected, why):
    got = score(memory, query, lang)
    if "-" in expected:
        low, high = (int(x) for x in expected.split("-"))
        assert low <= got <= high, f"{why}: {got} not in {expected}"
    else:
        assert got == int(expected), why
    assert score(query, memory, lang) == got  # symmetric


def test_only_identical_text_scores_100():
    assert score("Open the file.", "Open the file.", "en") == 100
    assert score("Open the file.", "Open the file. ", "en") == 99


def test_numbers_are_masked_but_kept():
    key = normalise("Article 12 of the 1993 law, 3 400 cases, 2,5%", "en")
    assert key.numbers == ("12", "1993", "3 400", "2,5")
    assert "12" not in key.key and similarity.NUMBER_MASK in key.key
    assert normalise("Article 14 of the 1994 law, 3 500 cases, 7,5%", "en").key == key.key


def test_digits_glued_to_letters_are_not_numbers():
    assert normalise("COP29 in Baku", "en").numbers == ()
    assert normalise("COP29 in Baku", "en").key != normalise("COP30 in Baku", "en").key


def test_placeholders_are_masked():
    for text in ("Open %s", "Open %1$d", "Open %(name)s", "Open {0}", "Open {name}",
                 "Open {{ name }}", "Open ${HOME}", 'Open <x id="1"/>'):
        key = normalise(text, "en")
        assert key.key == "open " + similarity.PLACEHOLDER_MASK, text
        assert len(key.placeholders) == 1, text


def test_percent_is_not_a_placeholder():
    assert normalise("12.5% in total", "en").placeholders == ()


def test_number_changes_pair_memory_and_query():
    memory = normalise("The Ombudsman visited 12 prisons in 2019.", "en")
    query = normalise("The Ombudsman visited 14 prisons in 2019.", "en")
    assert number_changes(query, memory) == (("12", "14"),)
    assert number_changes(memory, memory) == ()


def test_word_diff_marks_the_differing_words():
    changes = word_diff("The Ombudsman visited the school today.",
                        "The Ombudsman visited the prison yesterday.", "en")
    assert [(c.op, c.old, c.new) for c in changes] == [
        ("equal", "The Ombudsman visited the", ""),
        ("replace", "prison yesterday", "school today"),
        ("equal", ".", ""),
    ]
    assert [c.space for c in changes] == [False, True, False]  # no space before the "."


@pytest.mark.parametrize(("query", "memory", "shown"), [
    ("After the war, 275 people were hit.", "After the war, 274 people were hit.",
     "After the war, [-274-] {+275+} people were hit."),
    ("Hello world", "Hello, world", "Hello[-,-] world"),
    ("Hello, world", "Hello world", "Hello{+,+} world"),
    ("Call (now)!", "Call (later)!", "Call ([-later-] {+now+})!"),
    ("The report «Ombudsman» was read.", "The report «Ombudsman» was published.",
     "The report «Ombudsman» was [-published-] {+read+}."),
])
def test_diff_keeps_the_spacing_of_punctuation(query, memory, shown):
    from ahenk.cli.tm import render_changes

    assert render_changes(word_diff(query, memory, "en")) == shown


def test_turkic_case_in_the_diff():
    changes = word_diff("İSTANBUL şəhəri", "istanbul şəhəri", "az")
    assert [c.op for c in changes] == ["equal"]


def test_ranking_follows_edits():
    memory = "The national preventive mechanism visited the prison in Ganja yesterday."
    one = "The national preventive mechanism visited the prison in Shusha yesterday."
    two = "The national preventive mechanism visited the school in Shusha yesterday."
    three = "The national preventive mechanism inspected the school in Shusha today."
    scores = [score(memory, q, "en") for q in (one, two, three)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3


def test_signature_names_version_and_parameters():
    sig = similarity.signature()
    assert sig.startswith(f"{similarity.NAME}|v:{similarity.VERSION}|")
    assert "rapidfuzz:" in sig and f"terms:{similarity.TERM_WIDTH}" in sig


def test_index_terms_cut_long_words():
    assert similarity.index_terms("Ombudsmanın məruzəsi", "az") == ("ombuds", "məruzə")
    assert similarity.index_terms("İnsan hüquqları", "az") == ("insan", "hüquql")
