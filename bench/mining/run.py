"""Term-mining benchmark: precision of the top 50 and recall of the termbase's multiword terms.

    .venv/bin/python bench/mining/run.py [--top 50] [-n 200]

Data: the project's aligned memories ``tmx/en-az.tmx`` and ``tmx/en-ru.tmx`` and the curated
termbase ``glossaries/termbase.tsv`` (the reference). For each pair, ``extract_terms`` is run
with its defaults (min-freq 2) and:

* source precision@50: a mined English term is correct when it is, as a whole, a term of any
  status of the termbase (found by the termbase matcher, so after folding and with English
  plural and possessive allowed);
* pair precision@50: correct when, besides, the mined translation is as a whole an allowed
  (preferred or admitted) term of the same concept in the target language, inflection
  allowed (Azerbaijani suffixes, Russian case);
* recall: of the termbase's multiword English terms that occur in the memory, the share mined
  (within the -n output, and over all candidates with min-freq 1).

Baseline, measured in the same run: raw-frequency n-grams (2–4 words, no stop word at either
edge, the Okapi Term Extraction / poterminology recipe), and for pairs the target n-gram of
the shared units with the highest Dice (no word alignment, most frequent surface form; the
n-grams are ahenk's target spans, so its target-side span rules reach the baseline too). The
ratio ahenk/baseline is printed. Beside them, the "before" column: ahenk's figures as first
measured, before the termhood rules of issue 7 (:data:`BEFORE`), so a run shows what the
rules changed. Target (issue 7): pair precision@50 >= 0.8.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ahenk.glossary import load_termbase  # noqa: E402
from ahenk.mining.association import Associator  # noqa: E402
from ahenk.mining.extract import aligned_pairs, extract_terms  # noqa: E402
from ahenk.mining.words import is_stop  # noqa: E402
from ahenk.termbase.match import TermIndex  # noqa: E402

TARGET = 0.8
#: ahenk's figures with the defaults (--top 50, -n 200) before the termhood rules of issue 7
#: (C-value, acronyms and word alignment only): source precision, pair precision, recall
#: (top 200), recall (all, min-freq 1).
BEFORE = {"az": (0.60, 0.56, 0.27, 0.48), "ru": (0.60, 0.58, 0.27, 0.48)}


def whole(index: TermIndex, text: str, allowed: bool = False) -> set[str]:
    """Concepts of which *text* is, as a whole, a term (allowed ones only, if asked)."""
    return {m.concept for m in index.find(text, nested=True)
            if m.start == 0 and m.end == len(text) and (not allowed or m.status.allowed)}


def judge(rows: list[tuple[str, str | None]], src: TermIndex, tgt: TermIndex
          ) -> tuple[float, float]:
    """(source precision, pair precision) of (source term, translation) rows."""
    if not rows:
        return 0.0, 0.0
    source_ok = pair_ok = 0
    for term, translation in rows:
        concepts = whole(src, term)
        source_ok += bool(concepts)
        if concepts and translation and concepts & whole(tgt, translation, allowed=True):
            pair_ok += 1
    return source_ok / len(rows), pair_ok / len(rows)


def multiword_in_corpus(termbase, texts: list[str]) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    index = TermIndex(termbase, "en")
    found = set()
    for text in texts:
        for m in index.find(text, nested=True):
            if len(m.term.split()) > 1:
                found.add((m.concept, m.term))
    return found


def recall(terms: list[str], reference: set[tuple[str, str]], src: TermIndex) -> float:
    got = set()
    for term in terms:
        for m in src.find(term, nested=True):
            if m.start == 0 and m.end == len(term):
                got.add((m.concept, m.term))
    return len(got & reference) / len(reference) if reference else 0.0


def baseline(pairs: list[tuple[str, str]], tgt_lang: str, top: int
             ) -> list[tuple[str, str | None]]:
    counts: Counter[str] = Counter()
    units: dict[str, set[int]] = {}
    for unit, (text, _) in enumerate(pairs):
        words = text.split()
        for i in range(len(words)):
            for j in range(i + 2, min(len(words), i + 4) + 1):
                gram = [w.strip(".,;:!?()\"'“”«»") for w in words[i:j]]
                if any(not w for w in gram) or any(w != raw for w, raw in zip(
                        gram[1:-1], words[i + 1:j - 1], strict=True)):
                    continue  # punctuation inside
                if is_stop(gram[0].lower(), "en") or is_stop(gram[-1].lower(), "en"):
                    continue
                phrase = " ".join(gram)
                counts[phrase] += 1
                units.setdefault(phrase, set()).add(unit)
    associator = Associator(pairs, "en", tgt_lang)
    rows: list[tuple[str, str | None]] = []
    for phrase, _ in counts.most_common(top):
        s = units[phrase]
        best, best_dice, surfaces = None, 0.0, Counter()
        for unit in s:
            for span in associator.spans[unit]:
                t = associator.key_units[span.key]
                dice = 2 * len(t & s) / (len(s) + len(t))
                if dice > best_dice:
                    best, best_dice = span.key, dice
        for unit in s:
            surfaces.update(span.surface for span in associator.spans[unit] if span.key == best)
        rows.append((phrase, surfaces.most_common(1)[0][0] if surfaces else None))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    termbase = load_termbase(ROOT / "glossaries" / "termbase.tsv")
    src = TermIndex(termbase, "en")
    failed = False
    for tgt_lang in ("az", "ru"):
        tmx = ROOT / "tmx" / f"en-{tgt_lang}.tmx"
        pairs = aligned_pairs([tmx], "en", tgt_lang)
        tgt = TermIndex(termbase, tgt_lang)
        reference = multiword_in_corpus(termbase, [s for s, _ in pairs])
        started = time.perf_counter()
        result = extract_terms(pairs=pairs, src_lang="en", tgt_lang=tgt_lang, n=args.n)
        seconds = time.perf_counter() - started
        rows = [(m.text, m.translation.text if m.translation else None)
                for m in result.terms[: args.top]]
        src_p, pair_p = judge(rows, src, tgt)
        rec = recall([m.text for m in result.terms], reference, src)
        everything = extract_terms(pairs=pairs, src_lang="en", tgt_lang=tgt_lang, n=0,
                                   min_freq=1)
        rec_all = recall([m.text for m in everything.terms], reference, src)
        base_rows = baseline(pairs, tgt_lang, max(args.top, args.n))
        b_src, b_pair = judge(base_rows[: args.top], src, tgt)
        b_rec = recall([r[0] for r in base_rows], reference, src)
        print(f"en-{tgt_lang}: {len(pairs)} units, {len(reference)} multiword termbase terms "
              f"in the memory; mined {len(result.terms)} in {seconds:.1f} s")
        before = BEFORE.get(tgt_lang) if (args.top, args.n) == (50, 200) else None
        print(f"  {'':28} {'before':>8} {'ahenk':>8} {'baseline':>9} {'ratio':>7}")
        for k, (label, ours, theirs) in enumerate((
                (f"source precision@{args.top}", src_p, b_src),
                (f"pair precision@{args.top}", pair_p, b_pair),
                (f"recall (top {args.n})", rec, b_rec),
                ("recall (all, min-freq 1)", rec_all, None))):
            was = f"{before[k]:8.2f}" if before else f"{'-':>8}"
            shown = f"{theirs:9.2f}" if theirs is not None else f"{'':9}"
            ratio = f"{ours / theirs:.2f}" if theirs else ("-" if theirs is not None else "")
            print(f"  {label:28} {was} {ours:8.2f} {shown} {ratio:>7}")
        failed |= pair_p < TARGET
    print(f"before: ahenk before the termhood rules of issue 7; baseline: raw-frequency "
          f"2-4-grams (stop-word bounded) + best-Dice target n-gram; "
          f"target pair precision@{args.top} >= {TARGET}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
