"""Check benchmark (issue 6): ahenk's checks against a bare Aho-Corasick scan and pofilter.

    .venv/bin/python bench/check/run.py                  # 100k units (a few minutes)
    .venv/bin/python bench/check/run.py --full           # 1M units
    .venv/bin/python bench/check/run.py --units 20000 --src /tmp/old/src   # another ahenk
    .venv/bin/python bench/check/run.py --sizes 20000,100000 --only read,terms,all,consistency
    .venv/bin/python bench/check/run.py --units 20000 --only terms,all --jobs 2   # + -j2 rows

Data (:mod:`generate`, seeded, cached under ``--data``): a 10k-concept en/az/ru termbase and
N units, half en→az and half en→ru, in two TMX files (and a PO subset for pofilter).

Rows, each measured in a subprocess of its own (wall time, CPU time, peak RSS of that process):

* ``floor``: the named baseline. Every term of the termbase (all languages, lower-cased) in one
  pyahocorasick automaton; each unit's source and target lower-cased and scanned with
  ``Automaton.iter``, hits counted. No morphology, no checks, no file parsing: the least any
  term check must do.
* ``term finder`` (``finder``): the floor's loop with ahenk's term matcher in its place, on
  the same texts: the terms found inflected (morphology on) where the floor finds them as
  typed. Like for like with the floor: no file, no checks, no near-miss search.
* ``read``: streaming the two TMX files (:func:`ahenk.formats.tmx.iter_units`), for scale.
* ``ahenk terms``: ``check_paths`` with term-missing, term-forbidden and term-variant
  (inflection-aware matching on both sides, near-miss search), termbase loading excluded,
  index building included.
* ``ahenk match``: term-missing and term-forbidden only, the matching with
  morphology without term-variant's near-miss search: what the floor's exact scan becomes
  once terms inflect.
* ``ahenk all``: ``check_paths`` with the default check set.
* ``consistency``: ``check_paths`` with inconsistent-target and inconsistent-source only, the
  checks that must keep something of every pair (an index that moves to disk past
  ``ahenk.check.spill.SPILL_ROWS`` rows): few findings, so its peak memory is the runner's own.
* ``terms replayed`` (``--only ...,replay``; not in the default rows): ``ahenk terms`` once
  more, with the term matcher and the near-miss finder answered from a recording of a first
  run: what the term checks cost besides finding the terms (reading, pairing, the checks'
  logic, the findings). The gap between this row and ``ahenk terms`` is the matching.
* ``terms, cache`` / ``all, cache`` (``terms-cached``, ``all-cached``): ``ahenk terms`` /
  ``ahenk all`` with a segment cache (:mod:`ahenk.check.segment_cache`) that a first run of
  the same row filled (untimed, in a process of its own): what a second run over the same
  memories costs, a CI lint run again or a translator's re-check. Cache reading and writing
  included.
* ``pofilter``: translate-toolkit's ``pofilter`` (its default tests) on the first
  ``--po-units`` units of each language as PO, extrapolated to N units (labelled).
* ``ahenk terms -jN`` / ``ahenk all -jN`` (with ``--jobs N``): the same ``check_paths`` with
  the unit checks in N worker processes (:mod:`ahenk.check.parallel`), for its wall time. Its
  CPU time is the parent's and the workers' together (so its ratio shows what the workers cost
  in all), its peak RSS the parent's; the note after it gives the speed-up in wall time over
  the serial row and the workers' largest peak RSS.

units/s and the ratio are per CPU second (wall time follows the machine's other load): ratio =
CPU seconds per unit / the floor's CPU seconds per unit. Target: ahenk terms within 5× of the
floor, far ahead of pofilter, peak memory flat in the number of units. ``--sizes`` runs the rows
at several sizes and ends with their peak RSS side by side, and how much it grows per 1,000
units: what remains of the growth is the word caches until they fill and the findings up to
``ahenk.check.found.FINDINGS_IN_MEMORY`` (20,000), past which they are kept on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TERM_CHECKS = "term-missing,term-forbidden,term-variant"
MATCH_CHECKS = "term-missing,term-forbidden"
CONSISTENCY_CHECKS = "inconsistent-target,inconsistent-source"
TARGET_RATIO = 5.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


# -- workers (run in a subprocess each) ------------------------------------------------------

def work_floor(data: Path) -> dict:
    import ahocorasick

    from ahenk.glossary import load_termbase

    termbase = load_termbase(data / "termbase.tsv")
    automaton = ahocorasick.Automaton()
    for concept in termbase.concepts:
        for term in concept.terms:
            automaton.add_word(term.text.lower(), len(term.text))
    automaton.make_automaton()

    def scan(source: str, lang: str, target: str) -> int:
        return sum(1 for text in (source, target) for _ in automaton.iter(text.lower()))

    return _timed(data, scan)


def _timed(data: Path, find: Callable[[str, str, str], int]) -> dict:
    """*find* (source, target language, target) → hits, over every unit of ``units.tsv``,
    timed call by call: the reading of the file is not the floor's work."""
    wall = cpu = 0.0
    hits = segments = units = 0
    with (data / "units.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            source, lang, target = line.rstrip("\n").split("\t")
            start = _clock()
            hits += find(source, lang, target)
            took = _since(start)
            wall += took[0]
            cpu += took[1]
            segments += 2
            units += 1
    return {"units": units, "segments": segments, "wall": wall, "cpu": cpu, "hits": hits}


def work_finder(data: Path) -> dict:
    """The floor's own loop with ahenk's matcher in place of the exact scan: every term of
    both sides found inflected (:meth:`ahenk.termbase.match.TermIndex.find`), nothing else.
    The indexes are built before the clock starts, as the floor's automaton is; each new word
    met on the way is analysed on the clock (pymorphy3, the suffix chains)."""
    from ahenk.glossary import load_termbase
    from ahenk.termbase.match import index_for

    termbase = load_termbase(data / "termbase.tsv")
    indexes = {lang: index_for(termbase, lang) for lang in ("en", "az", "ru")}

    def find(source: str, lang: str, target: str) -> int:
        return len(indexes["en"].find(source)) + len(indexes[lang].find(target))

    return _timed(data, find)


def work_read(data: Path) -> dict:
    from ahenk.formats import tmx

    start = _clock()
    units = 0
    for lang in ("az", "ru"):
        for _ in tmx.iter_units(data / f"en-{lang}.tmx"):
            units += 1
    wall, cpu = _since(start)
    return {"units": units, "wall": wall, "cpu": cpu}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def work_check(data: Path, select: str | None, jobs: int = 1, cached: bool = False) -> dict:
    from ahenk.check.runner import check_paths
    from ahenk.glossary import load_termbase

    termbase = load_termbase(data / "termbase.tsv")
    start, children = _clock(), _children_cpu()
    options: dict = {"jobs": jobs} if jobs != 1 else {}  # an older ahenk (--src) has no jobs
    if cached:  # the folder the driver filled with a first run (run_worker)
        options["cache_dir"] = os.environ["AHENK_BENCH_CACHE"]
    report = check_paths([data / "en-az.tmx", data / "en-ru.tmx"], termbase, select=select,
                         **options)
    wall, cpu = _since(start)
    extra = {}
    if jobs != 1:  # the workers' CPU time too, and their peak memory apart from ours
        cpu += _children_cpu() - children
        extra["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    counts: dict[str, int] = {}
    for finding in report.findings:
        counts[finding.check_id] = counts.get(finding.check_id, 0) + 1
    return {"units": report.summary.get("units"), "wall": wall, "cpu": cpu,
            "findings": dict(sorted(counts.items())), "found": len(report.findings), **extra}


def work_replay(data: Path) -> dict:
    """ahenk terms with the term matcher and the near-miss finder answered from a recording
    of the same run: what the term checks cost besides finding terms in texts (reading,
    pairing, the checks' own logic, the findings). A first run records every answer, keyed by
    language and text; the measured second run looks each one up."""
    from ahenk.check.checks import _variants
    from ahenk.check.runner import check_paths
    from ahenk.glossary import load_termbase
    from ahenk.termbase import match

    termbase = load_termbase(data / "termbase.tsv")
    paths = [data / "en-az.tmx", data / "en-ru.tmx"]
    terms: dict[tuple, list] = {}
    near: dict[tuple, list] = {}
    find, find_near = match.TermIndex.find, _variants.VariantIndex.find

    def record(index, text, *, nested=False):  # noqa: ANN001, ANN202
        key = (index.language.code, text, nested)
        if key not in terms:
            terms[key] = find(index, text, nested=nested)
        return list(terms[key])

    def record_near(index, text, exact=()):  # noqa: ANN001, ANN202
        key = (index.language.code, text, tuple(exact))
        if key not in near:
            near[key] = find_near(index, text, exact)
        return list(near[key])

    match.TermIndex.find, _variants.VariantIndex.find = record, record_near
    check_paths(paths, termbase, select=TERM_CHECKS)

    def built(index, termbase, lang):  # noqa: ANN001, ANN202
        index.language, index.size = match.language_module(lang), 1  # no index to build

    match.TermIndex.__init__ = _variants.VariantIndex.__init__ = built
    match.TermIndex.find = lambda index, text, *, nested=False: list(
        terms[(index.language.code, text, nested)])
    _variants.VariantIndex.find = lambda index, text, exact=(): list(
        near[(index.language.code, text, tuple(exact))])
    start = _clock()
    report = check_paths(paths, termbase, select=TERM_CHECKS)
    wall, cpu = _since(start)
    return {"units": report.summary.get("units"), "wall": wall, "cpu": cpu,
            "found": len(report.findings)}


def work_pofilter(data: Path) -> dict:
    exe = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    units = 0
    start = _clock()
    for lang in ("az", "ru"):
        source = data / f"en-{lang}.po"
        units += source.read_text(encoding="utf-8").count('\nmsgid "') - 1  # minus the header
        out = data / f"pofilter-{lang}.po"
        subprocess.run([exe, "--progress=none", str(source), str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, _ = _since(start)
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"units": units, "wall": wall, "cpu": child.ru_utime + child.ru_stime,
            "peak_mb": child.ru_maxrss / 1024}


WORKERS = {
    "floor": lambda data, jobs: work_floor(data),
    "read": lambda data, jobs: work_read(data),
    "finder": lambda data, jobs: work_finder(data),
    "terms": lambda data, jobs: work_check(data, TERM_CHECKS, jobs),
    "match": lambda data, jobs: work_check(data, MATCH_CHECKS, jobs),
    "all": lambda data, jobs: work_check(data, None, jobs),
    "terms-cached": lambda data, jobs: work_check(data, TERM_CHECKS, jobs, cached=True),
    "all-cached": lambda data, jobs: work_check(data, None, jobs, cached=True),
    "consistency": lambda data, jobs: work_check(data, CONSISTENCY_CHECKS),
    "pofilter": lambda data, jobs: work_pofilter(data),
    "replay": lambda data, jobs: work_replay(data),
}
#: The rows that can also run with --jobs, as an extra row each.
PARALLEL = ("terms", "all", "terms-cached", "all-cached")
LABELS = {"finder": "term finder", "terms": "ahenk terms", "match": "ahenk match",
          "all": "ahenk all", "replay": "terms replayed", "terms-cached": "terms, cache",
          "all-cached": "all, cache"}


def split_row(row: str) -> tuple[str, int]:
    """A row's worker and jobs: ``"all -j2"`` → ``("all", 2)``."""
    name, _, jobs = row.partition(" -j")
    return name, int(jobs) if jobs else 1


def worker(row: str, data: Path, src: Path) -> None:
    sys.path.insert(0, str(src))
    name, jobs = split_row(row)
    result = WORKERS[name](data, jobs)
    result.setdefault("peak_mb", _peak_mb())
    print(json.dumps(result))


# -- driver -------------------------------------------------------------------------------------

def run_worker(name: str, data: Path, src: Path) -> dict:
    if split_row(name)[0].endswith("-cached"):  # a first run fills a new cache, untimed
        with tempfile.TemporaryDirectory(prefix="ahenk-bench-cache-") as folder:
            os.environ["AHENK_BENCH_CACHE"] = folder
            try:
                _run_worker(name, data, src)
                return _run_worker(name, data, src)
            finally:
                del os.environ["AHENK_BENCH_CACHE"]
    return _run_worker(name, data, src)


def _run_worker(name: str, data: Path, src: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", name, "--data", str(data),
                           "--src", str(src)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def generator_version() -> str:
    """generate.py's VERSION, read from its text: importing it would grow this process, and
    a child reports its parent's peak as its own (ru_maxrss survives exec)."""
    found = re.search(r"^VERSION = (\d+)", (HERE / "generate.py").read_text(encoding="utf-8"),
                      re.MULTILINE)
    return found.group(1) if found else "1"


def ensure_data(units: int, po_units: int, base: Path, seed: int) -> Path:
    data = base / f"n{units}-po{po_units}-s{seed}-g{generator_version()}"
    if (data / "done").exists():
        return data
    print(f"generating {units:,} units into {data} ...", flush=True)
    start = time.perf_counter()
    # in a process of its own: a child forked from a grown parent would report the parent's
    # peak as its own (ru_maxrss survives exec)
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(units), "--out", str(data),
                    "--seed", str(seed), "--po", str(po_units)], check=True,
                   stdout=subprocess.DEVNULL)
    (data / "done").write_text("ok\n")
    print(f"  generated in {time.perf_counter() - start:.0f} s", flush=True)
    return data


def print_size(units: int, rows: list[str], results: dict[str, dict], src: Path) -> bool:
    """The table of one size; whether ahenk terms meets the target (True when not measured)."""
    print()
    print(f"{units:,} units ({units * 2:,} segments), 10k-concept termbase, "
          f"ahenk from {src}, {os.cpu_count()} CPUs")
    floor = results.get("floor")
    # the ratio compares CPU time: wall time follows whatever else the machine is doing
    floor_per_unit = floor["cpu"] / floor["units"] if floor else None
    head = f"{'':16}{'units':>10}{'wall s':>10}{'cpu s':>9}{'units/s':>11}{'× floor':>9}" \
           f"{'peak MB':>9}"
    print(head)
    print("-" * len(head))
    for name in rows:
        r = results[name]
        base, jobs = split_row(name)
        label = LABELS.get(base, base) + (f" -j{jobs}" if jobs != 1 else "")
        wall, cpu, n = r["wall"], r["cpu"], r["units"]
        note = ""
        if jobs != 1:
            serial = results.get(base)
            faster = f"{serial['wall'] / wall:.2f}× the wall speed of {LABELS[base]}, " \
                if serial else ""
            note = f"  ({faster}cpu with the workers', whose peak is " \
                   f"{r.get('worker_peak_mb', 0):.0f} MB)"
        if name == "pofilter" and n < units:
            note = f"  (measured on {n:,} units, extrapolated to {units:,})"
            wall, cpu, n = wall * units / n, cpu * units / n, units
        ratio = f"{cpu / n / floor_per_unit:.1f}" if floor_per_unit else "-"
        print(f"{label:16}{n:>10,}{wall:>10.1f}{cpu:>9.1f}{n / cpu:>11,.0f}{ratio:>9}"
              f"{r['peak_mb']:>9.0f}{note}")
    for name in ("terms", "match", "all", "consistency"):
        if name in results and results[name].get("findings"):
            print(f"findings ({name}): {results[name]['findings']}")
    if floor_per_unit and "terms" in results:
        ratio = results["terms"]["cpu"] / results["terms"]["units"] / floor_per_unit
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        print(f"ahenk terms: {ratio:.1f}× the floor, {verdict} the target (≤ {TARGET_RATIO}×)")
        return ratio <= TARGET_RATIO
    return True


def print_memory(rows: list[str], by_size: dict[int, dict[str, dict]]) -> None:
    """Peak RSS of every row at every size, and its growth per 1,000 units between the
    smallest and the largest size (with the findings the report held, which grow too)."""
    sizes = sorted(by_size)
    print()
    print("peak RSS (MB) by size" + " " * 4 + "".join(f"{n:>10,}" for n in sizes)
          + f"{'MB/1k units':>13}{'findings':>22}")
    for name in rows:
        peaks = [by_size[n][name]["peak_mb"] for n in sizes]
        growth = (peaks[-1] - peaks[0]) / (sizes[-1] - sizes[0]) * 1000
        found = [by_size[n][name].get("found") for n in sizes]
        counts = " → ".join(f"{f:,}" for f in found) if None not in found else "-"
        print(f"{name:25}" + "".join(f"{p:>10.0f}" for p in peaks) + f"{growth:>13.2f}"
              f"{counts:>22}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--sizes", help="several sizes, comma-separated (e.g. 20000,100000): "
                        "each measured, then peak memory compared")
    parser.add_argument("--full", action="store_true", help="1M units")
    parser.add_argument("--po-units", type=int, default=2000,
                        help="units per language given to pofilter (then extrapolated)")
    parser.add_argument("--data", type=Path, default=Path("/tmp/ahenk-bench-check"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the ahenk source tree to measure (default: this checkout)")
    parser.add_argument("--only", default="floor,finder,read,match,terms,all,pofilter",
                        help="rows to measure, comma-separated")
    parser.add_argument("--jobs", type=int, default=None,
                        help="also run the terms and all rows with the unit checks in this "
                        "many processes (0: one per CPU), as extra rows")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.src)
        return
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
    else:
        sizes = [1_000_000 if args.full else args.units]
    rows = args.only.split(",")
    if args.jobs is not None and args.jobs != 1:
        rows += [f"{name} -j{args.jobs}" for name in rows if name in PARALLEL]
    by_size: dict[int, dict[str, dict]] = {}
    met = True
    for units in sizes:
        data = ensure_data(units, args.po_units, args.data, args.seed)
        results: dict[str, dict] = {}
        for name in rows:
            print(f"running {name} on {units:,} units ...", flush=True)
            results[name] = run_worker(name, data, args.src)
        by_size[units] = results
        met = print_size(units, rows, results, args.src) and met
    if len(sizes) > 1:
        print_memory(rows, by_size)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
