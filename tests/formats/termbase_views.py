"""Helpers shared by the termbase format tests: a sample termbase and a normalised view.

A handler says what a read→write→read keeps in its ``keeps`` set (``id``, ``subject``,
``definitions``, ``concept_note``, ``status``, ``pos``, ``type``, ``term_note``; a bilingual
glossary keeps ``allowed_terms`` only); :func:`view` compares exactly that.
"""

from __future__ import annotations

from typing import Any

from ahenk.formats import FormatHandler
from ahenk.model import LanguageTag
from ahenk.termbase import Concept, Term, Termbase, TermStatus

EN, AZ, RU = (LanguageTag.parse(t) for t in ("en", "az", "ru"))
FULL = frozenset({"id", "subject", "definitions", "concept_note", "status", "pos", "type",
                  "term_note"})
#: The language pair bilingual handlers are tested with.
PAIR = {"src_lang": "en", "tgt_lang": "az"}


def keeps(handler: FormatHandler) -> frozenset[str]:
    return getattr(handler, "keeps", FULL)


def options(handler: FormatHandler) -> dict[str, Any]:
    return dict(PAIR) if getattr(handler, "bilingual", False) else {}


def sample() -> Termbase:
    """Azerbaijani ə ğ ı İ ş, Russian ё, synonyms, every status, notes and definitions."""
    return Termbase(
        concepts=[
            Concept(
                id="account",
                subject="finance",
                definitions={"en": "A record of money held.", "az": "Pul qeydi: ə ğ ı İ ş."},
                note="Concept note\nwith a second line",
                terms=[
                    Term("account", EN, TermStatus.PREFERRED, "noun", "fullForm", "bank sense"),
                    Term("hesab", AZ, TermStatus.PREFERRED, "noun"),
                    Term("счёт", RU, TermStatus.PREFERRED, "noun", note="ё is standard"),
                    Term("schet", RU, TermStatus.FORBIDDEN, note="transliteration"),
                ],
            ),
            Concept(
                id="user",
                terms=[
                    Term("user", EN),
                    Term("İstifadəçi", AZ, TermStatus.PREFERRED, "noun"),
                    Term("istifadəci", AZ, TermStatus.DEPRECATED, note="misspelt ç"),
                    Term("qoşulan", AZ, TermStatus.ADMITTED, "adjective", "variant"),
                    Term("пользователь", RU),
                    Term("юзер", RU, TermStatus.ADMITTED, type="shortForm"),
                ],
            ),
            Concept(
                id="baku",
                definitions={"ru": "Столица Азербайджана."},
                terms=[Term("Bakı", AZ, pos="properNoun"), Term("Baku", EN, pos="properNoun")],
            ),
        ]
    )


def _by_language_section(terms: list) -> list:
    """Terms grouped by language in first-seen order, stable inside a language.

    Concept-oriented formats (TBX) store terms inside one section per language, so a concept
    whose terms interleave languages comes back grouped; that is the same termbase.
    """
    first: dict[str, int] = {}
    for index, t in enumerate(terms):
        first.setdefault(t.lang.language, index)
    return sorted(terms, key=lambda t: first[t.lang.language])


def view(termbase: Termbase, kept: frozenset[str]) -> list[tuple]:
    if "allowed_terms" in kept:
        return _bilingual_view(termbase)
    out = []
    for concept in termbase:
        terms = tuple(
            (
                t.lang.language,
                t.text,
                t.status.value if "status" in kept else None,
                t.pos if "pos" in kept else None,
                t.type if "type" in kept else None,
                t.note if "term_note" in kept else None,
            )
            for t in _by_language_section(concept.terms)
        )
        out.append(
            (
                concept.id if "id" in kept else None,
                concept.subject if "subject" in kept else None,
                tuple(sorted(concept.definitions.items())) if "definitions" in kept else None,
                concept.note if "concept_note" in kept else None,
                terms,
            )
        )
    return out


def _bilingual_view(termbase: Termbase) -> list[tuple]:
    """Per concept with allowed terms on both sides: the allowed source and target texts."""
    out = []
    for concept in termbase:
        src = sorted(t.text for t in concept.allowed("en"))
        tgt = sorted(t.text for t in concept.allowed("az"))
        if src and tgt:
            out.append((tuple(src), tuple(tgt)))
    return out
