"""Streaming: reading a big TMX keeps memory flat; the whole-store read does not."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from ahenk.formats.tmx import iter_units, read

UNITS = 50_000
BOUND = 2_000_000  # bytes of Python memory at peak while streaming


def generate(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="gen" creationtoolversion="1" segtype="sentence" '
                  'o-tmf="gen" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
        for i in range(count):
            out.write(f'<tu tuid="{i}"><tuv xml:lang="en"><seg>Report {i} of the Ombudsman'
                      f'</seg></tuv><tuv xml:lang="az"><seg>Ombudsmanın {i} saylı məruzəsi'
                      f'</seg></tuv><tuv xml:lang="ru"><seg>Доклад омбудсмена № {i}</seg>'
                      '</tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.tmx"
    generate(path, UNITS)
    return path


def _rss() -> int | None:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def test_streaming_peak_is_flat(big):
    rss_before = _rss()
    tracemalloc.start()
    try:
        count = 0
        for _unit in iter_units(big):
            count += 1
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == UNITS
    assert peak < BOUND, f"streaming {UNITS} units peaked at {peak:,} bytes"
    rss_after = _rss()
    if rss_before is not None and rss_after is not None:
        # the parsed <tu> elements (C memory, invisible to tracemalloc) are freed as we go
        assert rss_after - rss_before < 40_000_000


def test_unstreamed_read_exceeds_the_bound_on_a_tenth(tmp_path):
    path = tmp_path / "tenth.tmx"
    generate(path, UNITS // 10)
    tracemalloc.start()
    try:
        store = read(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(store) == UNITS // 10
    assert peak > BOUND  # so holding all 50 000 would exceed it about tenfold
