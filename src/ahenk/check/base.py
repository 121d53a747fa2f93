"""The :class:`Check` base class: metadata plus a template method that subclasses fill.

A check is a small class with a stable kebab-case :attr:`~Check.id` (public API: never renamed),
a name, a description, a default severity, a scope and the languages it applies to. Checks see
the format-neutral model only (:mod:`ahenk.model`), one :class:`Pair` at a time (a unit's source
with one of its targets) for unit scope, or a group of pairs for store and corpus scope.

The public methods (:meth:`Check.run`, :meth:`Check.run_pair`, :meth:`Check.run_group`) decide
whether the check applies (languages, a target to look at, a termbase) and fill in every
location field of a finding; subclasses implement one small hook, :meth:`Check._check` or
:meth:`Check._check_group`, and build findings with :meth:`Check.finding`. Heavy dependencies
are imported lazily inside the hook that needs them.

The runner streams the pairs (:mod:`ahenk.check.stream`): a store- or corpus-scope check sees
them through its :meth:`Check.collector`, which by default keeps every pair and calls
:meth:`Check._check_group` at the end; a check that can keep less (the consistency checks keep
normalised keys in an index that spills to disk) returns its own :class:`Collector`.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ahenk.check.finding import Finding, Side
from ahenk.check.suppress import CLEAR, Mark
from ahenk.diagnostics import Severity
from ahenk.errors import UsageError
from ahenk.model.langtag import LanguageTag, parse_language
from ahenk.model.unit import Segment, Unit
from ahenk.termbase.model import Termbase

if TYPE_CHECKING:
    from ahenk.check.segment_cache import SegmentCache

#: What a check id must look like: lower-case words joined by single hyphens.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Scope(str, Enum):  # noqa: UP042 - the project's (str, Enum) convention
    """What a check looks at in one go."""

    UNIT = "unit"  # one source with one target
    STORE = "store"  # all units of one file
    CORPUS = "corpus"  # all units of every file checked together


@dataclass(frozen=True)
class Pair:
    """A unit's source and one of its targets, with languages and location resolved.

    ``target`` is None for a unit with no target (a bilingual unit left empty, or every unit of
    a monolingual file). ``src``/``tgt`` are language subtags (``"az"``); ``src_tag``/``tgt_tag``
    keep script and region (``az-Cyrl``).
    """

    unit: Unit
    source: Segment
    target: Segment | None
    src_tag: LanguageTag
    tgt_tag: LanguageTag | None
    file: str | None = None
    line: int | None = None

    @property
    def src(self) -> str:
        return self.src_tag.language

    @property
    def tgt(self) -> str | None:
        return self.tgt_tag.language if self.tgt_tag is not None else None

    @property
    def ref(self) -> str | None:
        """The unit's key: TMX tuid, XLIFF unit id, PO msgid (``msgctxt\\x04msgid``)."""
        return self.unit.id or self.unit.attrs.get("tuid")

    @property
    def source_text(self) -> str:
        return self.source.text

    @property
    def target_text(self) -> str | None:
        return self.target.text if self.target is not None else None

    def text(self, side: Side) -> str:
        return self.source.text if side is Side.SOURCE else (self.target_text or "")

    def lang(self, side: Side) -> str | None:
        return self.src if side is Side.SOURCE else self.tgt

    def tag(self, side: Side) -> LanguageTag | None:
        return self.src_tag if side is Side.SOURCE else self.tgt_tag


class Located(Protocol):
    """What :meth:`Check.finding` reads of a pair: a :class:`Pair`, or a row a collector kept
    of one (:class:`ahenk.check.spill.Row`) once the pair itself is gone."""

    file: str | None
    line: int | None

    @property
    def ref(self) -> str | None: ...

    @property
    def source_text(self) -> str: ...

    @property
    def target_text(self) -> str | None: ...

    def lang(self, side: Side) -> str | None: ...


class Collector(Protocol):
    """What a store- or corpus-scope check keeps while the pairs stream past.

    :meth:`add` gets every pair of the group (whether the check applies is the collector's
    call), its *position* (an integer that orders pairs as the files list them, whatever order
    they arrive in) and its suppression :class:`~ahenk.check.suppress.Mark`; :meth:`finish`
    gives the findings, each with the mark of the pair it is about, in the order the check
    would give them over the pairs in file order.
    """

    def add(self, pair: Pair, position: int, mark: Mark) -> None: ...

    def finish(self) -> Iterable[tuple[Finding, Mark]]: ...


