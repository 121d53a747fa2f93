"""Stream a generated TMX of any size through ahenk and report time and memory.

``python fuzz/big_tmx.py --mb 1024`` writes a ~1 GB TMX to a temporary folder (or ``--path``),
reads it with :func:`ahenk.formats.tmx.iter_units` and prints JSON: units read, seconds, and
resident memory after 5 % of the units and at the end (``/proc/self/statm``), so flat memory
can be seen. Exit 1 when memory grew by more than ``--max-growth-mb`` (default 64).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

UNIT = ('<tu tuid="{i}" creationdate="20240101T000000Z"><prop type="x-domain">legal</prop>'
        '<tuv xml:lang="en"><seg>The contract number {i} enters into force on signature, '
        'with <ph x="1">&lt;b&gt;</ph>all annexes<ph x="2">&lt;/b&gt;</ph>.</seg></tuv>'
        '<tuv xml:lang="az"><seg>{i} nömrəli müqavilə imzalandığı gündən qüvvəyə minir, '
        'bütün əlavələrlə birlikdə.</seg></tuv>'
        '<tuv xml:lang="ru"><seg>Договор № {i} вступает в силу с момента подписания '
        'вместе со всеми приложениями.</seg></tuv></tu>\n')


def write_tmx(path: Path, megabytes: float) -> int:
    """Write a TMX of about *megabytes* MB; returns the number of units."""
    limit = int(megabytes * 1024 * 1024)
    units = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                  'creationtool="big_tmx" creationtoolversion="1" segtype="sentence" '
                  'o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
        written = 0
        while written < limit:
            block = "".join(UNIT.format(i=units + k) for k in range(1000))
            out.write(block)
            written += len(block.encode("utf-8"))
            units += 1000
        out.write("</body></tmx>\n")
    return units


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def stream(path: Path, expected: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from ahenk.formats import tmx

    start = time.monotonic()
    early = None
    count = 0
    chars = 0
    for unit in tmx.iter_units(path):
        count += 1
        chars += len(unit.source.text)
        if count == max(1, expected // 20):
            early = rss_mb()
    end = rss_mb()
    return {"units": count, "mb": round(path.stat().st_size / 1024 / 1024, 1),
            "seconds": round(time.monotonic() - start, 1), "rss_early_mb": round(early or 0, 1),
            "rss_end_mb": round(end, 1), "growth_mb": round(end - (early or end), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1024)
    parser.add_argument("--path", type=Path, default=None)
    parser.add_argument("--max-growth-mb", type=float, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ahenk-big-") as folder:
        path = args.path or Path(folder) / "big.tmx"
        units = write_tmx(path, args.mb)
        result = stream(path, units)
    print(json.dumps(result))
    return 0 if result["units"] == units and result["growth_mb"] <= args.max_growth_mb else 1


if __name__ == "__main__":
    sys.exit(main())
