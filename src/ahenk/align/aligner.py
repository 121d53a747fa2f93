"""Sentence aligners: a validated template method on the base class, small hooks in subclasses.

:meth:`Aligner.align` checks its input (sentence lists, languages, empty sides), cuts the pair at
paragraph boundaries when both sides have the same paragraphs (strong anchors), calls the
subclass's :meth:`Aligner._align_chunk` for each chunk, and turns the result into
:class:`~ahenk.align.model.Bead`\\ s with a confidence. Two aligners ship:

* :class:`GaleChurchAligner` (``gale-church``): lengths only, Gale & Church's fixed parameters
  and bead set: the baseline, and what hunalign does without a dictionary.
* :class:`AnchorAligner` (``ahenk``): the length model with parameters estimated from the pair,
  plus anchor evidence (numbers, identical tokens, names across scripts, punctuation, termbase
  concepts) and 1:3/3:1 beads.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from ahenk.align.anchors import AnchorIndex, Feature, Terms, default_features, termbase_hash
from ahenk.align.dp import Problem, Step, Weights, path_points, search
from ahenk.align.length import BEAD_TYPES, LengthModel
from ahenk.align.model import Alignment, Bead, Signature, as_language
from ahenk.errors import UsageError
from ahenk.model import LanguageTag
from ahenk.termbase.model import Termbase

#: Sides whose sizes differ more than this factor get a warning (likely not translations).
SIZE_RATIO_WARNING = 3.0


class Aligner(ABC):
    """Base of every aligner. Public: :meth:`align` and :meth:`signature`."""

    name: ClassVar[str] = "aligner"

    def align(self, src_sentences: Sequence[str], tgt_sentences: Sequence[str],
              src_lang: str | LanguageTag, tgt_lang: str | LanguageTag, *,
              src_paragraphs: Sequence[int] | None = None,
              tgt_paragraphs: Sequence[int] | None = None) -> Alignment:
        """Align two lists of sentences; every sentence of both sides is in exactly one bead.

        *src_paragraphs*/*tgt_paragraphs* give each sentence's paragraph number; when both
        sides have the same number of paragraphs, of proportionate lengths, the paragraph
        boundaries are strong anchors: beads never cross them.
        Raises :class:`~ahenk.errors.UsageError` for input that cannot be aligned.
        """
        src = _sentences(src_sentences, "source")
        tgt = _sentences(tgt_sentences, "target")
        slang, tlang = as_language(src_lang), as_language(tgt_lang)
        if not src and not tgt:
            raise UsageError("both sides are empty: there is nothing to align")
        if not src or not tgt:
            empty, full = ("source", tgt) if not src else ("target", src)
            raise UsageError(f"the {empty} side is empty while the other has "
                             f"{len(full)} sentence(s): nothing to align them with")
        warnings = _size_warnings(src, tgt)
        steps: list[Step] = []
        chunks = _chunks(len(src), len(tgt), src_paragraphs, tgt_paragraphs)
        if len(chunks) > 1 and not _paragraphs_agree(src, tgt, chunks):
            chunks = [((0, len(src)), (0, len(tgt)))]
        for (s0, s1), (t0, t1) in chunks:
            for st in self._align_chunk(src[s0:s1], tgt[t0:t1], slang.language, tlang.language):
                steps.append(Step(st.i0 + s0, st.i1 + s0, st.j0 + t0, st.j1 + t0,
                                  st.length_cost, st.shared, st.cosine, st.cost))
        beads = [self._bead(st) for st in steps]
        return Alignment(src, tgt, slang, tlang, beads, self.signature(), warnings,
                         dict(self._last_parameters))

    def signature(self) -> Signature:
        return Signature(self.name, self._parameters(), self._termbase_hash())

    # -- hooks --------------------------------------------------------------------------------
    _last_parameters: dict[str, float] = {}

    @abstractmethod
    def _align_chunk(self, src: list[str], tgt: list[str], src_lang: str,
                     tgt_lang: str) -> list[Step]:
        """The beads of one chunk, indices relative to the chunk."""

    @abstractmethod
    def _parameters(self) -> str: ...

    def _termbase_hash(self) -> str:
        return "none"

    def _confidence(self, step: Step) -> float:
        """A bead's confidence from its fit without the type prior: lengths and anchors.

        A logistic function of ``length cost - anchors``; omissions/additions and beads of
        more than two sentences start lower. Calibrated on Text+Berg so that beads under 0.5
        are mostly wrong and beads over 0.9 mostly right (see ``bench/align``).
        """
        badness = step.length_cost - 1.5 * min(step.shared, 4.0) - 2.0 * step.cosine
        if step.i0 == step.i1 or step.j0 == step.j1:
            badness += 2.0
        elif (step.i1 - step.i0) + (step.j1 - step.j0) > 2:
            badness += 0.5
        return 1.0 / (1.0 + math.exp(badness - 1.5))

    def _bead(self, step: Step) -> Bead:
        return Bead(tuple(range(step.i0, step.i1)), tuple(range(step.j0, step.j1)),
                    round(step.cost, 4), round(self._confidence(step), 4))


class GaleChurchAligner(Aligner):
    """Length only, as Gale & Church (1993): c = 1, s2 = 6.8, beads 1:1 1:0 0:1 2:1 1:2 2:2."""

    name = "gale-church"
    BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))

    def __init__(self, c: float = 1.0, s2: float = 6.8) -> None:
        self.model = LengthModel(c, s2)

    def _align_chunk(self, src: list[str], tgt: list[str], src_lang: str,
                     tgt_lang: str) -> list[Step]:
        empty = [frozenset()]
        problem = Problem([len(s) for s in src], [len(t) for t in tgt],
                          empty * len(src), empty * len(tgt), [])
        self._last_parameters = {"c": self.model.c, "s2": self.model.s2}
        return search(problem, self.model, Weights(lexical=0.0, cosine=0.0, bead_types=self.BEADS,
                                                   deletion_by_length=True))

    def _parameters(self) -> str:
        return f"c={self.model.c:g},s2={self.model.s2:g},beads=gc6"


class AnchorAligner(Aligner):
    """Length model estimated from the pair, plus anchors; two passes (estimate, then refine)."""

    name = "ahenk"

    def __init__(self, features: Sequence[Feature] | None = None,
                 termbase: Termbase | None = None,
                 weights: Weights | None = None, width: int = 6) -> None:
        self.features = list(features) if features is not None else default_features()
        self.termbase = termbase
        if termbase is not None:
            self.features.append(Terms(termbase))
        self.weights = weights or Weights()
        self.width = width

    def _align_chunk(self, src: list[str], tgt: list[str], src_lang: str,
                     tgt_lang: str) -> list[Step]:
        index = AnchorIndex.build(src, tgt, src_lang, tgt_lang, self.features)
        problem = Problem([len(s) for s in src], [len(t) for t in tgt],
                          index.src, index.tgt, index.weights)
        model = LengthModel.estimate(problem.src_len, problem.tgt_len)
        first = search(problem, model, self.weights, self.width)
        refit = model.refit([(problem.src_len[st.i0], problem.tgt_len[st.j0])
                             for st in first if st.i1 - st.i0 == 1 and st.j1 - st.j0 == 1])
        self._last_parameters = {"c": round(refit.c, 4), "s2": round(refit.s2, 4)}
        if refit == model:
            return first
        return search(problem, refit, self.weights, max(3, self.width // 2),
                      guide=path_points(first))

    def _parameters(self) -> str:
        w = self.weights
        features = ",".join(f.describe() for f in self.features)
        beads = " ".join(f"{a}:{b}" for a, b in BEAD_TYPES)
        return (f"lexical={w.lexical:g},cosine={w.cosine:g},cap={w.max_shared:g},"
                f"deletion={w.deletion:g},width={self.width},"
                f"features=[{features}],beads=[{beads}],length=estimated")

    def _termbase_hash(self) -> str:
        return termbase_hash(self.termbase) if self.termbase is not None else "none"


def _sentences(value: Sequence[str], side: str) -> list[str]:
    if isinstance(value, str | bytes):
        raise UsageError(f"{side} sentences must be a list of strings, not one "
                         f"{type(value).__name__}")
    out = []
    for k, s in enumerate(value):
        if not isinstance(s, str):
            raise UsageError(f"{side} sentence {k} is {type(s).__name__}, not str")
        out.append(s)
    return out


def _size_warnings(src: list[str], tgt: list[str]) -> list[str]:
    out = []
    n, m = len(src), len(tgt)
    if max(n, m) >= 10 and max(n, m) > SIZE_RATIO_WARNING * min(n, m):
        out.append(f"the sides differ widely in size ({n} vs {m} sentences): they may not be "
                   f"translations of each other; expect many 1:0/0:1 and low-confidence beads")
    cs, ct = sum(map(len, src)), sum(map(len, tgt))
    if min(cs, ct) > 0 and max(cs, ct) >= 500 and max(cs, ct) > SIZE_RATIO_WARNING * min(cs, ct):
        out.append(f"the sides differ widely in length ({cs} vs {ct} characters)")
    return out


def _chunks(n: int, m: int, src_par: Sequence[int] | None,
            tgt_par: Sequence[int] | None) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Paragraph-aligned chunks when both sides have the same paragraphs; else the whole."""
    whole = [((0, n), (0, m))]
    if src_par is None or tgt_par is None:
        return whole
    if len(src_par) != n or len(tgt_par) != m:
        raise UsageError("paragraph numbers must be given for every sentence of their side")
    src_spans, tgt_spans = _spans(src_par), _spans(tgt_par)
    if len(src_spans) != len(tgt_spans) or len(src_spans) < 2:
        return whole
    return list(zip(src_spans, tgt_spans, strict=True))


def _paragraphs_agree(src: list[str], tgt: list[str],
                      chunks: list[tuple[tuple[int, int], tuple[int, int]]]) -> bool:
    """Whether paragraph pairs have lengths in proportion: same count alone is not enough."""
    total_s, total_t = sum(map(len, src)), sum(map(len, tgt))
    if not total_s or not total_t:
        return False
    c = total_t / total_s
    for (s0, s1), (t0, t1) in chunks:
        ls, lt = sum(map(len, src[s0:s1])), sum(map(len, tgt[t0:t1]))
        if max(ls, lt) >= 40 and not 0.5 < (lt + 10) / (c * ls + 10) < 2.0:
            return False
    return True


def _spans(paragraphs: Sequence[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(paragraphs) + 1):
        if k == len(paragraphs) or paragraphs[k] != paragraphs[k - 1]:
            spans.append((start, k))
            start = k
    return spans
