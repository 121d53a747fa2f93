"""Termbase validation: what a terminologist must fix before the termbase can drive checks.

Reading a file already rejects what cannot be parsed (bad syntax, an unparseable language tag);
this module finds what parses but is wrong, all at once, each with the term's file and line:

``no-preferred-term``      a concept lacks a preferred term in one of the termbase's languages
``several-preferred-terms`` more than one preferred term for a concept in a language (warning)
``duplicate-term``         one term text (case-folded) under two concepts in the same language
``conflicting-status``     the same term twice in a concept with different statuses
``repeated-term``          the same term twice in a concept with the same status (warning)
``empty-term``             a term with no text
``untrimmed-term``         leading/trailing or doubled spaces (warning)
``unknown-language``       a language ahenk has no linguistic knowledge of (warning)
``unknown-value``          a part of speech or term type outside the TBX-Basic picklists (warning)
"""

from __future__ import annotations

from ahenk.diagnostics import Problem, Severity, sort_problems
from ahenk.lang.casing import fold
from ahenk.model.langtag import CORE_LANGUAGES
from ahenk.model.unit import Location
from ahenk.termbase.model import PARTS_OF_SPEECH, TERM_TYPES, Concept, Term, Termbase, TermStatus

CODES = (
    "no-preferred-term",
    "several-preferred-terms",
    "duplicate-term",
    "conflicting-status",
    "repeated-term",
    "empty-term",
    "untrimmed-term",
    "unknown-language",
    "unknown-value",
)


def _where(thing: Term | Concept, termbase: Termbase) -> Location:
    if thing.location is not None:
        return thing.location
    return Location(termbase.origin)


def _concept_problems(concept: Concept, languages: list[str], termbase: Termbase) -> list[Problem]:
    problems: list[Problem] = []
    for lang in languages:
        terms = concept.terms_in(lang)
        preferred = [t for t in terms if t.status is TermStatus.PREFERRED]
        if not preferred:
            what = "no preferred term" if terms else "no term at all"
            problems.append(Problem("no-preferred-term",
                                    f"concept {concept.id!r} has {what} in {lang}",
                                    _where(terms[0] if terms else concept, termbase)))
        elif len(preferred) > 1:
            texts = ", ".join(repr(t.text) for t in preferred)
            problems.append(Problem("several-preferred-terms",
                                    f"concept {concept.id!r} has {len(preferred)} preferred {lang} "
                                    f"terms ({texts}); mark all but one admitted",
                                    _where(preferred[1], termbase), Severity.WARNING))
    seen: dict[tuple[str, str], Term] = {}
    for term in concept.terms:
        key = (term.lang.language, fold(term.text, term.lang.language))
        first = seen.get(key)
        if first is None:
            seen[key] = term
        elif first.status is not term.status:
            problems.append(Problem("conflicting-status",
                                    f"{term.text!r} ({term.lang.language}) is {first.status.value} "
                                    f"and {term.status.value} in concept {concept.id!r}",
                                    _where(term, termbase)))
        else:
            problems.append(Problem("repeated-term",
                                    f"{term.text!r} ({term.lang.language}) is listed twice in "
                                    f"concept {concept.id!r}", _where(term, termbase),
                                    Severity.WARNING))
    return problems


def _term_problems(term: Term, concept: Concept, termbase: Termbase) -> list[Problem]:
    problems: list[Problem] = []
    where = _where(term, termbase)
    if not term.text.strip():
        problems.append(Problem("empty-term", f"empty {term.lang.language} term in concept "
                                f"{concept.id!r}", where))
    elif term.text != term.text.strip() or "  " in term.text:
        problems.append(Problem("untrimmed-term", f"{term.text!r} has stray spaces", where,
                                Severity.WARNING))
    if term.pos and term.pos not in PARTS_OF_SPEECH:
        problems.append(Problem("unknown-value", f"part of speech {term.pos!r} is not one of "
                                f"{', '.join(PARTS_OF_SPEECH)}", where, Severity.WARNING))
    if term.type and term.type not in TERM_TYPES:
        problems.append(Problem("unknown-value", f"term type {term.type!r} is not one of "
                                f"{', '.join(TERM_TYPES)}", where, Severity.WARNING))
    return problems


def validate_termbase(termbase: Termbase, languages: list[str] | None = None) -> list[Problem]:
    """All problems of *termbase*, sorted by location.

    *languages* are the language subtags every concept must have a preferred term in; by default
    every language the termbase uses.
    """
    langs = languages or [tag.language for tag in termbase.languages()]
    problems: list[Problem] = []
    for lang in langs:
        if lang not in CORE_LANGUAGES:
            problems.append(Problem("unknown-language",
                                    f"language {lang!r}: ahenk has no inflection or casing "
                                    "knowledge of it; terms match as exact strings",
                                    Location(termbase.origin), Severity.WARNING))
    owners: dict[tuple[str, str], tuple[Concept, Term]] = {}
    for concept in termbase:
        problems.extend(_concept_problems(concept, langs, termbase))
        for term in concept.terms:
            problems.extend(_term_problems(term, concept, termbase))
            if not term.text.strip():
                continue
            key = (term.lang.language, fold(term.text, term.lang.language))
            owner = owners.get(key)
            if owner is None:
                owners[key] = (concept, term)
            elif owner[0] is not concept:
                first = owner[1].location
                at = f" (first at line {first.line})" if first and first.line else ""
                problems.append(Problem("duplicate-term",
                                        f"{term.text!r} ({term.lang.language}) belongs to concepts "
                                        f"{owner[0].id!r}{at} and {concept.id!r}",
                                        _where(term, termbase)))
    return sort_problems(problems)
