"""Format-neutral model: units, segments, inline spans, stores and language tags."""

from ahenk.model.langtag import CORE_LANGUAGES, LanguageTag, is_core, parse_language
from ahenk.model.unit import Header, Location, Note, Segment, Span, SpanKind, Store, Unit

__all__ = [
    "CORE_LANGUAGES",
    "Header",
    "LanguageTag",
    "Location",
    "Note",
    "Segment",
    "Span",
    "SpanKind",
    "Store",
    "Unit",
    "is_core",
    "parse_language",
]
