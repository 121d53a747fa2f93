"""Problems found by validators (corpus, termbase, and later TMX): structured, located data.

A problem is not an exception: validators collect all of them so a user fixes a file in one
pass. Each has a stable kebab-case ``code`` (the public name in output and docs), a severity and
a location. Unusable input that stops reading altogether is an :class:`ahenk.errors.AhenkError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from ahenk.model.unit import Location


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    location: Location | None = None
    severity: Severity = Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        loc = self.location or Location()
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": loc.path,
            "line": loc.line,
            "column": loc.column,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity.value}: {self.message} [{self.code}]"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    def key(p: Problem) -> tuple:
        loc = p.location or Location()
        return (loc.path or "", loc.line or 0, loc.column or 0, p.code, p.message)

    return sorted(problems, key=key)


def worst(problems: Iterable[Problem]) -> Severity | None:
    found = [p.severity for p in problems]
    return max(found, key=lambda s: s.rank) if found else None


def problems_json(problems: Iterable[Problem], **extra: object) -> str:
    items = [p.as_dict() for p in problems]
    counts: dict[str, int] = {}
    for item in items:
        counts[str(item["severity"])] = counts.get(str(item["severity"]), 0) + 1
    return json.dumps(
        {"version": 1, "problems": items, "summary": counts, **extra},
        ensure_ascii=False,
        indent=2,
    )
