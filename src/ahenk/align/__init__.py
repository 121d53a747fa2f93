"""Sentence alignment: beads over two sentence lists, scored by length and shared anchors.

>>> from ahenk.align import align
>>> result = align(["It rained.", "In 1991, yes."], ["Yağış yağdı.", "1991-ci ildə, bəli."],
...                "en", "az")
>>> [b.vecalign() for b in result.beads]
['[0]:[0]', '[1]:[1]']
"""

from ahenk.align.aligner import Aligner, AnchorAligner, GaleChurchAligner
from ahenk.align.api import ALIGNERS, align, align_files, align_files_pivot, get_aligner
from ahenk.align.model import LOW_CONFIDENCE, Alignment, Bead, Signature
from ahenk.align.pivot import MultiAlignment, MultiBead, align_pivot

__all__ = [
    "ALIGNERS",
    "LOW_CONFIDENCE",
    "Aligner",
    "Alignment",
    "AnchorAligner",
    "Bead",
    "GaleChurchAligner",
    "MultiAlignment",
    "MultiBead",
    "Signature",
    "align",
    "align_files",
    "align_files_pivot",
    "align_pivot",
    "get_aligner",
]
