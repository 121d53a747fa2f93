"""Translation candidates of a source term, by association over aligned units.

For a source candidate found in the units S, every target n-gram of those units that could be
a term (the same edge and linking-word rules as :mod:`ahenk.mining.candidates`) is a candidate
translation. N-grams are counted by *key*, their words' stems (Azerbaijani suffixes stripped,
Russian lemmas: :func:`ahenk.mining.words.stem`), so Mexanizm/Mexanizmin/Mexanizmə and
механизм/механизма are one key. Two scores per key t, found in the units T:

* phrase association over the units: Dice ``2|S∩T| / (|S| + |T|)`` and Dunning's
  log-likelihood ratio G² of the 2×2 table (reported; Dice ranks, as it is not inflated by
  frequency in a small memory);
* word alignment inside each shared unit: word-to-word association between source and target
  stems (Dice over all units, with 1 added to the denominator so a pair seen once or twice is
  not certain; 1.0 for cognates: the same spelling, or the same
  :func:`~ahenk.align.translit.skeleton` over as many sound classes (three or four) as both
  have, Callamard/Kallamar/Калламар but not person/происхождение, compared on the words as
  spelt, not on their stems, whose English -s stripping would make Agnès agnè; an English
  *c* before a, o, u or a consonant is hard, read as *k*: Callamard = Kallamar; the French and
  Italian *gn* is a palatal *n*: Agnès = Аньес), then competitive linking (Melamed 2000):
  the most associated pair of the unit is linked first, each target word once and each source
  word once per occurrence (war in "prisoners of war" and "Karabakh war" takes two). A span's
  *coverage* is the share of the candidate's words linked into it, its *belonging* the share of
  its words linked to the candidate (a word linked to nothing counts half, one linked to
  another source word nothing). Their harmonic mean is the local score, averaged over the
  shared units.

Target spans follow the source candidates' edge rules; an Azerbaijani span never starts
with a light verb (:func:`ahenk.mining.words.is_light_verb`): edilmiş belongs to the noun
before it (azad edilmiş ərazilər); a Russian span never ends with a word that can only be an
adjective or participle (:func:`ahenk.mining.words.is_attributive`): it agrees with a noun
after it (международного гуманитарного права).

The translation is the key with the highest ``local × Dice``; it is shown as it appears in
text, in its citation form (:func:`citation_form`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ahenk.align.translit import skeleton
from ahenk.mining.candidates import (
    MAX_WORDS,
    Candidate,
    Occurrence,
    _edge_ok,
    _inner_ok,
    _key,
    _Word,
    runs,
)
from ahenk.mining.forms import citation_form
from ahenk.mining.words import is_attributive, is_light_verb, is_stop, stem

#: Units per candidate in which the word alignment is computed (Dice uses all of them).
ALIGN_UNITS = 8
#: Similarity of two words spelt alike after transliteration (above any smoothed Dice).
COGNATE = 1.0
#: Added to the denominator of word Dice, so two words seen together once or twice are not
#: as sure as cognates.
SMOOTHING = 1.0
#: The weakest association two words are linked on.
MIN_LINK = 0.05
#: What a target word linked to nothing counts for in a span's belonging.
UNLINKED = 0.5


@dataclass
class Translation:
    text: str
    key: tuple[str, ...]
    score: float  # local × Dice
    dice: float
    llr: float
    local: float
    joint: int  # units holding both
    variants: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Span:
    start: int  # word indexes into the unit's word list
    end: int
    key: tuple[str, ...]
    surface: str
    char_start: int
    char_end: int


@dataclass
class _Side:
    words: list[_Word]
    content: list[str]  # stems of content words, unique, in order


class Associator:
    """Aligned units of one language pair, indexed once; :meth:`translate` one candidate."""

    def __init__(self, pairs: Sequence[tuple[str, str]], src_lang: str, tgt_lang: str,
                 max_words: int = MAX_WORDS) -> None:
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.pairs = list(pairs)
        self.max_words = max_words
        self.source = [self._side(s, src_lang) for s, _ in self.pairs]
        self.target = [self._side(t, tgt_lang) for _, t in self.pairs]
        self.spans: list[list[_Span]] = []
        self.key_units: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for unit, (_, text) in enumerate(self.pairs):
            spans = self._spans(text, tgt_lang)
            self.spans.append(spans)
            for span in spans:
                self.key_units[span.key].add(unit)
        # stem → folded words as spelt (English with its hard c as k), for cognates
        self.spelt: dict[str, set[str]] = defaultdict(set)
        for side, lang in ((self.source, src_lang), (self.target, tgt_lang)):
            for words in side:
                for word in words.words:
                    self.spelt[word.stem].update(_spellings(word.folded, lang))
        self.src_count: Counter[str] = Counter()
        self.tgt_count: Counter[str] = Counter()
        self.joint: Counter[tuple[str, str]] = Counter()
        for src, tgt in zip(self.source, self.target, strict=True):
            self.src_count.update(src.content)
            self.tgt_count.update(tgt.content)
            self.joint.update((e, t) for e in src.content for t in tgt.content)
        self._assoc: dict[tuple[str, str], float] = {}
        self._unit_links: dict[int, dict[str, str]] = {}

    @staticmethod
    def _side(text: str, lang: str) -> _Side:
        words = [w for run in runs(text, lang) for w in run]
        return _Side(words, list(dict.fromkeys(w.stem for w in words if _content(w))))

    def _spans(self, text: str, lang: str) -> list[_Span]:
        out: list[_Span] = []
        offset = 0
        for run in runs(text, lang):
            for i, first in enumerate(run):
                if not _edge_ok(first) or is_light_verb(first.folded, lang):
                    continue
                for j in range(i, min(len(run), i + self.max_words)):
                    if j > i and run[j].quoted:
                        break
                    words = run[i:j + 1]
                    if not _inner_ok(words):
                        break
                    if not _edge_ok(run[j]) or is_attributive(run[j].folded, lang):
                        continue
                    a, b = first.token.start, run[j].token.end
                    out.append(_Span(offset + i, offset + j + 1, _key(words, text), text[a:b],
                                     a, b))
            offset += len(run)
        return out

    def assoc(self, e: str, t: str) -> float:
        """Word association of a source and a target stem: Dice over units, or cognates."""
        pair = (e, t)
        cached = self._assoc.get(pair)
        if cached is None:
            joint = self.joint[pair]
            cached = (2 * joint / (self.src_count[e] + self.tgt_count[t] + SMOOTHING)
                      if joint else 0.0)
            if cached < COGNATE and any(_cognates(a, b) for a in self.spelt.get(e, {e})
                                        for b in self.spelt.get(t, {t})):
                cached = COGNATE
            self._assoc[pair] = cached
        return cached

    def translate(self, candidate: Candidate) -> Translation | None:
        units = sorted(candidate.units)
        if not units:
            return None
        n = len(self.pairs)
        local: dict[tuple[str, ...], list[float]] = defaultdict(list)
        surfaces: dict[tuple[str, ...], list[Occurrence]] = defaultdict(list)
        terms = list(dict.fromkeys(s for o in candidate.occurrences
                                   for s in _stems(o.words, candidate.lang)))
        for unit in units:
            best = self._align(terms, unit)
            for key, (score, span) in best.items():
                if len(local[key]) < ALIGN_UNITS:
                    local[key].append(score)
                surfaces[key].append(Occurrence(unit, span.char_start, span.char_end,
                                                span.surface, ()))
        best_translation: Translation | None = None
        s = len(units)
        for key, scores in local.items():
            t_units = self.key_units[key]
            joint = len(t_units.intersection(units))
            dice = 2 * joint / (s + len(t_units))
            mean = sum(scores) / len(scores)
            score = mean * dice
            if best_translation is None or (score, len(key)) > (best_translation.score,
                                                                 len(best_translation.key)):
                best_translation = Translation("", key, score, dice,
                                               log_likelihood(joint, s, len(t_units), n),
                                               mean, joint)
        if best_translation is None or best_translation.score <= 0:
            return None
        found = surfaces[best_translation.key]
        best_translation.variants = Counter(o.surface for o in found)
        best_translation.text = citation_form(
            found, self.tgt_lang, lower_initial=not candidate.text[:1].isupper(),
            texts=[self.pairs[o.unit][1] for o in found])
        return best_translation

    def _links(self, unit: int) -> dict[str, str]:
        """Competitive linking of the unit's content stems: the most associated pair first,
        each target stem linked once, each source stem as many times as it occurs in the unit
        (a word seen twice, war in "prisoners of war" and "Karabakh war", has two
        translations to take); target stem → source stem."""
        cached = self._unit_links.get(unit)
        if cached is None:
            src, tgt = self.source[unit].content, self.target[unit].content
            scored = sorted(((self.assoc(e, t), e, t) for e in src for t in tgt),
                            reverse=True)
            cached = {}
            left = Counter(w.stem for w in self.source[unit].words if _content(w))
            for score, e, t in scored:
                if score < MIN_LINK:
                    break
                if left[e] > 0 and t not in cached:
                    cached[t] = e
                    left[e] -= 1
            self._unit_links[unit] = cached
        return cached

    def _align(self, terms: list[str], unit: int
               ) -> dict[tuple[str, ...], tuple[float, _Span]]:
        """The local score of every span of a target unit for a candidate's stems: the
        harmonic mean of coverage (candidate words linked into the span) and belonging (span
        words linked to the candidate; unlinked ones count half)."""
        links = self._links(unit)
        inside = set(terms) & set(self.source[unit].content) or set(terms)
        stems = [w.stem if _content(w) else None for w in self.target[unit].words]
        out: dict[tuple[str, ...], tuple[float, _Span]] = {}
        for span in self.spans[unit]:
            if span.end - span.start > len(inside) + 3:
                continue
            content = [t for t in stems[span.start:span.end] if t is not None]
            if not content:
                continue
            linked = {links.get(t) for t in content}
            cover = len(inside & linked) / len(inside)
            belong = sum(1.0 if links.get(t) in inside else 0.0 if t in links else UNLINKED
                         for t in content) / len(content)
            score = 2 * cover * belong / (cover + belong) if cover + belong else 0.0
            if score > out.get(span.key, (-1.0, span))[0]:
                out[span.key] = (score, span)
        return out


def _content(word: _Word) -> bool:
    return not word.stop and any(c.isalpha() for c in word.folded)


def _stems(words: tuple[str, ...], lang: str) -> list[str]:
    return [stem(w, lang) for w in words if not is_stop(w, lang) and any(c.isalpha() for c in w)]


_HARD_C = regex.compile(r"c(?![eiyh])")


def _spellings(folded: str, lang: str) -> set[str]:
    """The word, and for English (names from French, Italian) the word as pronounced: hard c
    as k (Callamard → kallamard), gn as n (Agnès → anès)."""
    out = {folded}
    if lang == "en":
        out.add(_HARD_C.sub("k", folded).replace("gn", "n"))
    return out


def _cognates(e: str, t: str) -> bool:
    if e == t:
        return True
    if len(e) < 4 or len(t) < 4:
        return False
    a, b = skeleton(e), skeleton(t)
    n = min(len(a), len(b))
    return n >= 3 and a[:n] == b[:n]


def log_likelihood(joint: int, source: int, target: int, total: int) -> float:
    """Dunning's G² for a 2×2 contingency table of unit counts."""
    cells = (joint, source - joint, target - joint, total - source - target + joint)
    rows = (source, total - source)
    cols = (target, total - target)
    g2 = 0.0
    for k, observed in enumerate(cells):
        expected = rows[k // 2] * cols[k % 2] / total if total else 0.0
        if observed > 0 and expected > 0:
            g2 += observed * math.log(observed / expected)
    return 2 * g2
