"""JSON report, schema version 1 (stable; fields are only ever added)::

    {"version": 1,
     "findings": [{"check", "severity", "file", "line", "unit", "lang", "side", "source",
                   "target", "term", "expected", "found", "message"}, …],
     "summary": {"files", "units", "findings", "error", "warning", "info", "checks": {id: n},
                 "suppressed": {"inline", "path", "unchanged", "baseline"}},
     "signature": "ahenk:…|checks:…|termbase:…|lingua:…"}

The report is written as it goes (:func:`dump`): each finding is one ``json.dumps`` indented
into place, so the text is ``json.dumps(as_dict(report), ensure_ascii=False, indent=2)``'s,
byte for byte, without the list of every finding that :func:`as_dict` makes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ahenk.check.finding import JSON_VERSION, Report
from ahenk.report import renderer


class Items:
    """A JSON array that :func:`dump` writes an item at a time, as the iterable yields them."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _streams(value: Any) -> bool:
    """Whether *value* holds :class:`Items` (then its containers are written by hand)."""
    if isinstance(value, Items):
        return True
    if isinstance(value, dict):
        return any(_streams(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_streams(v) for v in value)
    return False


def dump(value: Any, out: TextIO, level: int = 0) -> None:
    """Write *value* to *out* as ``json.dumps(value, ensure_ascii=False, indent=2)`` would, at
    nesting *level*, with any :class:`Items` in it as the list of its items.

    Only the containers that hold :class:`Items` are written here; every other value is
    ``json.dumps``'s own text, its lines indented to *level* (a JSON string never holds a
    line break, so the break before each line is one the indentation made).
    """
    pad = "\n" + "  " * level
    if isinstance(value, Items):
        empty = True
        for item in value.items:
            out.write("[" if empty else ",")
            out.write(pad + "  ")
            dump(item, out, level + 1)
            empty = False
        out.write("[]" if empty else pad + "]")
    elif isinstance(value, dict) and _streams(value):
        for n, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError(f"a streamed JSON object needs string keys, not {key!r}")
            out.write(("," if n else "{") + pad + "  " + json.dumps(key, ensure_ascii=False)
                      + ": ")
            dump(item, out, level + 1)
        out.write(pad + "}")
    elif isinstance(value, list | tuple) and _streams(value):
        for n, item in enumerate(value):
            out.write(("," if n else "[") + pad + "  ")
            dump(item, out, level + 1)
        out.write(pad + "]")
    else:
        out.write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", pad))


def _document(report: Report, findings: object) -> dict[str, object]:
    return {
        "version": JSON_VERSION,
        "findings": findings,
        "summary": report.summary,
        "signature": report.signature,
    }


def as_dict(report: Report) -> dict[str, object]:
    """The whole report as one value (every finding in a list)."""
    return _document(report, [f.as_dict() for f in report.findings])


@renderer("json")
def write(report: Report, out: TextIO) -> None:
    dump(_document(report, Items(f.as_dict() for f in report.findings)), out)
    out.write("\n")
