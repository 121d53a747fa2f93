"""The pairs of a file's units as they stream past, languages settled as late as they must be.

Pairing a unit (:func:`ahenk.check.base.pairs_of`) can depend on two facts about its whole
file. The header's one target language stands in for a target, or a missing target, that has
no language of its own; TMX names no target language in its header, so its reader collects them
from the units and the list is only final at the end. And ``--tgt-lang`` picks one language of
a multilingual memory only when the file has targets in it. A unit whose pairs depend on neither
(each target has its own language, and in ``--tgt-lang`` or that choice is already made) is
paired at once; any other waits until the facts it needs are settled: a second target language
settles the header's (there is none), a target in ``--tgt-lang`` settles the choice, the end of
the file settles both. So a unit is paired exactly as if its whole file had been read first.
Should more than :data:`DEFER_LIMIT` units wait, the file is read once more from the start, for
its languages alone, so memory stays bounded whatever the file.

A store read whole (every format but TMX, or a store in memory) is complete from the start:
its languages are read off its units first, as they always were.

``--src-lang`` names the source language of a file that does not say it; given for a file
written from another language, it turns each unit round (:func:`_turn`): the segment in that
language becomes the source, the others its targets, so the az→ru pairs of an en-az-ru memory
are checked, and a unit with no segment in that language has no pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ahenk.check.base import Pair, pairs_of
from ahenk.formats.registry import UnitReader
from ahenk.model.langtag import LanguageTag
from ahenk.model.unit import Header, Store, Unit

#: Units held back at most while their file's languages are unsettled; past it the file is
#: read a second time for its languages (only a TMX with many units without a target or
#: without a language of their own, or checked for a ``--tgt-lang`` it lacks, gets there).
DEFER_LIMIT = 10_000

_UNIT_BITS = 32
_PAIR_BITS = 12


def position(file: int, unit: int, pair: int) -> int:
    """One integer that orders pairs as the files list them: the file's index (up to 2**19
    files), the unit's ordinal in it (2**32 units) and the pair's in the unit (2**12
    targets), so it fits SQLite's 64-bit integers."""
    return (file << (_UNIT_BITS + _PAIR_BITS)) | (unit << _PAIR_BITS) | pair


class _Languages:
    """What pairing needs of a whole file, as far as its units so far tell."""

    def __init__(self, header: Header, tgt_lang: LanguageTag | None, complete: bool) -> None:
        self.header = header
        self.tgt_lang = tgt_lang
        self.wanted = tgt_lang.language if tgt_lang is not None else None
        self.seen: set[str] = set()  # languages of the targets that have their own
        self.untagged = False  # a target without a language of its own
        self.complete = complete
        self._known = len(header.target_langs)

    def observe(self, unit: Unit) -> bool:
        """Take in *unit*'s targets; whether anything new was learnt."""
        learnt = len(self.header.target_langs) != self._known
        self._known = len(self.header.target_langs)
        for segment in unit.targets:
            if segment.lang is not None:
                if segment.lang.language not in self.seen:
                    self.seen.add(segment.lang.language)
                    learnt = True
            elif not self.untagged:
                self.untagged = learnt = True
        return learnt

    @property
    def header_target(self) -> LanguageTag | None:
        """The file's target language when it has exactly one."""
        langs = self.header.target_langs
        return langs[0] if len(langs) == 1 else None

    @property
    def select(self) -> bool:
        """Whether ``--tgt-lang`` picks among the file's target languages."""
        if self.wanted is None:
            return False
        if self.wanted in self.seen:
            return True
        fallback = self.header_target or self.tgt_lang
        return self.untagged and fallback is not None and fallback.language == self.wanted

    def ready(self, unit: Unit, monolingual: bool) -> bool:
        """Whether *unit* can be paired now exactly as with its whole file known."""
        if monolingual or self.complete:
            return True
        header_known = len(self.header.target_langs) > 1  # the list only grows
        if not unit.targets:
            return header_known
        choice_known = self.wanted is None or self.wanted in self.seen
        for segment in unit.targets:
            if segment.lang is None:
                if not (header_known and choice_known):
                    return False
            elif not choice_known:  # a target in another language than --tgt-lang
                return False
        return True


