"""The pieces the TMX verbs share: digests, the compact digest table, dates."""

from __future__ import annotations

import random

from ahenk.model import Segment, Unit, parse_language
from ahenk.tmxops._common import DigestMap, date_number, source_digest, unit_digest


def test_digest_map_agrees_with_a_dict_and_stays_small():
    rng = random.Random(5)
    table, reference = DigestMap(2), {}
    for _ in range(50_000):
        key = rng.getrandbits(64) if rng.random() < 0.9 else rng.choice([0, 1, 2**64 - 1])
        values = (rng.getrandbits(64), rng.getrandbits(20))
        assert table.setdefault(key, *values) == reference.get(key or 1)
        reference.setdefault(key or 1, values)
    assert len(table) == len(reference)
    assert dict(table.items()) == reference
    stored = sum(a.buffer_info()[1] * a.itemsize for a in [table._keys, *table._values])
    assert stored / len(table) < 80  # bytes per entry; a dict of int tuples takes ~200


def test_digest_map_with_no_values_is_a_set():
    table = DigestMap(0)
    table.set(7)
    assert 7 in table and 8 not in table and len(table) == 1


def test_identity_is_text_not_metadata():
    en, az = parse_language("en"), parse_language("az")
    a = Unit(Segment("Report", en), [Segment("Məruzə", az)], id="1",
             attrs={"changedate": "20250101T000000Z"})
    b = Unit(Segment("Report", en), [Segment("Məruzə", az)], id="2")
    c = Unit(Segment("Report", en), [Segment("Hesabat", az)])
    assert unit_digest(a) == unit_digest(b) != unit_digest(c)
    assert source_digest(a) == source_digest(c)


def test_dates_sort_as_numbers():
    assert date_number("20250301T100000Z") > date_number("20250201T235959Z") > date_number("")
