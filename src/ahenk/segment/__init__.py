"""Sentence segmentation: an SRX 2.0 engine and ahenk's rules for en, az and ru.

>>> [s.text for s in segment("Dr. Smith left at 5 p.m. Nobody noticed.", "en")]
['Dr. Smith left at 5 p.m.', 'Nobody noticed.']

``segment`` and ``segment_file`` use the shipped rules unless given ``rules`` (a path to any SRX
2.0 file). Segments carry their character span, line and column in the original text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from ahenk.io import read_text
from ahenk.model import LanguageTag
from ahenk.segment.engine import (
    PARAGRAPH_MODES,
    Paragraphs,
    Segmenter,
    Signature,
    SrxSegmenter,
    TextSegment,
)
from ahenk.segment.icu import UntranslatableRegex, translate
from ahenk.segment.rules import SHIPPED_NAME, export_srx, shipped_rules, shipped_srx_bytes
from ahenk.segment.srx import LanguageMap, LanguageRule, Rule, SrxDocument, load_srx, parse_srx

__all__ = [
    "PARAGRAPH_MODES",
    "SHIPPED_NAME",
    "FileSegments",
    "LanguageMap",
    "LanguageRule",
    "Paragraphs",
    "Rule",
    "Segmenter",
    "Signature",
    "SrxDocument",
    "SrxSegmenter",
    "TextSegment",
    "UntranslatableRegex",
    "export_srx",
    "get_segmenter",
    "load_srx",
    "parse_srx",
    "segment",
    "segment_file",
    "shipped_rules",
    "shipped_srx_bytes",
    "translate",
]


@dataclass(frozen=True)
class FileSegments:
    path: str
    segments: list[TextSegment]
    signature: Signature


@lru_cache(maxsize=32)
def _segmenter(rules: str | None, mtime: float | None, paragraphs: str) -> SrxSegmenter:
    document = load_srx(rules) if rules is not None else None
    return SrxSegmenter(document, paragraphs=paragraphs)  # type: ignore[arg-type]


def get_segmenter(
    rules: str | os.PathLike[str] | None = None, paragraphs: Paragraphs = "line"
) -> SrxSegmenter:
    """A cached :class:`SrxSegmenter` for the SRX file *rules* (default: the shipped rules)."""
    if rules is None:
        return _segmenter(None, None, paragraphs)
    path = os.fspath(rules)
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        mtime = None  # load_srx reports the missing file with its path
    return _segmenter(path, mtime, paragraphs)


def segment(
    text: str,
    lang: str | LanguageTag,
    *,
    rules: str | os.PathLike[str] | None = None,
    paragraphs: Paragraphs = "line",
) -> list[TextSegment]:
    """Split *text* into segments for *lang*."""
    return get_segmenter(rules, paragraphs).segment(text, lang)


def segment_file(
    path: str | os.PathLike[str],
    lang: str | LanguageTag,
    *,
    rules: str | os.PathLike[str] | None = None,
    paragraphs: Paragraphs = "line",
    encoding: str = "utf-8",
) -> FileSegments:
    """Read *path* (BOM-aware, located decode errors) and segment it."""
    segmenter = get_segmenter(rules, paragraphs)
    segmenter.prepare(lang)  # an unknown language fails before the file is read
    text = read_text(path, encoding)
    return FileSegments(os.fspath(path), segmenter.segment(text, lang), segmenter.signature())
