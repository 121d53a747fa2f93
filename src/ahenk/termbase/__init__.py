"""Termbase model (concepts, terms, statuses) and its validation."""

from ahenk.termbase.model import (
    PARTS_OF_SPEECH,
    TERM_TYPES,
    Concept,
    Term,
    Termbase,
    TermStatus,
)

__all__ = ["PARTS_OF_SPEECH", "TERM_TYPES", "Concept", "Term", "TermStatus", "Termbase"]
