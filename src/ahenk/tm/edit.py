"""Changing a memory: which entries a delete selects, and what an update import keeps.

Every backend stores the same fields per entry: languages, source, target, ``origin`` (the
file it was imported from), ``created`` (ISO 8601, from the unit's TMX changedate or
creationdate, else the time of import) and an ``id``. A :class:`Selection` names entries by
those; :func:`newest_wins` is the update policy both backends apply inside their write
transaction.

Update policy. By default a memory keeps every translation it is given: a new translation of a
known source is stored beside the old one, as OmegaT (alternative translations) and Trados
("add as new") keep them, and a lookup shows the most recent first when scores tie. An import
with ``update=True`` (``ahenk tm import --update``) makes the newest translation win instead:
of every source the import brings (same languages, same text), the memory keeps one
translation, the most recent by ``created``; a unit without a date counts as made at import
time, and on equal dates the imported unit wins over the memory and a later unit of the file
over an earlier one. Older translations of that source are removed (*replaced*); an imported
pair older than the memory's translation is not stored (*outdated*). A pair already in the
memory is still a duplicate, and takes part in the ranking with the imported date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ahenk.errors import UsageError
from ahenk.tm.store import TMEntry, lang_code

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?")


def iso_date(value: str, option: str = "date") -> str:
    """*value* (``2025-01-31`` or ``2025-01-31T09:00:00Z``) checked, as the store compares it."""
    value = value.strip()
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        date.fromisoformat(value[:10])
    except ValueError:
        raise UsageError(f"{option} {value!r}: a date as YYYY-MM-DD or "
                         "YYYY-MM-DDTHH:MM:SSZ") from None
    return value


@dataclass(frozen=True)
class Selection:
    """Entries to act on: those meeting every criterion given (of ``ids``, any one).

    ``src``/``tgt`` are languages (primary subtags), ``source``/``target`` exact texts,
    ``origin`` the file name an entry was imported from; ``before`` selects entries created
    before that date, ``since`` those created on or after it (ISO 8601 dates, compared as
    the store keeps them: ``2025-01-31`` is the start of that day).
    """

    ids: tuple[int, ...] = ()
    src: str | None = None
    tgt: str | None = None
    source: str | None = None
    target: str | None = None
    origin: str | None = None
    before: str | None = None
    since: str | None = None

    def __post_init__(self) -> None:
        for name in ("src", "tgt"):
            value = getattr(self, name)
            if value:
                object.__setattr__(self, name, lang_code(value))
        for name in ("before", "since"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, iso_date(value, f"--{name}"))
        object.__setattr__(self, "ids", tuple(int(i) for i in self.ids))

    def is_empty(self) -> bool:
        return not self.ids and all(
            getattr(self, name) is None
            for name in ("src", "tgt", "source", "target", "origin", "before", "since"))

    def conditions(self) -> list[tuple[str, str, object]]:
        """(column, operator, value) for every criterion but ``ids``; each backend writes them
        in its own SQL."""
        out: list[tuple[str, str, object]] = []
        for column, value in (("src_lang", self.src), ("tgt_lang", self.tgt),
                              ("source", self.source), ("target", self.target),
                              ("origin", self.origin)):
            if value is not None:
                out.append((column, "=", value))
        if self.before is not None:
            out.append(("created", "<", self.before))
        if self.since is not None:
            out.append(("created", ">=", self.since))
        return out


@dataclass
class UpdatePlan:
    """What an update import of one batch does (see :func:`newest_wins`)."""

    add: list[TMEntry] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)
    duplicates: int = 0
    outdated: int = 0


def source_key(entry: TMEntry) -> tuple[str, str, str]:
    """What makes two entries translations of the same source."""
    return entry.src_lang, entry.tgt_lang, entry.source


def newest_wins(batch: Sequence[TMEntry], stored: Iterable[TMEntry], now: str) -> UpdatePlan:
    """The update policy (module docstring) for *batch*, given the memory's entries *stored*
    with the same languages and source as one of the batch's (any others are ignored)."""
    plan = UpdatePlan()
    imported: dict[tuple[str, str, str], list[tuple[int, TMEntry]]] = {}
    for position, entry in enumerate(batch):
        imported.setdefault(source_key(entry), []).append((position, entry))
    held: dict[tuple[str, str, str], list[TMEntry]] = {}
    for entry in stored:
        if source_key(entry) in imported:
            held.setdefault(source_key(entry), []).append(entry)
    for key, group in imported.items():
        memory = held.get(key, [])
        # rank: date, then imported over stored, then later in the file / higher id
        ranked = ([((e.created, 0, e.id), e) for e in memory]
                  + [((e.created or now, 1, position), e) for position, e in group])
        winner = max(ranked, key=lambda item: item[0])[1]
        kept = next((e for e in memory if e.target == winner.target), None)
        plan.delete.extend(e.id for e in memory if e.target != winner.target)
        if kept is None:
            plan.add.append(winner)
        for _, entry in group:
            if entry.target != winner.target:
                plan.outdated += 1
            elif entry is not winner or kept is not None:
                plan.duplicates += 1
    return plan
