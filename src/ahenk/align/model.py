"""What an alignment is: beads of sentence indices with a cost and a confidence, plus provenance."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ahenk import __version__
from ahenk.model import LanguageTag, Segment, Store, Unit, parse_language
from ahenk.model.unit import Header

#: Beads below this confidence are the ones a reviewer should look at first.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Bead:
    """Source sentences ``src_indices`` correspond to target sentences ``tgt_indices``.

    Indices are 0-based and consecutive; one side is empty for an omission (1:0) or an addition
    (0:1). ``cost`` is the bead's share of the path cost (lower is better); ``confidence`` is in
    [0, 1]; ``anchors`` lists the shared evidence (``numbers:1991``, ``names:knkn`` …).
    """

    src_indices: tuple[int, ...]
    tgt_indices: tuple[int, ...]
    cost: float = 0.0
    confidence: float = 1.0
    anchors: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """The bead type as ``"2:1"``."""
        return f"{len(self.src_indices)}:{len(self.tgt_indices)}"

    @property
    def is_insertion_or_deletion(self) -> bool:
        return not self.src_indices or not self.tgt_indices

    def vecalign(self) -> str:
        """vecalign's notation: ``[0, 1]:[2]`` with 0-based sentence (line) numbers."""
        src = ", ".join(map(str, self.src_indices))
        tgt = ", ".join(map(str, self.tgt_indices))
        return f"[{src}]:[{tgt}]"


@dataclass(frozen=True)
class Signature:
    """What produced an alignment, for reproducibility (sacrebleu style)."""

    name: str
    parameters: str
    termbase_hash: str = "none"
    version: str = __version__

    def as_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "parameters": self.parameters,
            "termbase_hash": self.termbase_hash,
            "version": self.version,
        }

    def __str__(self) -> str:
        return (f"{self.name}|{self.parameters}|termbase:{self.termbase_hash}"
                f"|version:{self.version}")


@dataclass
class Alignment:
    """The beads of one text pair, in order, covering every sentence of both sides once."""

    src_sentences: list[str]
    tgt_sentences: list[str]
    src_lang: LanguageTag
    tgt_lang: LanguageTag
    beads: list[Bead]
    signature: Signature
    warnings: list[str] = field(default_factory=list)
    parameters: dict[str, float] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Bead]:
        return iter(self.beads)

    def __len__(self) -> int:
        return len(self.beads)

    def texts(self, bead: Bead, joiner: str = " ") -> tuple[str, str]:
        """The source and target text of *bead*, sentences joined by *joiner*."""
        return (joiner.join(self.src_sentences[i] for i in bead.src_indices),
                joiner.join(self.tgt_sentences[j] for j in bead.tgt_indices))

    def low_confidence(self, threshold: float = LOW_CONFIDENCE) -> list[tuple[int, Bead]]:
        """``(position, bead)`` of beads below *threshold*, least confident first."""
        found = [(k, b) for k, b in enumerate(self.beads) if b.confidence < threshold]
        return sorted(found, key=lambda kb: kb[1].confidence)

    def to_store(self, include_unpaired: bool = False) -> Store:
        """A bilingual :class:`~ahenk.model.Store`: one unit per bead with text on both sides.

        Omissions and additions (1:0, 0:1) are left out unless *include_unpaired*. Each unit
        carries the bead's confidence and kind as props (``x-align-confidence``, ``x-align-bead``).
        """
        store = Store(header=Header(source_lang=self.src_lang, target_langs=[self.tgt_lang],
                                    tool="ahenk", tool_version=__version__,
                                    props=[("x-align-signature", str(self.signature))]))
        for k, bead in enumerate(self.beads):
            if bead.is_insertion_or_deletion and not include_unpaired:
                continue
            src, tgt = self.texts(bead)
            store.add(Unit(
                source=Segment(src, lang=self.src_lang),
                targets=[Segment(tgt, lang=self.tgt_lang)],
                id=str(k + 1),
                props=[("x-align-bead", bead.kind),
                       ("x-align-confidence", f"{bead.confidence:.3f}")],
            ))
        return store


def as_language(tag: str | LanguageTag) -> LanguageTag:
    return parse_language(tag)
