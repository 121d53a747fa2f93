"""The format-neutral translation model: segments with inline spans, units, stores.

Every format adapter reads into and writes from these few dataclasses; segmenter, aligner and
checks see nothing else. What a format carries that the model has no field for goes into the
``extra`` mapping of the object it belongs to, so adapters can round-trip it without the model
growing a field per format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from ahenk.model.langtag import LanguageTag


class SpanKind(str, Enum):
    """What an inline span stands for. Values follow TMX/XLIFF element names."""

    PLACEHOLDER = "ph"  # standalone code: TMX <ph>, XLIFF <x/>/<ph>, printf %s after parsing
    BEGIN = "bpt"  # opening half of a paired code
    END = "ept"  # closing half of a paired code
    ISOLATED = "it"  # a code whose partner is outside the segment
    HIGHLIGHT = "hi"  # marked-up text (TMX <hi>)
    UNKNOWN = "ut"  # legacy unknown tag
    SUB = "sub"  # sub-flow text inside a code


@dataclass(frozen=True)
class Span:
    """Inline markup anchored in a segment's text.

    ``start``/``end`` are character offsets into :attr:`Segment.text`; a code that occupies no
    text (most placeholders) has ``start == end``. ``code`` is the native markup the code stands
    for (e.g. ``<b>`` inside a TMX ``<bpt>``), ``attrs`` the element's attributes
    (i, x, type, pos…).
    """

    kind: SpanKind
    start: int
    end: int
    code: str = ""
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default


@dataclass(frozen=True)
class Location:
    """Where something came from: 1-based line and column in a file."""

    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass
class Note:
    """A comment attached to a unit or segment (TMX <note>, PO comments, XLIFF <note>)."""

    text: str
    author: str | None = None
    lang: LanguageTag | None = None
    annotates: str = "general"  # general | source | target (XLIFF's annotates)


@dataclass
class Segment:
    """One language's text of a unit: plain text plus inline spans and per-variant metadata."""

    text: str
    lang: LanguageTag | None = None
    spans: tuple[Span, ...] = ()
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and not self.spans


@dataclass
class Unit:
    """A translation unit: a source segment and zero or more targets.

    Bilingual formats (PO, XLIFF, TSV) have at most one target; a multilingual TMX unit has one
    target per language. ``props`` keeps order and duplicates (TMX allows both); ``attrs`` holds
    the format's unit attributes (tuid, creationdate, changeid, usagecount …) by their own names.
    """

    source: Segment
    targets: list[Segment] = field(default_factory=list)
    id: str | None = None
    notes: list[Note] = field(default_factory=list)
    props: list[tuple[str, str]] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    location: Location | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def target(self) -> Segment | None:
        return self.targets[0] if self.targets else None

    def target_for(self, lang: LanguageTag | str) -> Segment | None:
        """The target in *lang* (compared by language subtag), if the unit has one."""
        wanted = (lang if isinstance(lang, LanguageTag) else LanguageTag.parse(lang)).language
        for seg in self.targets:
            if seg.lang is not None and seg.lang.language == wanted:
                return seg
        return None

    def segments(self) -> Iterator[Segment]:
        yield self.source
        yield from self.targets

    def seen_from(self, lang: LanguageTag | str) -> Unit | None:
        """The unit with its segment in *lang* as the source and the others as targets, the
        old source first: a multilingual memory written from English (en-az-ru) read as
        az→ru. The unit itself when its source is in *lang* already; None when it has no
        segment in *lang*."""
        wanted = (lang if isinstance(lang, LanguageTag) else LanguageTag.parse(lang)).language
        if self.source.lang is not None and self.source.lang.language == wanted:
            return self
        pivot = self.target_for(wanted)
        if pivot is None:
            return None
        return replace(self, source=pivot,
                       targets=[self.source, *(t for t in self.targets if t is not pivot)])

    def prop(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.props:
            if key == name:
                return value
        return default


@dataclass
class Header:
    """What a store says about itself: languages, the tool that wrote it, format leftovers."""

    source_lang: LanguageTag | None = None
    target_langs: list[LanguageTag] = field(default_factory=list)
    tool: str | None = None
    tool_version: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def target_lang(self) -> LanguageTag | None:
        return self.target_langs[0] if self.target_langs else None


@dataclass
class Store:
    """An ordered collection of units with a header, as read from or written to one file."""

    units: list[Unit] = field(default_factory=list)
    header: Header = field(default_factory=Header)
    origin: str | None = None  # path or description of where the store came from
    format: str | None = None  # registry name of the format it was read from

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def add(self, unit: Unit) -> Unit:
        self.units.append(unit)
        return unit

    def extend(self, units: Iterable[Unit]) -> None:
        self.units.extend(units)

    def languages(self) -> list[LanguageTag]:
        """Every language the store has text in, header languages first, in first-seen order."""
        seen: dict[str, LanguageTag] = {}
        for tag in [self.header.source_lang, *self.header.target_langs]:
            if tag is not None:
                seen.setdefault(tag.tag, tag)
        for unit in self.units:
            for seg in unit.segments():
                if seg.lang is not None:
                    seen.setdefault(seg.lang.tag, seg.lang)
        return list(seen.values())
