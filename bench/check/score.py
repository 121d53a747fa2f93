"""How many planted errors the checks find, and what else they report, on generated units.

    .venv/bin/python bench/check/score.py                 # 20k units
    .venv/bin/python bench/check/score.py --units 100000 --show 15

The generator (:mod:`generate`) plants errors at known rates and records, per unit, the kinds
it planted (``planted.tsv``): a term replaced by a generic phrase, a rejected term, a misspelt
term, a changed digit, dropped end punctuation, an untranslated target, and a repeated source
translated differently. This script checks the generated TMX files with the default check set
and prints, per kind, the check that must report it, the planted units it reported (recall),
and the units it reported that no planted error explains (a misspelt term is missing too, so
term-missing on a misspelt unit is explained; a term finding on an untranslated target is
not, as the term checks leave such a target to unchanged and wrong-language). The latter are
not all false alarms: the units are built on the real corpus, whose English originals hold
real issues (MPM for NPM, misspelt names; see the check tests), so the most frequent findings
there are listed (``--show``) for a person to judge.

A repeated source copies its original unit with the original's planted errors. The
generator's "inconsistent" repeat differs from its original in a doubled space or its end
punctuation only, which the consistency checks ignore by design (they compare texts without
white space and punctuation): double-space and end-punctuation report it.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

#: planted kind -> the check ids any of which reports it
EXPECTED = {
    "missing": ("term-missing",),
    "rejected": ("term-forbidden",),
    "misspelt": ("term-variant",),
    "number": ("number-mismatch",),
    "punctuation": ("end-punctuation",),
    "untranslated": ("untranslated", "unchanged", "wrong-language"),
    # a repeat whose target differs in white space or end punctuation only: the consistency
    # checks compare texts without them, the space and punctuation checks report it
    "inconsistent": ("double-space", "end-punctuation"),
}
#: Other planted kinds that also make a check speak (a misspelt term is missing). The term
#: checks are silent on an untranslated target (unchanged and wrong-language report it), so a
#: term finding there is unexplained.
ALSO = {"term-missing": {"misspelt"}, "length-ratio": {"missing"},
        "wrong-language": {"untranslated"}}


def explained(check_id: str, kinds: set[str]) -> bool:
    """Whether a finding of *check_id* on a unit with the planted *kinds* is one of them."""
    return any(check_id in EXPECTED[k] for k in kinds) or bool(ALSO.get(check_id, set()) & kinds)


def read_planted(path: Path) -> dict[str, set[str]]:
    planted: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        unit, _, kinds = line.partition("\t")
        planted[unit] = set(filter(None, kinds.split(",")))
    return planted


def score(data: Path, show: int) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from ahenk.check.runner import check_paths
    from ahenk.glossary import load_termbase

    planted = read_planted(data / "planted.tsv")
    report = check_paths([data / "en-az.tmx", data / "en-ru.tmx"],
                         load_termbase(data / "termbase.tsv"))
    by_unit: dict[str, set[str]] = collections.defaultdict(set)
    extra: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for finding in report.findings:
        by_unit[finding.unit or ""].add(finding.check_id)
    print(f"{len(planted):,} units, {len(report.findings):,} findings\n")
    print(f"{'planted kind':14}{'check':40}{'planted':>9}{'found':>8}{'recall':>8}"
          f"{'unexplained':>13}")
    missed = 0
    for kind, checks in EXPECTED.items():
        units = [u for u, kinds in planted.items() if kind in kinds]
        found = sum(1 for u in units if by_unit.get(u, set()) & set(checks))
        others = sum(1 for u, ids in by_unit.items()
                     if any(c in ids and not explained(c, planted.get(u, set())) for c in checks))
        missed += len(units) - found
        recall = f"{found / len(units):.3f}" if units else "-"
        print(f"{kind:14}{'/'.join(checks):40}{len(units):>9,}{found:>8,}{recall:>8}"
              f"{others:>13,}")
    if show:
        for finding in report.findings:
            if not explained(finding.check_id, planted.get(finding.unit or "", set())):
                extra[finding.check_id][f"{finding.found or finding.term or ''} — "
                                        f"{finding.message}"] += 1
        print("\nmost frequent findings no planted error explains:")
        for check_id, counter in sorted(extra.items()):
            print(f"  {check_id} ({sum(counter.values()):,})")
            for text, count in counter.most_common(show):
                print(f"    {count:>6,}  {text[:110]}")
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--po-units", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/ahenk-bench-check"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=8,
                        help="findings listed per check on units without a planted error")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from run import ensure_data

    score(ensure_data(args.units, args.po_units, args.data, args.seed), args.show)


if __name__ == "__main__":
    main()
