"""The findings stores (:mod:`ahenk.check.found`): report order and sequences, in memory or on disk.

:class:`Found` must give back any entries in exactly the order ``sorted()`` gives them by
``(finding.sort_key(), place)`` — in a list and from SQLite alike — with places of any shape,
texts with any code point, ``None`` beside ``""`` and ties broken by arrival. What
:func:`collect` returns must read as the list it stands for, as often as asked, and both stores
must leave no folder behind once closed, once dropped, or when what feeds them fails.
"""

from __future__ import annotations

import gc
import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ahenk.check import found
from ahenk.check.finding import Finding, Side
from ahenk.check.found import Found, StoredFindings, collect
from ahenk.check.suppress import CLEAR, UNCHANGED, Mark
from ahenk.diagnostics import Severity

# few values, so that keys often tie and the later parts of the key and the place decide
TEXTS = st.sampled_from(["", "a", "a\x00", "ab", "b", "é", "z", "\ud800", "\ue000", "𝕏", "Ş"])
MAYBE = st.one_of(st.none(), TEXTS)
LINES = st.one_of(st.none(), st.sampled_from([0, 1, 2, 10, 2**40]))
SPANS = st.one_of(st.none(), st.tuples(st.integers(0, 3), st.integers(0, 3)))
PLACES = st.lists(st.integers(min_value=0, max_value=2**62), max_size=4).map(tuple)
MARKS = st.sampled_from([CLEAR, UNCHANGED, Mark(("ahenk: ignore all",), "f.po", 3)])


@st.composite
def entries(draw: st.DrawFn) -> list[found.Entry]:
    out = []
    for n in range(draw(st.integers(0, 30))):
        finding = Finding(
            check_id=draw(st.sampled_from(["term-missing", "number-mismatch"])),
            severity=draw(st.sampled_from(list(Severity))), message=draw(TEXTS),
            file=draw(MAYBE), line=draw(LINES), unit=draw(MAYBE),
            side=draw(st.sampled_from(list(Side))), source=draw(TEXTS),
            target=draw(MAYBE), span=draw(SPANS),
            term=str(n))  # not in the key: tells apart findings that tie on every part of it
        out.append((finding, draw(PLACES), draw(MARKS)))
    return out


def ordered(items: list[found.Entry], in_memory: int) -> list[tuple[Finding, Mark]]:
    with Found(in_memory) as store:
        store.extend(items)
        assert store.spilled == (len(items) > in_memory)
        return list(store.ordered())


@settings(max_examples=150, deadline=None)
@given(entries(), st.integers(min_value=0, max_value=5))
def test_order_is_sorted_order(items, in_memory):  # type: ignore[no-untyped-def]
    expected = [(f, m) for f, _, m in sorted(items, key=lambda e: (e[0].sort_key(), e[1]))]
    assert ordered(items, in_memory) == expected
    assert ordered(items, 10**6) == expected


def test_ties_on_the_sort_key_go_by_place():
    finding = Finding("term-missing", Severity.ERROR, "m", file="a.tmx", line=3, unit="u")
    places = [(0, 0, 5, 1), (0, 0, 5, 0), (1, 2, 0, 0), (0, 0, 4, 9), (1, 1, 0, 3), (0,), ()]
    items = [(Finding(**{**finding.__dict__, "term": str(p)}), p, CLEAR) for p in places]
    random.Random(7).shuffle(items)
    for in_memory in (0, 10**6):
        assert [f.term for f, _ in ordered(items, in_memory)] == [str(p) for p in sorted(places)]


def test_found_deletes_its_folder_when_closed_or_dropped():
    finding = Finding("term-missing", Severity.ERROR, "m")
    store = Found(1)
    store.extend([(finding, (0, n), CLEAR) for n in range(3)])
    assert store.folder is not None and os.path.isdir(store.folder)
    store.close()
    assert not os.path.exists(store.folder)
    dropped = Found(0)
    dropped.add((finding, (0,), CLEAR))
    folder = dropped.folder
    del dropped
    gc.collect()
    assert folder is not None and not os.path.exists(folder)


def findings(count: int) -> list[Finding]:
    return [Finding("number-mismatch", Severity.WARNING, f"finding {n}", file="a.po", line=n)
            for n in range(count)]


def test_few_findings_stay_a_list():
    assert collect(iter(findings(5)), 5) == findings(5)
    assert type(collect(iter(findings(5)), 5)) is list
    assert collect(iter([]), 0) == []


def test_stored_findings_read_as_the_list(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(found, "CHUNK", 4)
    kept = findings(11)
    with collect(iter(kept), 3) as stored:
        assert isinstance(stored, StoredFindings) and os.path.isdir(stored.folder)
        assert len(stored) == 11 and stored and stored == kept and kept == stored
        assert list(stored) == list(stored) == kept  # read again
        assert stored != kept[:-1] and stored != [*kept[:-1], kept[0]]
        assert [stored[i] for i in (0, 3, 4, 10, -1, -11)] == \
            [kept[i] for i in (0, 3, 4, 10, -1, -11)]
        for bad in (11, -12):
            with pytest.raises(IndexError):
                stored[bad]
        for start, stop in ((0, 11), (2, 9), (4, 8), (5, 5), (9, 3), (-3, None), (0, 99)):
            view = stored[start:stop]
            assert len(view) == len(kept[start:stop]) and list(view) == kept[start:stop]
            assert view == kept[start:stop]
        view = stored[2:10]
        assert list(view[1:5]) == kept[2:10][1:5] and view[-1] == kept[9]
        assert stored[1:10:3] == kept[1:10:3]
        assert kept[5] in stored and stored.index(kept[5]) == 5
        with pytest.raises(ValueError, match="read-only"):
            stored.append(kept[0])
    assert stored.closed and not os.path.exists(stored.folder)
    with pytest.raises(ValueError, match="closed"):
        list(stored)


def test_stored_findings_go_when_dropped():
    stored = collect(iter(findings(3)), 1)
    assert isinstance(stored, StoredFindings)
    folder = stored.folder
    del stored
    gc.collect()
    assert not os.path.exists(folder)


def test_a_failure_while_collecting_leaves_no_folder(monkeypatch):  # type: ignore[no-untyped-def]
    made: list[StoredFindings] = []
    real = StoredFindings.__init__

    def spy(self):  # type: ignore[no-untyped-def]
        real(self)
        made.append(self)

    monkeypatch.setattr(StoredFindings, "__init__", spy)

    def failing():  # type: ignore[no-untyped-def]
        yield from findings(5)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        collect(failing(), 2)
    assert len(made) == 1 and made[0].closed and not os.path.exists(made[0].folder)
