"""Long fuzzing run over every ahenk reader: ``python fuzz/run.py --minutes N``.

Seeds are the real files in ``../shared/interop`` and ahenk's test data; each input is a seed
with random byte mutations (see ``tests/hardening/fuzzing.py``), written to a temporary file and
read by one reader. Anything other than a located ahenk error is a crash: it is counted once
per (exception, innermost ahenk line), and its input saved to ``fuzz/crashes/`` to be turned into
a regression file. An input taking longer than ``--timeout`` seconds counts as a hang.

Options: ``--minutes`` (default 5), ``--reader NAME`` (repeatable; default all), ``--seed N``
(reproducible run), ``--timeout S`` (default 10), ``--engine atheris`` (coverage-guided, one
reader per process, if atheris is installed). Exit 1 when anything crashed or hung.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hardening.fuzzing import Crash, crash_key, mutate, readers, run_one, seeds_for  # noqa: E402

CRASHES = Path(__file__).resolve().parent / "crashes"


class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang()


def builtin(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    names = args.reader or readers()
    seeds = {name: [p.read_bytes() for p in seeds_for(name)] for name in names}
    names = [n for n in names if seeds[n]]
    deadline = time.monotonic() + args.minutes * 60
    executed = 0
    outcomes: dict[str, dict[str, int]] = {n: {} for n in names}
    crashes: dict[str, dict] = {}
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory(prefix="ahenk-fuzz-") as folder:
        while time.monotonic() < deadline:
            name = names[executed % len(names)]
            pool = seeds[name]
            data = mutate(rng.choice(pool), rng, rng.choice(pool))
            suffix = {"srx": ".srx", "tbx-v3": ".tbx", "xliff2": ".xlf", "text": ".txt",
                      "omegat-glossary": ".tab", "termbase-csv": ".csv",
                      "termbase-tsv": ".tsv"}.get(name, "." + name)
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(data)
            executed += 1
            try:
                signal.alarm(args.timeout)
                try:
                    outcome = run_one(name, path)
                finally:
                    signal.alarm(0)
            except (Crash, Hang) as error:
                key = f"{name}:{'hang' if isinstance(error, Hang) else crash_key(error)}"
                outcome = "CRASH"
                if key not in crashes:
                    CRASHES.mkdir(exist_ok=True)
                    saved = CRASHES / f"{len(crashes):03d}-{name}{suffix}"
                    saved.write_bytes(data)
                    crashes[key] = {"file": str(saved), "error": str(error)[:300], "count": 0}
                    print(f"CRASH {key}: {str(error)[:200]} -> {saved}", flush=True)
                crashes[key]["count"] += 1
            outcomes[name][outcome] = outcomes[name].get(outcome, 0) + 1
            if executed % 5000 == 0:
                print(f"{executed} inputs, {len(crashes)} distinct crashes", flush=True)
    summary = {"executed": executed, "minutes": args.minutes, "seed": args.seed,
               "crashes": crashes, "outcomes": outcomes}
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 1 if crashes else 0


def atheris_engine(args: argparse.Namespace) -> int:  # pragma: no cover - optional engine
    import subprocess

    names = args.reader or readers()
    seconds = max(10, int(args.minutes * 60 / len(names)))
    failed = 0
    for name in names:
        child = [sys.executable, __file__, "--atheris-child", name,
                 f"-max_total_time={seconds}", f"-timeout={args.timeout}",
                 f"-artifact_prefix={CRASHES}/{name}-"]
        CRASHES.mkdir(exist_ok=True)
        print(f"atheris: {name} for {seconds}s", flush=True)
        failed |= subprocess.call(child) != 0
    return int(failed)


def atheris_child(name: str, argv: list[str]) -> None:  # pragma: no cover - optional engine
    import atheris

    seeds = [p.read_bytes() for p in seeds_for(name)]
    folder = tempfile.mkdtemp(prefix="ahenk-atheris-")
    path = Path(folder) / f"input.{name}"
    rng = random.Random(0)

    def target(data: bytes) -> None:
        # half the inputs are libFuzzer's own, half a seed mutated by ahenk's mutator
        if data[:1] == b"\x00" and seeds:
            data = mutate(seeds[data[1] % len(seeds)] if len(data) > 1 else seeds[0], rng)
        path.write_bytes(data)
        run_one(name, path)  # Crash propagates: libFuzzer saves the input

    atheris.instrument_all()  # coverage of ahenk (already imported) guides the mutations
    atheris.Setup([sys.argv[0], *argv], target)
    atheris.Fuzz()


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--atheris-child":
        atheris_child(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--reader", action="append", choices=readers())
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=int, default=10)
    parser.add_argument("--engine", choices=("builtin", "atheris"), default="builtin")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(2**32)
    return atheris_engine(args) if args.engine == "atheris" else builtin(args)


if __name__ == "__main__":
    sys.exit(main())