class KeepPairs:
    """The default :class:`Collector`: keeps every pair, then runs :meth:`Check.run_group`.

    Memory grows with the pairs: a check that need not see them all returns a collector that
    keeps less. A finding is matched back to the pair it is about by location and target text.
    """

    def __init__(self, check: Check, context: CheckContext) -> None:
        self.check = check
        self.context = context
        self.kept: list[tuple[int, Pair, Mark]] = []

    def add(self, pair: Pair, position: int, mark: Mark) -> None:
        self.kept.append((position, pair, mark))

    def finish(self) -> Iterator[tuple[Finding, Mark]]:
        self.kept.sort(key=lambda item: item[0])
        marks = {(p.file, p.line, p.ref, p.target_text): m for _, p, m in self.kept}
        for finding in self.check.run_group([p for _, p, _ in self.kept], self.context):
            yield finding, marks.get((finding.file, finding.line, finding.unit, finding.target),
                                     CLEAR)


@dataclass
class CheckContext:
    """What every check of one run shares: the termbase and a cache for expensive objects.

    The cache (:meth:`cached`) holds what a check builds once per run (term indexes, a language
    detector), keyed by the check's own keys. It is a cache only: what a unit check finds in a
    pair must not depend on the pairs it saw before, since with ``jobs`` each worker process
    sees some of them, with its own copy of the context (:mod:`ahenk.check.parallel`).
    ``segment_cache``: the term lookups remembered between runs
    (:class:`ahenk.check.segment_cache.SegmentCache`), when the run has one.
    """

    termbase: Termbase | None = None
    options: dict[str, Any] = field(default_factory=dict)
    segment_cache: SegmentCache | None = None
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    _release: list[Callable[[], None]] = field(default_factory=list, repr=False)
    _frozen: bool | None = field(default=None, repr=False)  # whether the run freezes

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
            self.freeze()
        return self._cache[key]

    def freeze(self) -> None:
        """What a run builds lives as long as the run (term indexes: millions of objects, none
        of them garbage): keep it out of the collector's full passes, which would walk it
        again and again as the checks' own caches grow, and give it back when the run ends.
        Left alone when the process freezes objects itself (a server before it forks)."""
        if self._frozen is None:
            self._frozen = gc.get_freeze_count() == 0
            if self._frozen:
                self.on_close(gc.unfreeze)
        if self._frozen:
            gc.freeze()

    def on_close(self, release: Callable[[], None]) -> None:
        """Call *release* when the run ends (:meth:`close`): an on-disk index's files."""
        self._release.append(release)

    def close(self) -> None:
        while self._release:
            self._release.pop()()


