"""Random and mutated bytes into every reader: only located ahenk errors may come out.

Seeds are the real files of ``../shared/interop`` and ahenk's own test data (see
``fuzzing.py``); the example counts are kept moderate so the suite stays fast — the long run
is ``python fuzz/run.py --minutes N``. Inputs that once crashed a reader are kept under
``tests/data/hostile/fuzz/`` and replayed here.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.fuzzing import mutate, readers, run_one, seeds_for
from tests.hardening.hostile import HOSTILE

READERS = readers()
SUFFIX = {"srx": ".srx", "tbx-v3": ".tbx", "xliff2": ".xlf", "text": ".txt",
          "omegat-glossary": ".tab", "termbase-csv": ".csv", "termbase-tsv": ".tsv"}
FUZZ_SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                         suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])


def _path(tmp_path: Path, reader: str) -> Path:
    return tmp_path / f"input{SUFFIX.get(reader, '.' + reader)}"


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_has_seeds(reader):
    assert seeds_for(reader), f"no seed files for {reader}"


@pytest.mark.parametrize("reader", READERS)
@FUZZ_SETTINGS
@given(data=st.data())
def test_mutated_seeds(reader, tmp_path, data):
    seeds = seeds_for(reader)
    seed = seeds[data.draw(st.integers(0, len(seeds) - 1), label="seed")]
    other = seeds[data.draw(st.integers(0, len(seeds) - 1), label="splice")]
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1), label="mutations"))
    path = _path(tmp_path, reader)
    path.write_bytes(mutate(seed.read_bytes(), rng, other.read_bytes()))
    run_one(reader, path)


@pytest.mark.parametrize("reader", READERS)
@FUZZ_SETTINGS
@given(payload=st.binary(max_size=2048) | st.text(max_size=512).map(str.encode))
def test_random_bytes(reader, tmp_path, payload):
    path = _path(tmp_path, reader)
    path.write_bytes(payload)
    run_one(reader, path)


REGRESSIONS = sorted((HOSTILE / "fuzz").iterdir())


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
@pytest.mark.parametrize("reader", READERS)
def test_fuzz_regressions(path, reader, tmp_path):
    """Every input that once crashed a reader, replayed into every reader."""
    copy = _path(tmp_path, reader)
    copy.write_bytes(path.read_bytes())
    run_one(reader, copy)
