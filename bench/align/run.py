"""Sentence-alignment benchmark: accuracy on reference sets, speed and memory on generated ones.

    .venv/bin/python bench/align/run.py                  # everything (100k takes about a minute)
    .venv/bin/python bench/align/run.py --sizes 1000 10000 --json results.json

Accuracy: strict and lax precision/recall/F1 as vecalign's ``score.py`` defines them
(:mod:`ahenk.align.score`), per document and pooled, on Text+Berg de–fr (7 documents, gold in
vecalign format), hunalign's en–hu sets (the Steinbeck demo with its hand ladder; the
Diplomacy & Trade text with ``hand.ladder``) and ahenk's own corpus (``corpus/align``: five
documents, hand-checked en–az and en–ru gold). Sets missing from ``../shared`` are skipped.
The corpus is scored twice: as bare sentence lists, and through the path ``ahenk build`` takes
(:func:`ahenk.build.align_document`: paragraph numbers from the segmenter, the project
termbase as anchors; the gale-church baseline gets the same paragraphs). The second is the
figure that matters for ``tmx/``; the sentences it aligns are checked to be the gold's.

Speed and memory: bitexts of 1k, 10k and 100k sentences from the seeded generator
(``generate.py``, which writes the gold too), each aligned in a fresh process so the peak
resident memory is that run's; "seconds" is wall-clock time of the ``align`` call, "cpu s"
its processor time (the same figure on a machine busy with other work). The seeded bitexts
share their beginning, so "F1 first 900" (beads of the first 900 source sentences) compares
accuracy across sizes on the same text.

Every figure is given for ``ahenk`` and for the baseline measured in the same run,
``gale-church``: a length-only Gale–Church DP with the paper's fixed parameters (what hunalign
does without a dictionary), and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHARED = Path(os.environ.get("AHENK_SHARED", ROOT.parent / "shared"))
BENCH = SHARED / "align-bench"
ALIGNERS = ("ahenk", "gale-church")

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from ahenk.align import AnchorAligner, get_aligner  # noqa: E402
from ahenk.align.score import Score, parse_ladder, read_vecalign, score, score_many  # noqa: E402


def lines(path: Path, encoding: str = "utf-8") -> list[str]:
    text = path.read_bytes().decode(encoding).split("\n")
    if text and text[-1] == "":
        text.pop()
    return [line.rstrip("\r") for line in text]


def ladder(path: Path, n: int, m: int) -> list:
    """A hunalign ladder's beads, clipped to the files' sentence counts."""
    beads = []
    for src, tgt in parse_ladder(path.read_text("ascii")):
        src = tuple(i for i in src if i < n)
        tgt = tuple(j for j in tgt if j < m)
        if src or tgt:
            beads.append((src, tgt))
    return beads


def reference_sets() -> dict[str, list[tuple[str, list[str], list[str], str, str, list]]]:
    sets: dict[str, list] = {}
    tb = BENCH / "bertalign" / "text+berg"
    if (tb / "gold").is_dir():
        sets["Text+Berg de-fr"] = [
            (doc.name, lines(tb / "de" / doc.name), lines(tb / "fr" / doc.name), "de", "fr",
             read_vecalign(doc))
            for doc in sorted((tb / "gold").iterdir())
        ]
    hun = BENCH / "hunalign"
    docs = []
    demo = hun / "examples"
    if (demo / "demo.manual.ladder").is_file():
        hu, en = lines(demo / "demo.hu.stem", "latin-1"), lines(demo / "demo.en.stem", "latin-1")
        docs.append(("demo", hu, en, "hu", "en", ladder(demo / "demo.manual.ladder", len(hu),
                                                         len(en))))
    dtm = hun / "regtest_dtm"
    if (dtm / "hand.ladder").is_file():
        hu, en = lines(dtm / "hu.sen", "iso-8859-2"), lines(dtm / "en.sen", "iso-8859-2")
        docs.append(("dtm", hu, en, "hu", "en", ladder(dtm / "hand.ladder", len(hu), len(en))))
    if docs:
        sets["hunalign hu-en"] = docs
    corpus = ROOT / "corpus" / "align"
    for lang in ("az", "ru"):
        golds = sorted(corpus.glob(f"*.en-{lang}.gold"))
        if golds:
            sets[f"ahenk corpus en-{lang}"] = [
                (g.name.split(".")[0][:10],
                 lines(corpus / f"{g.name.split('.')[0]}.en.sentences.txt"),
                 lines(corpus / f"{g.name.split('.')[0]}.{lang}.sentences.txt"), "en", lang,
                 read_vecalign(g))
                for g in golds
            ]
    sets.update(build_path_sets(corpus))
    return sets


def build_path_sets(gold_dir: Path) -> dict[str, list]:
    """The corpus as ``ahenk build`` aligns it: paragraphs and the termbase as anchors.

    A document's entry carries, after the gold, a function giving the alignment by aligner
    name: ``ahenk`` is :func:`ahenk.build.align_document` itself, ``gale-church`` the length
    baseline with the same paragraph numbers.
    """
    from ahenk.align import GaleChurchAligner
    from ahenk.build import align_document
    from ahenk.corpus import load_corpus
    from ahenk.glossary import load_termbase
    from ahenk.segment import segment_file

    glossary = ROOT / "glossaries" / "termbase.tsv"
    if not (ROOT / "corpus" / "manifest.toml").is_file() or not glossary.is_file():
        return {}
    corpus = load_corpus(ROOT / "corpus")
    aligner = AnchorAligner(termbase=load_termbase(glossary))
    sets: dict[str, list] = {}
    for doc in corpus.documents:
        built = align_document(corpus, doc, aligner)
        for lang, alignment in built.alignments.items():
            gold_file = gold_dir / f"{doc.id}.en-{lang}.gold"
            if not gold_file.is_file():
                continue
            src, tgt = alignment.src_sentences, alignment.tgt_sentences
            if (src != lines(gold_dir / f"{doc.id}.en.sentences.txt")
                    or tgt != lines(gold_dir / f"{doc.id}.{lang}.sentences.txt")):
                raise SystemExit(f"{doc.id}: the build segments differently from the gold's "
                                 f"sentence files (run corpus/align/make_sentences.py)")
            paragraphs = [[s.paragraph for s in segment_file(doc.path(corpus.root, code),
                                                             code).segments]
                          for code in ("en", lang)]

            def run(name: str, alignment=alignment, src=src, tgt=tgt, lang=lang,
                    paragraphs=paragraphs):
                if name == "ahenk":
                    return alignment
                return GaleChurchAligner().align(src, tgt, "en", lang,
                                                 src_paragraphs=paragraphs[0],
                                                 tgt_paragraphs=paragraphs[1])

            sets.setdefault(f"ahenk corpus en-{lang}, build path (paragraphs + termbase)",
                            []).append((doc.id[:10], src, tgt, "en", lang,
                                        read_vecalign(gold_file), run))
    return sets


def accuracy(sets: dict) -> dict:
    results: dict = {}
    for set_name, docs in sets.items():
        print(f"\n## {set_name}: strict and lax P/R/F1 (vecalign's definitions)\n")
        header = f"{'document':<10} {'aligner':<12} {'P strict':>8} {'R strict':>8} " \
                 f"{'F1 strict':>9} {'P lax':>6} {'R lax':>6} {'F1 lax':>6} {'beads':>6}"
        print(header)
        print("-" * len(header))
        per_aligner: dict[str, list] = {name: [] for name in ALIGNERS}
        rows = {}
        confidences = []
        for doc, src, tgt, sl, tl, gold, *how in docs:
            for name in ALIGNERS:
                if how:  # the set says how it is aligned (the build path)
                    alignment = how[0](name)
                else:
                    alignment = get_aligner(name).align(src, tgt, sl, tl)
                test = [(b.src_indices, b.tgt_indices) for b in alignment.beads]
                if name == "ahenk":
                    right = set(gold)
                    confidences += [(b.confidence, (b.src_indices, b.tgt_indices) in right)
                                    for b in alignment.beads]
                per_aligner[name].append((gold, test))
                s = score(gold, test)
                rows[(doc, name)] = s.as_dict()
                _row(doc, name, s, len(test))
        pooled = {name: score_many(pairs) for name, pairs in per_aligner.items()}
        for name, s in pooled.items():
            _row("POOLED", name, s, sum(len(t) for _, t in per_aligner[name]))
        a, b = pooled["ahenk"], pooled["gale-church"]
        print(f"\nahenk / gale-church: strict F1 {a.f1_strict:.3f} / {b.f1_strict:.3f} "
              f"= {a.f1_strict / max(b.f1_strict, 1e-9):.2f}x; lax F1 {a.f1_lax:.3f} / "
              f"{b.f1_lax:.3f} = {a.f1_lax / max(b.f1_lax, 1e-9):.2f}x")
        results[set_name] = {"documents": {f"{d}/{n}": v for (d, n), v in rows.items()},
                             "pooled": {n: s.as_dict() for n, s in pooled.items()},
                             "confidence": calibration(confidences)}
    return results


def calibration(pairs: list[tuple[float, bool]]) -> list[dict]:
    """How often ahenk's beads are right (strictly) per confidence band."""
    print("\nahenk beads by confidence: how many, and the share that is strictly right")
    out = []
    for lo, hi in ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
        hits = [ok for c, ok in pairs if lo <= c < hi]
        share = sum(hits) / len(hits) if hits else 0.0
        print(f"  [{lo:.1f}, {min(hi, 1.0):.1f}{')' if hi < 1 else ']'}  {len(hits):5d} beads  "
              f"{share:6.1%} right")
        out.append({"from": lo, "to": min(hi, 1.0), "beads": len(hits), "right": round(share, 4)})
    return out