class Check:
    """Base class of every check. Subclasses set the metadata and fill one hook.

    Metadata (class attributes): ``id`` (stable, kebab-case), ``name`` (a few words),
    ``description`` (what it finds and why it matters, for ``ahenk checks explain`` and
    docs/checks.md), ``severity`` (the default), ``scope``, ``languages`` (language subtags the
    check applies to, on either side; empty: every language), ``version`` (bumped when the
    check's behaviour changes, so report signatures differ), ``needs_target`` (skip pairs with
    no target text), ``needs_termbase``, ``related`` (the same idea in other tools, for users
    moving over) and ``examples`` (``(src_lang, source, tgt_lang, target)`` that it reports).
    """

    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = Scope.UNIT
    languages: ClassVar[frozenset[str]] = frozenset()
    version: ClassVar[int] = 1
    needs_target: ClassVar[bool] = True
    needs_termbase: ClassVar[bool] = False
    related: ClassVar[tuple[str, ...]] = ()
    examples: ClassVar[tuple[tuple[str, str, str, str], ...]] = ()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r}>"

    # -- public template methods ------------------------------------------------------------------

    def applies(self, pair: Pair, context: CheckContext) -> bool:
        """Whether the check has anything to say about *pair* (languages, target, termbase)."""
        if self.needs_termbase and context.termbase is None:
            return False
        if self.needs_target and (pair.target is None or not pair.target.text.strip()):
            return False
        if self.languages:
            langs = {pair.src} | ({pair.tgt} if pair.tgt else set())
            if not langs & self.languages:
                return False
        return True

    def run(self, unit: Unit, context: CheckContext, *, src_lang: str | LanguageTag,
            tgt_lang: str | LanguageTag | None = None, file: str | None = None) -> list[Finding]:
        """Check one unit: every one of its targets (or only those in *tgt_lang*)."""
        pairs = pairs_of(unit, parse_language(src_lang),
                         parse_language(tgt_lang) if tgt_lang else None, file=file)
        if self.scope is not Scope.UNIT:
            return self.run_group(pairs, context)
        return [f for pair in pairs for f in self.run_pair(pair, context)]

    def run_pair(self, pair: Pair, context: CheckContext) -> list[Finding]:
        """Unit scope: the findings of one pair (none when the check does not apply)."""
        if self.scope is not Scope.UNIT or not self.applies(pair, context):
            return []
        return list(self._check(pair, context))

    def run_group(self, pairs: Sequence[Pair], context: CheckContext) -> list[Finding]:
        """Store and corpus scope: the findings over a group of pairs."""
        if self.scope is Scope.UNIT:
            return [f for pair in pairs for f in self.run_pair(pair, context)]
        usable = [p for p in pairs if self.applies(p, context)]
        return list(self._check_group(usable, context)) if usable else []

    def collector(self, context: CheckContext) -> Collector:
        """Store and corpus scope: what keeps the pairs of one group as they stream past
        (:class:`Collector`); by default every pair (:class:`KeepPairs`)."""
        return KeepPairs(self, context)

    def finding(self, pair: Located, message: str, *, side: Side = Side.TARGET,
                term: str | None = None, expected: str | None = None, found: str | None = None,
                span: tuple[int, int] | None = None,
                severity: Severity | None = None) -> Finding:
        """A finding about *pair*, with every location field filled in."""
        return Finding(
            check_id=self.id,
            severity=severity or self.severity,
            message=message,
            file=pair.file,
            line=pair.line,
            unit=pair.ref,
            lang=pair.lang(side),
            side=side,
            source=pair.source_text,
            target=pair.target_text,
            term=term,
            expected=expected,
            found=found,
            span=span,
        )

    # -- hooks ------------------------------------------------------------------------------------

    def prepare(self, context: CheckContext, languages: Iterable[str]) -> None:
        """Build now, into *context*'s cache, what checking pairs in *languages* will need
        (term indexes): called before worker processes are forked, so that they inherit it
        rather than each build it (:mod:`ahenk.check.parallel`). The default: nothing."""

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        """Unit scope: findings for one pair that :meth:`applies`."""
        raise NotImplementedError(f"{type(self).__name__} must implement _check")

    def _check_group(self, pairs: Sequence[Pair], context: CheckContext) -> Iterable[Finding]:
        """Store/corpus scope: findings over the pairs that :meth:`applies` to."""
        raise NotImplementedError(f"{type(self).__name__} must implement _check_group")


def pairs_of(unit: Unit, src_lang: LanguageTag | None, tgt_lang: LanguageTag | None = None,
             *, file: str | None = None, header_target: LanguageTag | None = None,
             monolingual: bool = False, select_target: bool = False) -> Iterator[Pair]:
    """The pairs of *unit*: its source with each target, languages resolved.

    A segment's own language wins; then the header's (*header_target*); then the options
    (*src_lang*, *tgt_lang*). With *select_target* only targets in *tgt_lang* are paired (a
    multilingual TMX checked for one language). A bilingual unit without a target gives one
    pair with ``target=None``; a monolingual one too.
    """
    source_tag = unit.source.lang or src_lang
    if source_tag is None:
        raise UsageError("the source language is not in the file: give it with --src-lang")
    location = unit.location
    path = (location.path if location else None) or file
    line = location.line if location else None
    if monolingual or not unit.targets:
        yield Pair(unit, unit.source, None, source_tag,
                   None if monolingual else (header_target or tgt_lang), path, line)
        return
    for segment in unit.targets:
        tag = segment.lang or header_target or tgt_lang
        if tag is None:
            raise UsageError("the target language is not in the file: give it with --tgt-lang")
        if select_target and tgt_lang is not None and tag.language != tgt_lang.language:
            continue
        yield Pair(unit, unit.source, segment, source_tag, tag, path, line)
