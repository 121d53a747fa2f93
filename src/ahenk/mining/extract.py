"""Term mining: from aligned memories (or one language's texts) to a draft termbase.

:func:`extract_terms` finds source-term candidates (:mod:`ahenk.mining.candidates`), ranks
them, finds each one's translation (:mod:`ahenk.mining.association`), marks those an existing
termbase already has, and returns a :class:`MiningResult`; :meth:`MiningResult.to_termbase`
makes the draft a terminologist reviews.

Ranking. Monolingual: the C-value. Bilingual: ``C-value × (0.5 + 0.5 × translation score)``,
so a candidate that translates consistently into one target phrase (a term) rises above one
whose words scatter over the target (a free phrase); one with no translation keeps half.

Capitals across languages. English capitalises more than names: nationalities, peoples and
their adjectives (Azerbaijanis, European), languages, months. Languages that capitalise only
proper names (:data:`PROPER_CAPITALS`: Azerbaijani, Russian, French, ...) write those in lower
case, so a single capitalised English word whose translation there starts lower case is not a
name (Azerbaijanis → azərbaycanlılar, азербайджанцы) and is dropped; a name keeps its capital
(Armenia → Ermənistan, Армения).

"Proposed". ahenk's term statuses are preferred/admitted/deprecated/forbidden, and TBX-Basic's
administrativeStatus has no "proposed" either; the tabular reader refuses unknown statuses. So a
mined term is written with status **admitted** (a CAT tool offers it without enforcing it) and
a term note that starts with ``proposed`` (with the evidence: frequency, C-value, Dice, G²,
surface forms seen); the concept note says which concept of the existing termbase it is, if
any. Both survive TBX and CSV/TSV round trips, and :func:`is_proposed` recognises them when
the draft is read back. Accepting a term is editing its status and deleting the note.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ahenk.errors import UsageError
from ahenk.formats import registry
from ahenk.formats.registry import Kind
from ahenk.mining.acronyms import pair_acronyms
from ahenk.mining.association import Associator, Translation
from ahenk.mining.candidates import Candidate, collect
from ahenk.mining.termhood import c_value
from ahenk.model.langtag import LanguageTag, parse_language
from ahenk.model.unit import Store
from ahenk.termbase.match import TermIndex
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus

#: Languages that capitalise proper names only (not peoples, nationalities, languages, months).
PROPER_CAPITALS = frozenset({"az", "ru", "uk", "be", "kk", "uz", "tr", "fr", "es", "it", "pt",
                             "pl", "cs", "sk", "ro", "bg", "sr", "hr", "sl", "lt", "lv",
                             "et", "fi", "hu", "sv", "da", "no", "nb", "nn"})

#: The first word of the note of every mined term.
PROPOSED = "proposed"


@dataclass
class MinedTerm:
    candidate: Candidate
    score: float
    translation: Translation | None = None
    acronym_translation: Translation | None = None
    known: str | None = None  # id of the termbase concept that already has this term

    @property
    def text(self) -> str:
        return self.candidate.text


@dataclass
class MiningResult:
    src_lang: str
    tgt_lang: str | None
    terms: list[MinedTerm] = field(default_factory=list)
    units: int = 0

    def to_termbase(self) -> Termbase:
        """The draft: one concept per mined term, every term admitted and noted proposed."""
        termbase = Termbase(title=f"Terms mined by ahenk ({self.src_lang}"
                                  + (f"-{self.tgt_lang})" if self.tgt_lang else ")"))
        ids: set[str] = set()
        for mined in self.terms:
            concept = Concept(id=_concept_id(mined.text, ids), extra={"proposed": True})
            concept.note = (f"{PROPOSED}; already in the termbase as {mined.known}"
                            if mined.known else f"{PROPOSED}; new")
            candidate = mined.candidate
            concept.terms.append(_term(
                candidate.text, self.src_lang,
                "acronym" if candidate.is_acronym else "fullForm",
                f"frequency {candidate.frequency}; C-value {candidate.score:.2f}",
                candidate.variants))
            if candidate.acronym is not None:
                concept.terms.append(_term(candidate.acronym.text, self.src_lang, "acronym",
                                           f"frequency {candidate.acronym.frequency}",
                                           candidate.acronym.variants))
            for translation, kind in ((mined.translation, None),
                                      (mined.acronym_translation, "acronym")):
                if translation is not None and self.tgt_lang:
                    concept.terms.append(_term(
                        translation.text, self.tgt_lang,
                        kind or ("acronym" if candidate.is_acronym else "fullForm"),
                        f"Dice {translation.dice:.2f}; G2 {translation.llr:.1f}; "
                        f"alignment {translation.local:.2f}; units {translation.joint}",
                        translation.variants))
            termbase.add(concept)
        return termbase


def is_proposed(term: Term) -> bool:
    """Whether *term* is a mined proposal (its note starts with ``proposed``)."""
    return (term.note or "").split(";", 1)[0].strip().lower() == PROPOSED


def _term(text: str, lang: str, kind: str, evidence: str, variants) -> Term:  # type: ignore[no-untyped-def]
    seen = ", ".join(f"{form} ({n})" for form, n in variants.most_common(5))
    return Term(text=text, lang=LanguageTag.parse(lang), status=TermStatus.ADMITTED,
                type=kind, note=f"{PROPOSED}; {evidence}; seen as: {seen}")


def _concept_id(text: str, taken: set[str]) -> str:
    base = "mined-" + (re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-") or "term")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


# --------------------------------------------------------------------------- reading


def aligned_pairs(paths: Sequence[str | os.PathLike[str]], src_lang: str,
                  tgt_lang: str) -> list[tuple[str, str]]:
    """(source, target) texts of every unit of *paths* with both languages."""
    pairs: list[tuple[str, str]] = []
    for path in paths:
        store: Store = registry.read(path, None, (Kind.MULTILINGUAL, Kind.BILINGUAL))
        for unit in store:
            source = _segment(unit, src_lang)
            target = _segment(unit, tgt_lang)
            if source and target:
                pairs.append((source, target))
    return pairs


def language_texts(paths: Sequence[str | os.PathLike[str]], lang: str) -> list[str]:
    """Texts of *lang* in *paths*: plain text (one unit per line) or any store's segments."""
    texts: list[str] = []
    for path in paths:
        store: Store = registry.read(path, None, (Kind.MONOLINGUAL, Kind.MULTILINGUAL,
                                                  Kind.BILINGUAL))
        for unit in store:
            text = unit.source.text if store.format == "text" else _segment(unit, lang)
            if text and text.strip():
                texts.append(text)
    return texts