def _scan(reader: UnitReader, tgt_lang: LanguageTag | None,
          turn: Callable[[Unit], Unit | None] | None = None) -> _Languages:
    """The languages of the whole file, from a pass over every unit of *reader* (each seen
    from the source language asked for, with *turn*)."""
    with reader:
        facts = _Languages(reader.header, tgt_lang, complete=False)
        for unit in reader:
            turned = turn(unit) if turn is not None else unit
            if turned is not None:
                facts.observe(turned)
    facts.complete = True
    return facts


def _turn(header: Header, src_lang: LanguageTag | None,
          monolingual: bool) -> Callable[[Unit], Unit | None] | None:
    """How to see a unit from ``--src-lang`` when the file is written from another language
    (a multilingual memory written from English, checked az→ru): each unit with its segment
    in that language as the source (:meth:`Unit.seen_from`), units without one left out.
    None when the file says no source language or says the same one."""
    if src_lang is None or monolingual or header.source_lang is None \
            or header.source_lang.language == src_lang.language:
        return None
    return lambda unit: unit.seen_from(src_lang)


def file_pairs(reader: UnitReader, src_lang: LanguageTag | None = None,
               tgt_lang: LanguageTag | None = None, *, monolingual: bool = False,
               limit: int | None = None) -> Iterator[tuple[int, Unit, list[Pair]]]:
    """``(ordinal, unit, pairs)`` for every unit of *reader* that has pairs, ordinal counted
    from 0 in file order; a unit that must wait for its file's languages comes later.

    Languages come from the file where it says them, else from the options; when *tgt_lang*
    is given and the file has targets in it, only those are paired. Obsolete PO entries
    (``#~``) have no pairs. *limit* overrides :data:`DEFER_LIMIT`.
    """
    limit = DEFER_LIMIT if limit is None else limit
    src = reader.header.source_lang or src_lang
    turn = _turn(reader.header, src_lang, monolingual)
    if turn is not None:
        src = src_lang
    if reader.complete:
        facts = _scan(reader, tgt_lang, turn)
        reader = reader.reopen()
    else:
        facts = _Languages(reader.header, tgt_lang, complete=False)

    def pairs(unit: Unit) -> list[Pair]:
        if unit.attrs.get("obsolete") == "yes":  # PO #~ entries: not part of the catalogue
            return []
        if turn is not None:
            turned = turn(unit)
            if turned is None:
                return []  # nothing in the source language asked for
            unit = turned
        return list(pairs_of(unit, src, tgt_lang, file=reader.origin,
                             header_target=facts.header_target, monolingual=monolingual,
                             select_target=facts.select))

    def observe(unit: Unit) -> bool:
        if turn is not None:
            turned = turn(unit)
            if turned is None:
                return False
            unit = turned
        return facts.observe(unit)

    def ready(unit: Unit) -> bool:
        if turn is not None:
            turned = turn(unit)
            unit = turned if turned is not None else unit
        return facts.ready(unit, monolingual)

    def paired(items: list[tuple[int, Unit]]) -> Iterator[tuple[int, Unit, list[Pair]]]:
        for ordinal, unit in items:
            found = pairs(unit)
            if found:
                yield ordinal, unit, found

    waiting: list[tuple[int, Unit]] = []
    with reader:
        for ordinal, unit in enumerate(reader):
            if not facts.complete and observe(unit) and waiting:
                now = [item for item in waiting if ready(item[1])]
                if now:
                    waiting = [item for item in waiting if not ready(item[1])]
                    yield from paired(now)
            if ready(unit):
                yield from paired([(ordinal, unit)])
                continue
            waiting.append((ordinal, unit))
            if len(waiting) > limit:  # too many to hold: read the file's languages first
                facts = _scan(reader.reopen(), tgt_lang, turn)
                yield from paired(waiting)
                waiting = []
    facts.complete = True
    yield from paired(waiting)


def store_pairs(store: Store, src_lang: LanguageTag | None = None,
                tgt_lang: LanguageTag | None = None, *, monolingual: bool = False) -> list[Pair]:
    """Every pair of a store in memory, in file order (see :func:`file_pairs`)."""
    return [pair for _, _, found in file_pairs(UnitReader.of_store(store), src_lang, tgt_lang,
                                                monolingual=monolingual)
            for pair in found]
