"""Terminology model: a termbase of concepts, each with terms in several languages.

Follows the concept orientation of ISO 30042 (TBX): a concept holds language sections, a
language section holds terms. Term status is the client's decision about a term, and it is what
the checks act on: preferred and admitted terms are *allowed* in a translation, deprecated and
forbidden ones are findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ahenk.model.langtag import LanguageTag
from ahenk.model.unit import Location


class TermStatus(str, Enum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"

    @property
    def allowed(self) -> bool:
        return self in (TermStatus.PREFERRED, TermStatus.ADMITTED)

    @classmethod
    def parse(cls, value: str) -> TermStatus:
        """Accept ahenk's names and the spellings other tools write (TBX, MultiTerm, CSV)."""
        key = value.strip().lower().replace("_", "").replace("-", "").replace(" ", "")
        for suffix in ("admnsts", "term"):
            if key.endswith(suffix) and key != suffix:
                key = key[: -len(suffix)]
        aliases = {
            "preferred": cls.PREFERRED,
            "pref": cls.PREFERRED,
            "approved": cls.PREFERRED,
            "standardized": cls.PREFERRED,
            "admitted": cls.ADMITTED,
            "allowed": cls.ADMITTED,
            "permitted": cls.ADMITTED,
            "accepted": cls.ADMITTED,
            "deprecated": cls.DEPRECATED,
            "superseded": cls.DEPRECATED,
            "obsolete": cls.DEPRECATED,
            "notrecommended": cls.DEPRECATED,
            "forbidden": cls.FORBIDDEN,
            "prohibited": cls.FORBIDDEN,
            "donotuse": cls.FORBIDDEN,
        }
        try:
            return aliases[key]
        except KeyError:
            raise ValueError(
                f"unknown term status {value!r} "
                "(expected preferred, admitted, deprecated or forbidden)"
            ) from None


#: Part-of-speech values of the TBX-Basic picklist.
PARTS_OF_SPEECH = ("noun", "properNoun", "verb", "adjective", "adverb", "other")
#: Term types of the TBX-Basic picklist.
TERM_TYPES = ("fullForm", "abbreviation", "acronym", "shortForm", "variant", "phrase")


@dataclass
class Term:
    text: str
    lang: LanguageTag
    status: TermStatus = TermStatus.PREFERRED
    pos: str | None = None
    type: str | None = None
    note: str | None = None
    location: Location | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Concept:
    id: str
    terms: list[Term] = field(default_factory=list)
    subject: str | None = None
    definitions: dict[str, str] = field(default_factory=dict)  # language subtag -> definition
    note: str | None = None
    location: Location | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def terms_in(self, lang: LanguageTag | str) -> list[Term]:
        wanted = _language(lang)
        return [t for t in self.terms if t.lang.language == wanted]

    def preferred(self, lang: LanguageTag | str) -> Term | None:
        for term in self.terms_in(lang):
            if term.status is TermStatus.PREFERRED:
                return term
        return None

    def allowed(self, lang: LanguageTag | str) -> list[Term]:
        return [t for t in self.terms_in(lang) if t.status.allowed]

    def rejected(self, lang: LanguageTag | str) -> list[Term]:
        return [t for t in self.terms_in(lang) if not t.status.allowed]

    def languages(self) -> list[str]:
        seen: dict[str, None] = {}
        for term in self.terms:
            seen.setdefault(term.lang.language, None)
        return list(seen)


@dataclass
class Termbase:
    concepts: list[Concept] = field(default_factory=list)
    origin: str | None = None
    format: str | None = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def add(self, concept: Concept) -> Concept:
        self.concepts.append(concept)
        return concept

    def concept(self, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None

    def terms(self) -> Iterator[tuple[Concept, Term]]:
        for concept in self.concepts:
            for term in concept.terms:
                yield concept, term

    def languages(self) -> list[LanguageTag]:
        """Languages in first-seen order, one tag per language subtag (as first written)."""
        seen: dict[str, LanguageTag] = {}
        for _, term in self.terms():
            seen.setdefault(term.lang.language, term.lang)
        return list(seen.values())

    @classmethod
    def from_concepts(cls, concepts: Iterable[Concept], **kwargs: Any) -> Termbase:
        return cls(concepts=list(concepts), **kwargs)


def _language(lang: LanguageTag | str) -> str:
    if isinstance(lang, LanguageTag):
        return lang.language
    return LanguageTag.parse(lang).language
