"""Run every benchmark (or the ones named) in sequence: ``python bench/run.py [NAME...]``.

Each benchmark is a script ``bench/<name>/run.py`` that prints ahenk's figures next to a named
baseline measured in the same run, and exits 1 when ahenk misses its target. This runner
prints each one's output under a heading and a one-line verdict per benchmark at the end;
it exits 1 when any benchmark did.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names = argv or sorted(p.parent.name for p in HERE.glob("*/run.py"))
    verdicts = []
    for name in names:
        script = HERE / name / "run.py"
        if not script.is_file():
            print(f"no benchmark named {name!r} (have: "
                  f"{', '.join(sorted(p.parent.name for p in HERE.glob('*/run.py')))})")
            return 2
        print(f"\n=== bench/{name} ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)])
        verdicts.append((name, code, time.perf_counter() - start))
    print("\n=== summary ===")
    for name, code, seconds in verdicts:
        print(f"{name:10} {'target met' if code == 0 else f'exit {code}'}  ({seconds:.0f} s)")
    return 0 if all(code == 0 for _, code, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
