"""Sentence aligners: a validated template method on the base class, small hooks in subclasses.

:meth:`Aligner.align` checks its input (sentence lists, languages, empty sides), cuts the pair at
paragraph boundaries when both sides have the same paragraphs (strong anchors), and runs the bead
search (:mod:`ahenk.align.dp`) on each chunk: a first pass, then, when the subclass refits its
length model on that first alignment, a second pass in a narrow band around the first path.
Subclasses fill the hooks: :meth:`_problem` (lengths and anchor keys of the pair),
:meth:`_length_model`, :meth:`_refit`, and the ``weights`` of the cost.
Two aligners ship:

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
        chunks = _chunks(len(src), len(tgt), src_paragraphs, tgt_paragraphs)
        if len(chunks) > 1 and not _paragraphs_agree(src, tgt, chunks):
            chunks = [((0, len(src)), (0, len(tgt)))]
        problem = self._problem(src, tgt, slang.language, tlang.language)
        model = self._length_model(problem)
        steps = self._search(problem, chunks, model, None)
        refit = self._refit(model, problem, steps)
        if refit != model:  # second pass, in a narrow band around the first
            steps = self._search(problem, chunks, refit, steps)
        beads = [self._bead(st) for st in steps]
        return Alignment(src, tgt, slang, tlang, beads, self.signature(), warnings,
                         {"c": round(refit.c, 4), "s2": round(refit.s2, 4)})

    def signature(self) -> Signature:
        return Signature(self.name, self._parameters(), self._termbase_hash())

    def _search(self, problem: Problem, chunks: list[tuple[tuple[int, int], tuple[int, int]]],
                model: LengthModel, previous: list[Step] | None) -> list[Step]:
        """Search each chunk; with *previous* steps, only near their path."""
        steps: list[Step] = []
        for (s0, s1), (t0, t1) in chunks:
            part = problem.slice(s0, s1, t0, t1)
            if previous is None:
                found = search(part, model, self.weights, self.width)
            else:
                mine = [st.shifted(-s0, -t0) for st in previous if s0 <= st.i0 and st.i1 <= s1
                        and t0 <= st.j0 and st.j1 <= t1]
                found = search(part, model, self.weights, max(3, self.width // 2),
                               guide=path_points(mine))
            steps.extend(st.shifted(s0, t0) for st in found)
        return steps

    # -- hooks --------------------------------------------------------------------------------
    weights: Weights = Weights()
    width: int = 6

    @abstractmethod
    def _problem(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> Problem:
        """Lengths and anchor key sets of the whole pair."""

    @abstractmethod
    def _length_model(self, problem: Problem) -> LengthModel: ...

    def _refit(self, model: LengthModel, problem: Problem, steps: list[Step]) -> LengthModel:
        """A length model refitted on a first alignment (default: keep *model*, one pass)."""
        return model

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
        self.weights = Weights(lexical=0.0, cosine=0.0, bead_types=self.BEADS,
                               deletion_by_length=True)

    def _problem(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> Problem:
        empty: list[frozenset[int]] = [frozenset()]
        return Problem([len(s) for s in src], [len(t) for t in tgt],
                       empty * len(src), empty * len(tgt), [])

    def _length_model(self, problem: Problem) -> LengthModel:
        return self.model

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

    def _problem(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> Problem:
        index = AnchorIndex.build(src, tgt, src_lang, tgt_lang, self.features)
        return Problem([len(s) for s in src], [len(t) for t in tgt],
                       index.src, index.tgt, index.weights)

    def _length_model(self, problem: Problem) -> LengthModel:
        return LengthModel.estimate(problem.src_len, problem.tgt_len)

    def _refit(self, model: LengthModel, problem: Problem, steps: list[Step]) -> LengthModel:
        return model.refit([(problem.src_len[st.i0], problem.tgt_len[st.j0])
                            for st in steps if st.i1 - st.i0 == 1 and st.j1 - st.j0 == 1])

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
