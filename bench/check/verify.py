"""The fast paths of the term matcher and the near-miss finder against their reference scans.

    .venv/bin/python bench/check/verify.py --units 2000     # exits 1 on any difference

On generated units (:mod:`generate`) and noisy copies of them (lower case, upper case,
decomposed, diacritics dropped, doubled spaces):

* :class:`~ahenk.termbase.match.TermIndex`: each trie level looked up by the text word (anchor
  keys, remembered verdicts) against a scan of every word of the level, in insertion order;
  nested and not.
* :class:`~ahenk.check.checks._variants.VariantIndex`: the word-by-word candidate search
  (deletion index, word trie, :meth:`_first_hit`) against the pieces' scan over every term (the
  path twins take), with and without exact spans.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from ahenk.check.checks import _variants  # noqa: E402
from ahenk.glossary import load_termbase  # noqa: E402
from ahenk.termbase import match  # noqa: E402

LANGS = ("en", "az", "ru")


def texts(data: Path, units: int, seed: int) -> list[tuple[str, str]]:
    rows = [line.rstrip("\n").split("\t")
            for line in (data / "units.tsv").open(encoding="utf-8")]
    random.Random(seed).shuffle(rows)
    rows = rows[:units]
    out = [(r[0], "en") for r in rows] + [(r[2], r[1]) for r in rows]
    noisy = []
    for text, lang in out[:units]:
        noisy += [(text.lower(), lang), (text.upper(), lang),
                  (unicodedata.normalize("NFD", text), lang),
                  (text.replace("ə", "e").replace("ş", "s").replace("о", "а"), lang),
                  (text.replace(" ", "  ", 3), lang)]
    return out + noisy


def _scan_level(level: match._Level, surface: str, is_form) -> list[match._Node]:  # noqa: ANN001
    items = [(order, word, match.Role.FIXED, child)
             for word, (order, child) in level.exact.items()]
    seen: set[int] = set()
    for listed in [*level.forms.values(), level.wild]:
        for order, word, role, child in listed:
            if id(child) not in seen:
                seen.add(id(child))
                items.append((order, word, role, child))
    items.sort(key=lambda item: item[0])
    return [child for _, word, role, child in items
            if (surface == word if role is match.Role.FIXED else is_form(word, surface, role))]


def verify_terms(termbase, sample: list[tuple[str, str]]) -> int:  # noqa: ANN001
    fast = {lang: match.TermIndex(termbase, lang) for lang in LANGS}
    slow = {lang: match.TermIndex(termbase, lang) for lang in LANGS}
    differences = 0
    for text, lang in sample:
        for nested in (False, True):
            got = [(m.concept, m.term, m.start, m.end) for m in fast[lang].find(text,
                                                                                 nested=nested)]
            indexed, match._Level.matching = match._Level.matching, _scan_level
            try:
                slow[lang]._matched.clear()
                slow[lang]._last = None
                want = [(m.concept, m.term, m.start, m.end)
                        for m in slow[lang].find(text, nested=nested)]
            finally:
                match._Level.matching = indexed
            if got != want:
                differences += 1
                if differences <= 3:
                    print(f"term {lang} nested={nested}: {text}\n  fast {got}\n  scan {want}")
    return differences


def verify_variants(termbase, sample: list[tuple[str, str]]) -> int:  # noqa: ANN001
    fast = {lang: _variants.VariantIndex(termbase, lang) for lang in LANGS}
    slow = {}
    for lang in LANGS:
        index = _variants.VariantIndex(termbase, lang)
        # every term through the pieces' scan: rebuild the twins automaton with all of them
        _all_twins(index)
        slow[lang] = index
    terms = {lang: match.TermIndex(termbase, lang) for lang in LANGS}
    differences = 0
    for text, lang in sample:
        for exact in ([(m.start, m.end) for m in terms[lang].find(text)], []):
            got = [(v.concept, v.term.text, v.start, v.end, v.kind)
                   for v in fast[lang].find(text, exact)]
            want = [(v.concept, v.term.text, v.start, v.end, v.kind)
                    for v in slow[lang].find(text, exact)]
            if got != want:
                differences += 1
                if differences <= 3:
                    print(f"variant {lang}: {text}\n  fast {got}\n  scan {want}")
    return differences


def _all_twins(index: _variants.VariantIndex) -> None:
    import ahocorasick

    entries: dict[int, _variants._Entry] = {}
    stack = [index._trie]
    while stack:
        node = stack.pop()
        for entry in node.entries:
            entries[id(entry)] = entry
        stack.extend(node.children.values())
    by_piece: dict[str, list[tuple]] = {}
    for entry_id, hits in index._hits.items():
        entry = entries.get(entry_id)
        if entry is None:
            continue  # already a twin
        for piece, word_index, position in hits:
            by_piece.setdefault(piece, []).append((entry, 0, word_index, position))
    automaton = ahocorasick.Automaton()
    if index._has_twins:
        for piece, (_, listed) in index._twins.items():
            by_piece.setdefault(piece, []).extend(listed)
    for piece, listed in by_piece.items():
        listed.sort(key=lambda item: item[3])
        automaton.add_word(piece, (len(piece), tuple(listed)))
    automaton.make_automaton()
    index._twins = automaton
    index._has_twins = True
    index._trie = _variants._Trie()
    index._starts.clear()
    index._hot.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/ahenk-bench-check/verify"))
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if not (args.data / "units.tsv").exists():
        from generate import generate

        generate(max(args.units, 2000), args.data)
    termbase = load_termbase(args.data / "termbase.tsv")
    sample = texts(args.data, args.units, args.seed)
    terms = verify_terms(termbase, sample)
    variants = verify_variants(termbase, sample)
    print(f"{len(sample):,} texts: {terms} term-matcher and {variants} near-miss differences")
    sys.exit(1 if terms or variants else 0)


if __name__ == "__main__":
    main()