def _row(doc: str, name: str, s: Score, beads: int) -> None:
    print(f"{doc:<10} {name:<12} {s.precision_strict:8.3f} {s.recall_strict:8.3f} "
          f"{s.f1_strict:9.3f} {s.precision_lax:6.3f} {s.recall_lax:6.3f} {s.f1_lax:6.3f} "
          f"{beads:6d}")


def one_run(n: int, aligner: str, folder: Path) -> dict:
    """Align the generated bitext of size *n* in this process; report time, memory, F1."""
    src = lines(folder / f"gen{n}.en")
    tgt = lines(folder / f"gen{n}.ru")
    gold = read_vecalign(folder / f"gen{n}.gold")
    start, cpu_start = time.perf_counter(), time.process_time()
    alignment = get_aligner(aligner).align(src, tgt, "en", "ru")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    test = [(b.src_indices, b.tgt_indices) for b in alignment.beads]
    s = score(gold, test)
    # The generator is seeded, so every size starts with the same text: scoring the beads of
    # the first sentences compares accuracy across sizes on identical input.
    first = score(_head(gold, REGION), _head(test, REGION))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"n": n, "aligner": aligner, "seconds": round(seconds, 2), "cpu": round(cpu, 2),
            "peak_mb": round(peak),
            "f1_strict": round(s.f1_strict, 4), "f1_lax": round(s.f1_lax, 4),
            "f1_strict_first": round(first.f1_strict, 4), "src": len(src), "tgt": len(tgt)}


