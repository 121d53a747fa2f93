"""Benchmark: ahenk's SRX segmenter against pysbd, accuracy and speed, in one run.

    python bench/segment/run.py [--sentences N] [--repeat R]

Accuracy is boundary precision / recall / F1: a boundary is the offset where a segment starts
inside a paragraph (paragraph starts are free for every tool and are not counted). Gold:
* the case tables tests/segment/cases_<lang>.tsv (en, az, ru);
* the corpus snapshot in bench/segment/gold/<lang>/ (en, ru): one line per corpus line, segments
  separated by " ‖ "; a gold file whose text no longer matches the corpus file is reported as
  stale and skipped.
Speed: sentences per second on a large text generated from the tables' sentences (one paragraph
per line, both tools given the same paragraphs), best of --repeat runs; the ratio is ahenk/pysbd.
pysbd has no Azerbaijani: az is reported for ahenk only.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from ahenk.segment import get_segmenter
from ahenk.segment.cases import SEGMENT_MARK, read_case_tables

ROOT = Path(__file__).resolve().parents[2]
TABLES = read_case_tables(ROOT / "tests" / "segment")

Splitter = Callable[[str], list[int]]  # paragraph -> start offsets of its segments


def ahenk_splitter(lang: str) -> Splitter:
    segmenter = get_segmenter()
    segmenter.prepare(lang)
    return lambda paragraph: [s.start for s in segmenter.segment(paragraph, lang)]


def pysbd_splitter(lang: str) -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    try:
        seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    except ValueError:
        return None

    def split(paragraph: str) -> list[int]:
        return [s.start + len(s.sent) - len(s.sent.lstrip()) for s in seg.segment(paragraph)]

    return split


def inner_boundaries(paragraph: str, starts: list[int]) -> set[int]:
    first = len(paragraph) - len(paragraph.lstrip())
    return {s for s in starts if s != first and paragraph[s:].strip()}


def gold_starts(paragraph: str, pieces: list[str]) -> list[int]:
    starts, position = [], 0
    for piece in pieces:
        position = paragraph.index(piece, position)
        starts.append(position)
        position += len(piece)
    return starts


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[int], got: set[int]) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def table_items(lang: str) -> list[tuple[str, list[str]]]:
    """(paragraph, gold segments) pairs from the case table."""
    return [
        (paragraph, list(pieces))
        for case in TABLES[lang]
        for paragraph, pieces in case.paragraphs
        if pieces
    ]


def corpus_items(lang: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
    items, stale = [], []
    for gold_file in sorted((ROOT / "bench" / "segment" / "gold" / lang).glob("*.txt")):
        source = ROOT / "corpus" / lang / gold_file.name
        if not source.exists():
            stale.append(gold_file.name)
            continue
        text_lines = source.read_text(encoding="utf-8").splitlines()
        gold_lines = gold_file.read_text(encoding="utf-8").splitlines()
        if len(text_lines) != len(gold_lines) or any(
            " ".join(t.split()) != " ".join(g.replace(SEGMENT_MARK, " ").split())
            for t, g in zip(text_lines, gold_lines, strict=True)
        ):
            stale.append(gold_file.name)
            continue
        for text, gold in zip(text_lines, gold_lines, strict=True):
            pieces = [p for p in gold.split(SEGMENT_MARK) if p.strip()]
            if pieces:
                items.append((text, pieces))
    return items, stale


def score(split: Splitter, items: list[tuple[str, list[str]]]) -> tuple[float, float, float]:
    result = Score()
    for paragraph, pieces in items:
        gold = inner_boundaries(paragraph, gold_starts(paragraph, pieces))
        result.add(gold, inner_boundaries(paragraph, split(paragraph)))
    return result.prf()


def generated_text(sentences: int, seed: int = 13) -> tuple[dict[str, list[str]], int]:
    """Per language: paragraphs of 1-6 sentences drawn at random from that language's table."""
    pool: dict[str, list[str]] = {}
    for lang in ("en", "ru", "az"):
        pool[lang] = [p for _, pieces in table_items(lang) for p in pieces]
    rng = random.Random(seed)
    out: dict[str, list[str]] = {}
    for lang, sents in pool.items():
        paragraphs, total = [], 0
        while total < sentences:
            k = rng.randint(1, 6)
            paragraphs.append(" ".join(rng.choice(sents) for _ in range(k)))
            total += k
        out[lang] = paragraphs
    return out, sentences


def throughput(split: Splitter, paragraphs: list[str], sentences: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for paragraph in paragraphs:
            split(paragraph)
        best = min(best, time.perf_counter() - start)
    return sentences / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    signature = get_segmenter().signature()
    print(f"ahenk: {signature}")
    try:
        import pysbd

        print(f"pysbd: {getattr(pysbd, '__version__', '?')}")
    except ImportError:
        print("pysbd: not installed (baseline columns empty)")
    print()

    rows = []
    texts, n = generated_text(args.sentences)
    all_ok = True
    for lang in ("en", "ru", "az"):
        tools = {"ahenk": ahenk_splitter(lang), "pysbd": pysbd_splitter(lang)}
        table = table_items(lang)
        corpus, stale = corpus_items(lang) if lang != "az" else ([], [])
        speeds = {}
        for name, split in tools.items():
            if split is None:
                continue
            speeds[name] = throughput(split, texts[lang], n, args.repeat)
            for source, items in (("tables", table), ("corpus", corpus)):
                if items:
                    p, r, f = score(split, items)
                    rows.append((lang, source, name, p, r, f, len(items)))
        if stale:
            print(f"{lang}: stale corpus gold skipped: {', '.join(stale)}")
        ratio = speeds["ahenk"] / speeds["pysbd"] if "pysbd" in speeds else None
        rows.append((lang, "speed", speeds, ratio))
        f_ahenk = [r[5] for r in rows if r[0] == lang and len(r) == 7 and r[2] == "ahenk"]
        f_pysbd = [r[5] for r in rows if r[0] == lang and len(r) == 7 and r[2] == "pysbd"]
        if f_pysbd and (
            min(a - b for a, b in zip(f_ahenk, f_pysbd, strict=True)) < 0 or (ratio or 1) < 1
        ):
            all_ok = False

    print(f"{'lang':4}  {'gold':6}  {'tool':5}  {'P':>6}  {'R':>6}  {'F1':>6}  {'paragraphs':>10}")
    print("-" * 54)
    for row in rows:
        if len(row) == 7:
            lang, source, name, p, r, f, count = row
            print(f"{lang:4}  {source:6}  {name:5}  {p:6.3f}  {r:6.3f}  {f:6.3f}  {count:10d}")
    print()
    print(f"speed: {n} sentences per language, best of {args.repeat}")
    print(f"{'lang':4}  {'ahenk sent/s':>12}  {'pysbd sent/s':>12}  {'ahenk/pysbd':>11}")
    print("-" * 46)
    for row in rows:
        if len(row) == 4:
            lang, _, speeds, ratio = row
            pysbd_speed = f"{speeds['pysbd']:12.0f}" if "pysbd" in speeds else f"{'n/a':>12}"
            ratio_text = f"{ratio:10.1f}x" if ratio else f"{'n/a':>11}"
            print(f"{lang:4}  {speeds['ahenk']:12.0f}  {pysbd_speed}  {ratio_text}")
    print()
    print("ahenk at least as accurate and as fast as pysbd everywhere:", "yes" if all_ok else "NO")
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
