"""Memory stays bounded: hostile XML in a memory-capped subprocess, and a ~200 MB TMX streamed
with flat memory (the 1 GB run is ``python fuzz/big_tmx.py --mb 1024``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.hardening.hostile import BIG_ATTACKS, HOSTILE, write_all

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}

_READ_ALL = textwrap.dedent("""
    import json, resource, sys, tracemalloc, warnings
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a blow-up fails, not the box
    from ahenk.errors import AhenkError
    from tests.hardening.conftest import read_with
    from tests.hardening.hostile import TEMPLATES
    peaks = {}
    for name in sys.argv[1:]:
        path = Path(name)
        reader = max((r for r, (suffix, _) in TEMPLATES.items() if path.name.endswith(suffix)),
                     key=lambda r: len(TEMPLATES[r][0]))
        tracemalloc.start()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                read_with(reader, path)
            except AhenkError:
                pass
        peaks[path.name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"peaks": peaks, "max_rss": rss}))
""")


def test_hostile_files_stay_within_memory_bounds(tmp_path):
    files = [p for p in sorted(HOSTILE.iterdir()) if p.is_file()]
    files += write_all(tmp_path, BIG_ATTACKS)
    done = subprocess.run([sys.executable, "-c", _READ_ALL, *map(str, files)], env=ENV,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    sizes = {p.name: p.stat().st_size for p in files}
    # linear in the file, never exponential: at most 8 times its size plus 32 MB
    over = {name: peak for name, peak in result["peaks"].items()
            if peak > 8 * sizes[name] + (32 << 20)}
    assert over == {}, over
    assert result["max_rss"] < 512 << 20, result["max_rss"]


@pytest.mark.slow
def test_200_mb_tmx_streams_in_flat_memory():
    """Skipped when it takes more than 30 s here (set AHENK_SLOW=1 to wait for it)."""
    command = [sys.executable, str(ROOT / "fuzz" / "big_tmx.py"), "--mb", "200",
               "--max-growth-mb", "32"]
    timeout = None if os.environ.get("AHENK_SLOW") else 30
    try:
        done = subprocess.run(command, env=ENV, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("the 200 MB stream took more than 30 s on this machine (AHENK_SLOW=1)")
    result = json.loads(done.stdout)
    assert done.returncode == 0, result
    assert result["units"] > 300_000 and result["growth_mb"] <= 32, result
