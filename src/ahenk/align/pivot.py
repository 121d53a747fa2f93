"""Trilingual alignment through a pivot: en–az and en–ru beads joined on the English side.

Each other language is aligned to the pivot on its own; the two bead sequences are then cut only
where *both* have a bead boundary on the pivot side, so every multilingual unit holds whole
beads of both alignments: pivot sentences ``[3, 4]`` with az ``[3]`` and ru ``[4, 5]``. An
addition in one language (a 0:1 bead: text with no pivot counterpart) becomes a unit of its own
with that language only. A unit's confidence is the lowest confidence of the beads it joins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ahenk import __version__
from ahenk.align.aligner import Aligner, AnchorAligner
from ahenk.align.model import Alignment, Bead
from ahenk.errors import UsageError
from ahenk.model import LanguageTag, Segment, Store, Unit
from ahenk.model.unit import Header


@dataclass(frozen=True)
class MultiBead:
    """Sentence indices per language (language subtag → indices) and a confidence."""

    indices: dict[str, tuple[int, ...]]
    confidence: float


@dataclass
class MultiAlignment:
    pivot: Alignment  # gives the pivot's sentences and language
    others: list[Alignment]
    units: list[MultiBead] = field(default_factory=list)

    @property
    def languages(self) -> list[LanguageTag]:
        return [self.pivot.src_lang, *(a.tgt_lang for a in self.others)]

    def sentences(self, lang: str) -> list[str]:
        if lang == self.pivot.src_lang.language:
            return self.pivot.src_sentences
        for other in self.others:
            if other.tgt_lang.language == lang:
                return other.tgt_sentences
        raise KeyError(lang)

    def text(self, unit: MultiBead, lang: str, joiner: str = " ") -> str:
        sentences = self.sentences(lang)
        return joiner.join(sentences[k] for k in unit.indices.get(lang, ()))

    def to_store(self) -> Store:
        """A multilingual store (for TMX): one unit per multilingual bead with pivot text."""
        pivot = self.pivot.src_lang
        store = Store(header=Header(
            source_lang=pivot, target_langs=[a.tgt_lang for a in self.others],
            tool="ahenk", tool_version=__version__,
            props=[("x-align-signature", str(self.pivot.signature))]))
        for k, unit in enumerate(self.units):
            if not unit.indices.get(pivot.language):
                continue
            targets = [Segment(self.text(unit, tag.language), lang=tag)
                       for tag in self.languages[1:] if unit.indices.get(tag.language)]
            if not targets:
                continue
            store.add(Unit(source=Segment(self.text(unit, pivot.language), lang=pivot),
                           targets=targets, id=str(k + 1),
                           props=[("x-align-confidence", f"{unit.confidence:.3f}")]))
        return store


def align_pivot(pivot_sentences: Sequence[str], pivot_lang: str | LanguageTag,
                others: Sequence[tuple[Sequence[str], str | LanguageTag]
                                 | tuple[Sequence[str], str | LanguageTag, Sequence[int] | None]],
                *, aligner: Aligner | None = None,
                pivot_paragraphs: Sequence[int] | None = None) -> MultiAlignment:
    """Align each of *others* to the pivot and join the results.

    Each of *others* is ``(sentences, language)`` or ``(sentences, language, paragraphs)``;
    with *pivot_paragraphs* too, paragraphs anchor that pair as in :meth:`Aligner.align`.
    """
    if not others:
        raise UsageError("a pivot alignment needs at least one other language")
    aligner = aligner or AnchorAligner()
    alignments = []
    for sents, lang, *par in others:
        alignments.append(aligner.align(pivot_sentences, sents, pivot_lang, lang,
                                        src_paragraphs=pivot_paragraphs,
                                        tgt_paragraphs=par[0] if par else None))
    langs = [a.tgt_lang.language for a in alignments]
    if len(set(langs)) != len(langs) or alignments[0].src_lang.language in langs:
        raise UsageError("each language of a pivot alignment must be different")
    return MultiAlignment(alignments[0], alignments, join(alignments))


def join(alignments: Sequence[Alignment]) -> list[MultiBead]:
    """Multilingual units from alignments sharing the same source (pivot) sentences."""
    n = len(alignments[0].src_sentences)
    pivot = alignments[0].src_lang.language
    # A cut after pivot sentence k is allowed when every alignment has a bead ending there.
    cuts = set(range(n + 1))
    for alignment in alignments:
        inside = set()
        for bead in alignment.beads:
            inside.update(bead.src_indices[1:])  # no cut before a non-first sentence of a bead
        cuts -= inside
    bounds = sorted(cuts)
    units: list[MultiBead] = []
    cursors = [0] * len(alignments)
    for a, b in zip(bounds, bounds[1:], strict=False):
        indices: dict[str, list[int]] = {pivot: list(range(a, b))}
        confidence = 1.0
        leading: list[MultiBead] = []  # additions before the group's pivot text
        trailing: list[MultiBead] = []  # and after it
        for k, alignment in enumerate(alignments):
            lang = alignment.tgt_lang.language
            beads = alignment.beads
            seen_pivot = False
            while cursors[k] < len(beads) and _before(beads[cursors[k]], b):
                bead = beads[cursors[k]]
                cursors[k] += 1
                if not bead.src_indices:  # an addition with no pivot text: its own unit
                    alone = MultiBead({lang: bead.tgt_indices}, bead.confidence)
                    (trailing if seen_pivot else leading).append(alone)
                    continue
                seen_pivot = True
                indices.setdefault(lang, []).extend(bead.tgt_indices)
                confidence = min(confidence, bead.confidence)
        units.extend(leading)
        units.append(MultiBead({k: tuple(v) for k, v in indices.items()}, confidence))
        units.extend(trailing)
    for k, alignment in enumerate(alignments):  # trailing additions after the last pivot text
        for bead in alignment.beads[cursors[k]:]:
            units.append(MultiBead({alignment.tgt_lang.language: bead.tgt_indices},
                                   bead.confidence))
    return units


def _before(bead: Bead, end: int) -> bool:
    """Whether *bead* lies before the cut at pivot position *end*."""
    if bead.src_indices:
        return bead.src_indices[-1] < end
    return True  # an addition belongs where the cursor stands
