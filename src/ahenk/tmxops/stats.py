"""``ahenk tmx stats``: what a TMX holds, counted in one streaming pass."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import regex

from ahenk.tmxops._common import DigestMap, lang_key, open_units, unit_digest

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")


def count_words(text: str) -> int:
    """Words as a translator counts them: letters/digits, joined by apostrophes or hyphens."""
    return len(_WORD.findall(text))


@dataclass
class TmxStats:
    path: str
    units: int = 0
    variants: Counter = field(default_factory=Counter)  # language subtag -> variants
    words: Counter = field(default_factory=Counter)  # language -> words
    duplicates: int = 0  # units repeating an earlier unit (same source and translations)
    skipped: int = 0  # units the reader could not use
    tool: str | None = None
    tool_version: str | None = None
    srclang: str | None = None
    adminlang: str | None = None
    tmx_version: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "units": self.units,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "languages": {lang: {"variants": self.variants[lang], "words": self.words[lang]}
                          for lang in self.variants},
            "creation_tool": self.tool,
            "creation_tool_version": self.tool_version,
            "srclang": self.srclang,
            "adminlang": self.adminlang,
            "tmx_version": self.tmx_version,
        }


def tmx_stats(path: str | os.PathLike[str]) -> TmxStats:
    """Count units, variants and words per language, and repeated units, of *path*."""
    stream = open_units(path)
    header = stream.header
    stats = TmxStats(
        path=os.fspath(path),
        tool=header.tool,
        tool_version=header.tool_version,
        srclang=header.source_lang.written() if header.source_lang else
        header.attrs.get("srclang"),
        adminlang=header.attrs.get("adminlang"),
        tmx_version=header.extra.get("tmx.version"),
    )
    seen = DigestMap(0)
    for unit in stream:
        stats.units += 1
        for segment in unit.segments():
            if unit.extra.get("tmx.no_source") and segment is unit.source:
                continue
            lang = segment.lang.language if segment.lang else lang_key(segment) or "?"
            stats.variants[lang] += 1
            stats.words[lang] += count_words(segment.text)
        key = unit_digest(unit)
        if key in seen:
            stats.duplicates += 1
        else:
            seen.set(key)
    stats.skipped = stream.skipped
    return stats