#: Source sentences of the common beginning scored on their own (see :func:`one_run`).
REGION = 900


def _head(beads: list, limit: int) -> list:
    return [(s, t) for s, t in beads if s and max(s) < limit]


def speed(sizes: list[int], seed: int) -> list[dict]:
    from generate import write

    print("\n## Generated en-ru bitexts: time, peak memory, accuracy (one process per run)\n")
    header = f"{'sentences':>9} {'aligner':<12} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} " \
             f"{'F1 strict':>9} {'F1 lax':>7} {f'F1 first {REGION}':>13}"
    print(header)
    print("-" * len(header))
    out = []
    with tempfile.TemporaryDirectory(prefix="ahenk-align-bench-") as tmp:
        folder = Path(tmp)
        for n in sizes:
            write(n, seed, folder)
            runs = {}
            for name in ALIGNERS:
                proc = subprocess.run(
                    [sys.executable, __file__, "--one", str(n), name, str(folder)],
                    capture_output=True, text=True, check=False)
                if proc.returncode != 0:
                    print(f"{n:>9} {name:<12} failed: {proc.stderr.strip()[-300:]}")
                    continue
                r = json.loads(proc.stdout)
                runs[name] = r
                out.append(r)
                print(f"{n:>9} {name:<12} {r['seconds']:8.2f} {r['cpu']:7.2f} {r['peak_mb']:8d} "
                      f"{r['f1_strict']:9.3f} {r['f1_lax']:7.3f} {r['f1_strict_first']:13.3f}")
            if len(runs) == 2:
                a, b = runs["ahenk"], runs["gale-church"]
                print(f"{'':>9} {'ratio':<12} {a['seconds'] / max(b['seconds'], 1e-9):7.2f}x "
                      f"{a['cpu'] / max(b['cpu'], 1e-9):6.2f}x "
                      f"{a['peak_mb'] / max(b['peak_mb'], 1):7.2f}x "
                      f"{a['f1_strict'] / max(b['f1_strict'], 1e-9):8.2f}x "
                      f"{a['f1_lax'] / max(b['f1_lax'], 1e-9):6.2f}x "
                      f"{a['f1_strict_first'] / max(b['f1_strict_first'], 1e-9):12.2f}x")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="ahenk sentence-alignment benchmark")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--one", nargs=3, metavar=("N", "ALIGNER", "FOLDER"),
                        help=argparse.SUPPRESS)  # internal: one timed run in a fresh process
    args = parser.parse_args()
    if args.one:
        n, aligner, folder = args.one
        print(json.dumps(one_run(int(n), aligner, Path(folder))))
        return
    results: dict = {}
    sets = reference_sets()
    if not sets:
        print(f"reference sets not found under {BENCH}: accuracy skipped")
    results["accuracy"] = accuracy(sets)
    results["speed"] = speed(args.sizes, args.seed) if args.sizes else []
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")


if __name__ == "__main__":
    main()
