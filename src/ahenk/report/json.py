"""JSON report, schema version 1 (stable; fields are only ever added)::

    {"version": 1,
     "findings": [{"check", "severity", "file", "line", "unit", "lang", "side", "source",
                   "target", "term", "expected", "found", "message"}, …],
     "summary": {"files", "units", "findings", "error", "warning", "info", "checks": {id: n},
                 "suppressed": {"inline", "path", "unchanged", "baseline"}},
     "signature": "ahenk:…|checks:…|termbase:…|lingua:…"}
"""

from __future__ import annotations

import json

from ahenk.check.finding import JSON_VERSION, Report
from ahenk.report import renderer


def as_dict(report: Report) -> dict[str, object]:
    return {
        "version": JSON_VERSION,
        "findings": [f.as_dict() for f in report.findings],
        "summary": report.summary,
        "signature": report.signature,
    }


@renderer("json")
def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