def _segment(unit, lang: str) -> str | None:  # type: ignore[no-untyped-def]
    for segment in unit.segments():
        if segment.lang is not None and segment.lang.language == lang:
            return segment.text
    return None


# --------------------------------------------------------------------------- mining


def extract_terms(tmx: Sequence[str | os.PathLike[str]] = (), *, src_lang: str = "en",
                  tgt_lang: str | None = None, glossary: Termbase | None = None,
                  min_freq: int = 2, n: int = 200,
                  monolingual: Sequence[str | os.PathLike[str]] = (),
                  pairs: Sequence[tuple[str, str]] | None = None,
                  texts: Sequence[str] | None = None) -> MiningResult:
    """Mine terms from aligned memories *tmx* (or *pairs* of texts), or, with *monolingual*
    files (or *texts*), from one language without translations.

    Keywords match ``ahenk glossary extract``'s options. Candidates seen fewer than
    *min_freq* times are dropped; the best *n* are returned (0: all).
    """
    src = parse_language(src_lang).language
    bilingual = bool(tmx) or pairs is not None
    if bilingual and (monolingual or texts is not None):
        raise UsageError("give aligned memories or monolingual texts, not both")
    if bilingual:
        if not tgt_lang:
            raise UsageError("--tgt-lang is needed to mine aligned memories")
        tgt = parse_language(tgt_lang).language
        pairs = list(pairs) if pairs is not None else aligned_pairs(tmx, src, tgt)
        texts = [s for s, _ in pairs]
    else:
        tgt = None
        texts = list(texts) if texts is not None else language_texts(monolingual, src)
    if not texts:
        raise UsageError("no text in the source language to mine")
    groups = collect(texts, src)
    c_value(groups)
    pair_acronyms(texts, src, groups)
    paired = {id(c.acronym) for c in groups.values() if c.acronym is not None}
    ranked = [c for c in groups.values()
              if c.frequency >= min_freq and c.score > 0 and id(c) not in paired]
    ranked.sort(key=lambda c: (-c.score, c.text))
    associator = Associator(pairs, src, tgt) if bilingual and tgt else None
    pool = ranked if not n or associator is None else ranked[: 3 * n]
    mined: list[MinedTerm] = []
    for candidate in pool:
        item = MinedTerm(candidate, candidate.score)
        if associator is not None:
            item.translation = associator.translate(candidate)
            if _lower_in_target(candidate, item.translation, associator.tgt_lang):
                continue
            if candidate.acronym is not None:
                item.acronym_translation = associator.translate(candidate.acronym)
            quality = item.translation.score if item.translation else 0.0
            item.score = candidate.score * (0.5 + 0.5 * quality)
        mined.append(item)
    mined.sort(key=lambda m: (-m.score, m.text))
    mined = _distinct(mined)
    if n:
        mined = mined[:n]
    if glossary is not None:
        _mark_known(mined, glossary, src)
    return MiningResult(src, tgt, mined, len(texts))


def _lower_in_target(candidate: Candidate, translation: Translation | None,
                     tgt_lang: str) -> bool:
    """A single capitalised word translated in lower case into a language that capitalises
    only proper names: a people or a nationality, not a name (see the module docstring)."""
    return (translation is not None and tgt_lang in PROPER_CAPITALS and candidate.words == 1
            and not candidate.is_acronym and candidate.text[:1].isupper()
            and translation.text[:1].islower())


def _distinct(mined: list[MinedTerm]) -> list[MinedTerm]:
    """Drop a candidate whose shown text repeats a better one's (two keys, one form)."""
    seen: set[str] = set()
    out = []
    for item in mined:
        key = item.text.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _mark_known(mined: list[MinedTerm], glossary: Termbase, lang: str) -> None:
    index = TermIndex(glossary, lang)
    for item in mined:
        forms = [item.text, *item.candidate.variants]
        for form in forms:
            whole = [m for m in index.find(form) if m.start == 0 and m.end == len(form)]
            if whole:
                item.known = whole[0].concept
                break
