"""What a check says: :class:`Finding` (one problem, located) and :class:`Report` (all of them).

Findings are data, never exceptions (a check that finds something returns it): every renderer
(text, JSON, JUnit, SARIF, GitHub annotations) and a future fixer read the same fields. The check
id is public API: output, ``--select/--ignore`` and the docs anchors all use the one string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ahenk.diagnostics import Severity

#: Version of the JSON report schema (``{"version": 1, "findings": [...], ...}``).
JSON_VERSION = 1
#: The keys of one finding in the JSON report, in order. Never renamed; new ones only appended.
JSON_FIELDS = ("check", "severity", "file", "line", "unit", "lang", "side", "source", "target",
               "term", "expected", "found", "message")


class Side(str, Enum):  # noqa: UP042 - the project's (str, Enum) convention, as Severity
    """Which text of a unit a finding is about."""

    SOURCE = "source"
    TARGET = "target"


@dataclass(frozen=True)
class Finding:
    """One problem a check found in one unit (or, for store-scope checks, one unit of a group).

    ``unit`` is the unit's own key: a TMX ``tuid``, an XLIFF unit id, a PO ``msgid`` (with
    ``msgctxt`` before it, joined by U+0004 as gettext does). ``lang`` is the language of the
    side the finding is about. ``span`` is ``(start, end)`` in that side's text, where the check
    can point at the offending characters. ``expected``/``found`` are what a fixer would swap.
    """

    check_id: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    unit: str | None = None
    lang: str | None = None
    side: Side = Side.TARGET
    source: str = ""
    target: str | None = None
    term: str | None = None
    expected: str | None = None
    found: str | None = None
    span: tuple[int, int] | None = None

    @property
    def text(self) -> str | None:
        """The text of the side the finding is about."""
        return self.source if self.side is Side.SOURCE else self.target

    def as_dict(self) -> dict[str, Any]:
        """The finding as the JSON report writes it (keys :data:`JSON_FIELDS`)."""
        return {
            "check": self.check_id,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "unit": self.unit,
            "lang": self.lang,
            "side": self.side.value,
            "source": self.source,
            "target": self.target,
            "term": self.term,
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
        }

    def sort_key(self) -> tuple:
        return (self.file or "", self.line or 0, self.unit or "", self.side.value,
                self.span or (0, 0), self.check_id, self.message)


def summarize(findings: Iterable[Finding], files: int = 0, units: int = 0,
              checks: Iterable[str] = ()) -> dict[str, Any]:
    """Counts by severity and by check (every severity and every run check present, even at 0),
    in one pass: a report's findings may be on disk."""
    by_severity: Counter[str] = Counter()
    by_check: Counter[str] = Counter()
    total = 0
    for finding in findings:
        by_severity[finding.severity.value] += 1
        by_check[finding.check_id] += 1
        total += 1
    return {
        "files": files,
        "units": units,
        "findings": total,
        **{s.value: by_severity.get(s.value, 0) for s in Severity},
        "checks": {cid: by_check.get(cid, 0) for cid in sorted({*checks, *by_check})},
    }


@dataclass
class Report:
    """The outcome of a check run: findings in file order, counts, the check-set signature,
    and the files that were checked (clean ones included).

    ``findings`` is a sequence that can be read any number of times: a list, or for a run with
    many findings a :class:`~ahenk.check.found.StoredFindings` on disk, which :meth:`close`
    (or leaving a ``with`` block) deletes; an unclosed one goes when the report is
    garbage-collected.
    """

    findings: Sequence[Finding] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    signature: str = ""
    files: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def at_least(self, severity: Severity | str) -> list[Finding]:
        """The findings of *severity* or worse."""
        rank = Severity(severity).rank
        return [f for f in self.findings if f.severity.rank >= rank]

    def has_at_least(self, severity: Severity | str) -> bool:
        """Whether a finding is of *severity* or worse (read up to the first)."""
        rank = Severity(severity).rank
        return any(f.severity.rank >= rank for f in self.findings)

    def ids(self) -> set[str]:
        return {f.check_id for f in self.findings}

    def close(self) -> None:
        """Delete the findings kept on disk, if any (reading them afterwards is an error)."""
        close = getattr(self.findings, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Report:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
