"""The translation-memory interface every backend implements, and what it gives back.

:class:`TMStore` is a template (sacrebleu's ``Metric`` pattern): the public, validated
:meth:`~TMStore.add`, :meth:`~TMStore.lookup`, :meth:`~TMStore.concordance`,
:meth:`~TMStore.entries`, :meth:`~TMStore.delete` and :meth:`~TMStore.stats` live here and do
the language work once for every backend; a backend (:mod:`.sqlite`, :mod:`.postgres`) fills
small hooks: store a batch of entries (applying the update policy of :mod:`.edit` when asked),
retrieve fuzzy candidates, retrieve concordance candidates, iterate entries, count and delete a
:class:`~.edit.Selection`, and say what it holds.

* Entries are language *pairs* (``src_lang``/``tgt_lang`` as primary subtags: ``en``, ``az``,
  ``ru``). A memory answers both ways: an ``en → az`` entry also serves an ``az → en`` lookup.
* An entry is stored once: adding a pair whose languages, source and target are already there
  is a no-op (counted as a duplicate), also when several processes add at the same time.
  Another translation of a known source is kept beside the first, unless the import is an
  update (newest wins: :mod:`.edit`).
* Lookup: the backend proposes candidates (its index), the interface scores them with
  :mod:`.similarity` and keeps those at or above ``min_score``, best first.
* Concordance: the words are made a one-term termbase and found with
  :class:`~ahenk.termbase.match.TermIndex`, so inflected forms are found as the term checks find
  them (Ombudsman → Ombudsmanın, омбудсмен → омбудсмена, mechanism → mechanisms); the backend
  only proposes candidates by the words' retrieval terms and anchors.
* A delete removes entries with their index terms and term counts, in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ahenk.errors import UsageError
from ahenk.lang import Language, Role, language_module
from ahenk.model import LanguageTag, Span, SpanKind
from ahenk.tm import similarity
from ahenk.tm.similarity import TERM_WIDTH, Change, Normalised

if TYPE_CHECKING:
    from ahenk.tm.edit import Selection

#: Layout of a store's tables. A backend migrates a store of an older layout when it opens it
#: (schema 1 → 2: SQLite's keys and index tables; PostgreSQL's index on the source text) and
#: refuses one it does not know.
SCHEMA_VERSION = "2"


def lang_code(lang: str | LanguageTag) -> str:
    """The primary language subtag a memory stores and compares (``az-Latn-AZ`` → ``az``)."""
    tag = lang if isinstance(lang, LanguageTag) else LanguageTag.parse(str(lang))
    return tag.language


@dataclass(frozen=True)
class TMEntry:
    """One translation pair as the memory holds it (``id`` is the backend's; 0 before storing).

    ``source_spans``/``target_spans`` keep inline codes (TMX ``<ph>``, XLIFF ``<x/>``) so an
    export gives back what was imported.
    """

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: str | None = None
    created: str = ""
    source_spans: tuple[Span, ...] = ()
    target_spans: tuple[Span, ...] = ()
    id: int = field(default=0, compare=False)

    def pair_hash(self) -> bytes:
        """The identity of an entry: its languages and texts (what duplicates share)."""
        data = "\0".join((self.src_lang, self.tgt_lang, self.source, self.target))
        return hashlib.blake2b(data.encode("utf-8"), digest_size=16).digest()

    def reversed(self) -> TMEntry:
        return TMEntry(self.tgt_lang, self.src_lang, self.target, self.source, self.origin,
                       self.created, self.target_spans, self.source_spans, self.id)


@dataclass(frozen=True)
class Match:
    """A fuzzy match: the entry (oriented as asked), its score and what differs from the query.

    ``changes`` set the entry's source word by word against the query; ``numbers`` pairs the
    numbers that differ as (in the memory, in the query).
    """

    score: int
    entry: TMEntry
    changes: tuple[Change, ...] = ()
    numbers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ConcordanceHit:
    """An entry whose ``side`` ("source" or "target") contains the words at ``spans``."""

    entry: TMEntry
    side: str
    spans: tuple[tuple[int, int], ...]

    @property
    def text(self) -> str:
        return self.entry.source if self.side == "source" else self.entry.target

    @property
    def other(self) -> str:
        return self.entry.target if self.side == "source" else self.entry.source

    @property
    def lang(self) -> str:
        return self.entry.src_lang if self.side == "source" else self.entry.tgt_lang


@dataclass
class ImportStats:
    added: int = 0
    duplicates: int = 0
    skipped: int = 0  # units with an empty source or target
    #: update imports (:func:`~.edit.newest_wins`): memory entries removed for a newer
    #: translation of their source, and imported pairs older than the memory's translation
    replaced: int = 0
    outdated: int = 0

    def __iadd__(self, other: ImportStats) -> ImportStats:
        self.added += other.added
        self.duplicates += other.duplicates
        self.skipped += other.skipped
        self.replaced += other.replaced
        self.outdated += other.outdated
        return self


@dataclass(frozen=True)
class TMStats:
    """What a memory holds: entries per language pair and per origin file, the dates they
    span, and how many sources have more than one translation."""

    entries: int
    pairs: tuple[tuple[str, str, int], ...]
    origins: tuple[tuple[str | None, int], ...]  # most entries first; None: no origin
    oldest: str | None
    newest: str | None
    alternatives: int  # sources (languages and text) with several translations
    signature: str


@dataclass(frozen=True)
class TermQuery:
    """Retrieval terms for one word: any of ``exact`` terms or of the ``prefixes``."""

    exact: tuple[str, ...]
    prefixes: tuple[str, ...]


class TMStore(ABC):
    """A translation memory. Use as a context manager, or call :meth:`close`."""

    #: What ``--db`` selects this backend by (scheme or "sqlite").
    backend: str = ""
    #: How many candidates a backend proposes per direction for a fuzzy lookup.
    candidates = 100
    #: Entries written per transaction.
    batch_size = 5000

    # -- public API ------------------------------------------------------------------------------

    def add(self, entries: Iterable[TMEntry], *, update: bool = False) -> ImportStats:
        """Store *entries*, skipping empty ones and those already there. *update*: the newest
        translation of each source wins (:mod:`.edit`); else every translation is kept."""
        stats = ImportStats()
        batch: list[TMEntry] = []
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for entry in entries:
            if not entry.source.strip() or not entry.target.strip():
                stats.skipped += 1
                continue
            batch.append(entry)
            if len(batch) >= self.batch_size:
                stats += self._insert(batch, now, update)
                batch = []
        if batch:
            stats += self._insert(batch, now, update)
        return stats

    def delete(self, selection: Selection, *, dry_run: bool = False) -> int:
        """Remove the entries *selection* names (with their index terms); how many. An empty
        selection is refused: it would empty the memory. *dry_run*: only count them."""
        if selection.is_empty():
            raise UsageError("name the entries to delete (ids, languages, source, origin, "
                             "dates)")
        return self._count(selection) if dry_run else self._delete(selection)

    def stats(self) -> TMStats:
        """Entries per language pair and origin, dates, sources with several translations."""
        return self._stats()

    def lookup(self, text: str, src: str, tgt: str, *, min_score: int = 75,
               limit: int = 5) -> list[Match]:
        """The best *limit* matches of *text* (in *src*) with a *tgt* translation, at least
        *min_score*, best first (ties: the most recent entry first)."""
        if not 0 <= min_score <= 100:
            raise UsageError(f"--min must be between 0 and 100, not {min_score}")
        if limit < 1:
            raise UsageError(f"-n must be at least 1, not {limit}")
        src, tgt = lang_code(src), lang_code(tgt)
        query = similarity.normalise(text, src)
        scored: dict[bytes, Match] = {}
        for entry in self._fuzzy_candidates(query, src, tgt, min_score):
            key = similarity.normalise(entry.source, src)
            value = similarity.score_normalised(text, query, entry.source, key, min_score)
            if value < min_score:
                continue
            ident = entry.pair_hash()
            held = scored.get(ident)
            if held is None or held.entry.id < entry.id:
                scored[ident] = Match(value, entry)
        best = sorted(scored.values(), key=lambda m: (-m.score, -m.entry.id))[:limit]
        return [Match(m.score, m.entry, similarity.word_diff(text, m.entry.source, src),
                      similarity.number_changes(query, similarity.normalise(m.entry.source,
                                                                            src)))
                for m in best]

    def concordance(self, words: str, lang: str, *, limit: int = 20) -> list[ConcordanceHit]:
        """Entries with *words* (any inflected form) in their *lang* side: entries where *lang*
        is the source first, then those where it is the target, each most recent first."""
        from ahenk.termbase.match import TermIndex
        from ahenk.termbase.model import Concept, Term, Termbase

        if limit < 1:
            raise UsageError(f"-n must be at least 1, not {limit}")
        code = lang_code(lang)
        language = language_module(code)
        folded = language.words(words)
        if not folded:
            raise UsageError(f"no word to look for in {words!r}")
        queries = [q for q in _term_queries(folded, language.roles(folded), language)
                   if q is not None]
        if not queries:
            raise UsageError(f"{words!r} has no word to search an index by (only numbers?)")
        index = TermIndex(Termbase([Concept("q", [Term(words.strip(), LanguageTag.parse(code))])]),
                          code)
        hits: list[ConcordanceHit] = []
        for entry, side in self._concordance_candidates(code, queries):
            text = entry.source if side == "source" else entry.target
            found = index.find(text)
            if found:
                hits.append(ConcordanceHit(entry, side, tuple((m.start, m.end) for m in found)))
                if len(hits) >= limit:
                    break
        return hits

    def entries(self, src: str | None = None, tgt: str | None = None) -> Iterator[TMEntry]:
        """Every entry (of the language pair, when given), in the order they were added."""
        return self._iter_entries(lang_code(src) if src else None,
                                  lang_code(tgt) if tgt else None)

    @abstractmethod
    def count(self) -> int:
        """How many entries the memory holds."""

    @abstractmethod
    def language_pairs(self) -> list[tuple[str, str, int]]:
        """(source language, target language, entries) for every pair held."""

    def signature(self) -> str:
        """The backend, its schema and the similarity it scores with."""
        return f"tm:{self.backend}|schema:{SCHEMA_VERSION}|{similarity.signature()}"

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> TMStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.count()

    # -- hooks -----------------------------------------------------------------------------------

    @abstractmethod
    def _insert(self, batch: Sequence[TMEntry], now: str, update: bool) -> ImportStats:
        """Store a batch in one transaction; count what was added and what was there already.
        An entry without a creation date gets *now*. *update*: apply
        :func:`~.edit.newest_wins` to the batch and the memory's entries of its sources, in
        the same transaction."""

    @abstractmethod
    def _delete(self, selection: Selection) -> int:
        """Remove the selected entries, their index terms and term counts, in one transaction."""

    @abstractmethod
    def _count(self, selection: Selection) -> int:
        """How many entries *selection* names."""

    @abstractmethod
    def _stats(self) -> TMStats:
        """The memory's :class:`TMStats`."""

    @abstractmethod
    def _fuzzy_candidates(self, query: Normalised, src: str, tgt: str,
                          min_score: int) -> Iterable[TMEntry]:
        """Entries likely to score well against *query*, oriented *src* → *tgt* (entries stored
        the other way round come back reversed)."""

    @abstractmethod
    def _concordance_candidates(self, lang: str,
                                queries: Sequence[TermQuery]) -> Iterator[tuple[TMEntry, str]]:
        """(entry, side) whose *lang* side has, for every query, one of its terms: source sides,
        then target sides, each most recent first. Lazily: the caller stops when it has enough
        verified hits."""

    @abstractmethod
    def _iter_entries(self, src: str | None, tgt: str | None) -> Iterator[TMEntry]:
        """Entries in insertion order."""


def rare_terms(frequencies: dict[str, int], budget: int) -> list[str]:
    """The rarest terms (by how many entries hold them) whose entries add up to at most
    *budget*, and at least the rarest one: what a lookup reads from an index."""
    chosen: list[str] = []
    seen = 0
    for term, n in sorted(frequencies.items(), key=lambda item: (item[1], item[0])):
        if n <= 0:  # in no entry (a count left at zero): nothing to read
            continue
        if chosen and seen + n > budget:
            break
        chosen.append(term)
        seen += n
    return chosen


# -- retrieval terms of concordance words -------------------------------------------------------


def _term_queries(words: tuple[str, ...], roles: tuple[Role, ...],
                  language: Language) -> list[TermQuery | None]:
    """For each folded word, the index terms its forms are stored under (see
    :func:`~ahenk.tm.similarity.index_terms`): a form starting with an anchor of
    :data:`TERM_WIDTH` letters or more is stored as the anchor cut to that width; a shorter
    anchor is searched as a prefix. A word with no letter or digit gives None."""
    out: list[TermQuery | None] = []
    for word, role in zip(words, roles, strict=True):
        pieces = similarity.index_terms(word, language.code)
        if not pieces:
            out.append(None)
            continue
        anchors = {pieces[0]}
        if role in (Role.INFLECTS, Role.OWN_GENDER):
            anchors = {first[0] for anchor in language._anchors_of(word)
                       if (first := similarity.index_terms(anchor, language.code))}
            anchors = anchors or {pieces[0]}
        exact = tuple(sorted({a[:TERM_WIDTH] for a in anchors if len(a) >= TERM_WIDTH}))
        prefixes = tuple(sorted({a for a in anchors if len(a) < TERM_WIDTH}))
        out.append(TermQuery(exact, prefixes))
    return out


def spans_json(spans: tuple[Span, ...]) -> str | None:
    if not spans:
        return None
    return json.dumps([[s.kind.value, s.start, s.end, s.code, [list(a) for a in s.attrs]]
                       for s in spans], ensure_ascii=False)


def spans_from_json(data: str | None) -> tuple[Span, ...]:
    if not data:
        return ()
    return tuple(Span(SpanKind(kind), start, end, code, tuple((k, v) for k, v in attrs))
                 for kind, start, end, code, attrs in json.loads(data))
