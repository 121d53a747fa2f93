"""Seeded generator of synthetic en→ru-like bitexts with their gold alignment.

Source sentences are drawn from a Zipfian pseudo-English vocabulary with names and numbers;
each is "translated" word by word through a random pseudo-Russian (Cyrillic) dictionary whose
words are somewhat longer, with a few words dropped or added, names transliterated to Cyrillic
and numbers written the Russian way (``3 400``, ``2,5``). Beads follow realistic proportions:
mostly 1:1, some merges and splits (2:1, 1:2, 2:2, 1:3), and a few omissions and additions.

    python bench/align/generate.py 10000 --seed 1 --out /tmp/gen   # writes src, tgt, gold
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

_LATIN_SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
_CYRILLIC = dict(zip("abcdefghiklmnoprstuvz", "абкдефгхиклмнопрстувз", strict=True))
#: Bead types and their probabilities (Gale & Church's proportions, roughly).
BEADS = [((1, 1), 0.86), ((2, 1), 0.04), ((1, 2), 0.04), ((1, 0), 0.015), ((0, 1), 0.015),
         ((2, 2), 0.015), ((1, 3), 0.0075), ((3, 1), 0.0075)]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_LATIN_SYLLABLES) for _ in range(syllables))


def _cyrillic(word: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) for ch in word.lower())


class Language:
    """A random vocabulary, its translations, names and a Zipfian sampler."""

    def __init__(self, rng: random.Random, size: int = 4000, names: int = 400) -> None:
        self.rng = rng
        self.words = list(dict.fromkeys(_word(rng, rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
                                        for _ in range(size)))
        self.translation = {
            w: _cyrillic(_word(rng, max(1, len(w) // 2 + rng.choice((0, 0, 1, 1, 2)))))
            for w in self.words
        }
        self.names = [_word(rng, rng.choice((2, 3))).capitalize() for _ in range(names)]
        self.weights = [1.0 / (rank + 1) for rank in range(len(self.words))]

    def sentence(self) -> tuple[str, str]:
        rng = self.rng
        length = rng.randint(4, 28)
        words = rng.choices(self.words, self.weights, k=length)
        src = list(words)
        tgt = [self.translation[w] for w in words]
        for _ in range(rng.choice((0, 0, 1, 2))):  # translations are not word for word
            if rng.random() < 0.5 and len(tgt) > 3:
                del tgt[rng.randrange(len(tgt))]
            else:
                tgt.insert(rng.randrange(len(tgt) + 1), self.translation[rng.choice(self.words)])
        if rng.random() < 0.3:
            name = rng.choice(self.names)
            k = rng.randrange(len(src) + 1)
            src.insert(k, name)
            tgt.insert(min(k, len(tgt)), _cyrillic(name).capitalize() + rng.choice(("", "а", "у")))
        if rng.random() < 0.3:
            value = rng.choice((rng.randint(1, 99), rng.randint(1900, 2030),
                                rng.randint(1000, 99999)))
            k = rng.randrange(len(src) + 1)
            src.insert(k, f"{value:,}")
            tgt.insert(min(k, len(tgt)), f"{value:,}".replace(",", " "))
        end = rng.choices((".", "?", "!"), (0.9, 0.07, 0.03))[0]
        return (" ".join(src).capitalize() + end, " ".join(tgt).capitalize() + end)


Beads = list[tuple[list[int], list[int]]]


def generate(n: int, seed: int = 1) -> tuple[list[str], list[str], Beads]:
    """About *n* source sentences, their translation and the gold beads (0-based)."""
    rng = random.Random(seed)
    lang = Language(rng)
    kinds = [k for k, _ in BEADS]
    probs = [p for _, p in BEADS]
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    while len(src) < n:
        ds, dt = rng.choices(kinds, probs)[0]
        pairs = [lang.sentence() for _ in range(max(ds, dt))]
        src_text = [p[0] for p in pairs]
        tgt_text = [p[1] for p in pairs]
        if ds == 0:
            src_text = []
        elif ds < len(pairs):  # merge several source sentences into fewer
            src_text = _regroup(src_text, ds)
        if dt == 0:
            tgt_text = []
        elif dt < len(pairs):
            tgt_text = _regroup(tgt_text, dt)
        gold.append((list(range(len(src), len(src) + len(src_text))),
                     list(range(len(tgt), len(tgt) + len(tgt_text)))))
        src.extend(src_text)
        tgt.extend(tgt_text)
    return src, tgt, gold


def _regroup(sentences: list[str], parts: int) -> list[str]:
    """Join *sentences* into *parts* sentences (a comma where a full stop was)."""
    out = [[] for _ in range(parts)]
    for k, s in enumerate(sentences):
        out[min(k * parts // len(sentences), parts - 1)].append(s)
    return [", ".join(x[:-1] if i < len(group) - 1 else x for i, x in enumerate(group))
            for group in out]


def write(n: int, seed: int, out: Path) -> tuple[Path, Path, Path]:
    src, tgt, gold = generate(n, seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = out / f"gen{n}.en", out / f"gen{n}.ru", out / f"gen{n}.gold"
    paths[0].write_text("".join(s + "\n" for s in src), "utf-8")
    paths[1].write_text("".join(t + "\n" for t in tgt), "utf-8")
    paths[2].write_text("".join(f"{s}:{t}\n" for s, t in gold), "utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of source sentences (about)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("."))
    args = parser.parse_args()
    for path in write(args.n, args.seed, args.out):
        print(path)


if __name__ == "__main__":
    main()
