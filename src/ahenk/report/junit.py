"""JUnit XML, as CI systems (GitLab, Jenkins, Azure) read test reports.

One ``<testsuite>`` per checked file (``name`` = the path); one ``<testcase>`` per finding,
``classname`` = the file, ``name`` = ``check-id: unit``, holding a ``<failure>`` whose ``type``
is the check id and ``message`` the finding's message (severity first), the details as text. A
file without findings gets one passing test case, so a clean run still shows what was checked.
"""

from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET

from ahenk.check.finding import Finding, Report
from ahenk.report import renderer
from ahenk.report.text import unit_label

_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _clean(text: str | None) -> str:
    return (text or "").translate(_CONTROL)  # XML 1.0 cannot carry other control characters


def _details(finding: Finding) -> str:
    rows = [
        ("file", f"{finding.file or '<input>'}:{finding.line or ''}"),
        ("unit", unit_label(finding.unit)),
        ("severity", finding.severity.value),
        ("lang", finding.lang or ""), ("side", finding.side.value),
        ("source", finding.source), ("target", finding.target or ""),
        ("term", finding.term or ""), ("expected", finding.expected or ""),
        ("found", finding.found or ""),
    ]
    return "\n".join(f"{k}: {v}" for k, v in rows if v)


def _testcase(suite: ET.Element, file: str, finding: Finding) -> None:
    label = unit_label(finding.unit) or (f"line {finding.line}" if finding.line else "")
    case = ET.SubElement(suite, "testcase", {
        "classname": _clean(file), "name": _clean(f"{finding.check_id}: {label}".rstrip(": ")),
        "file": _clean(file), **({"line": str(finding.line)} if finding.line else {}),
    })
    failure = ET.SubElement(case, "failure", {
        "type": finding.check_id,
        "message": _clean(f"{finding.severity.value}: {finding.message}"),
    })
    failure.text = _clean(_details(finding))


@renderer("junit")
def render(report: Report) -> str:
    root = ET.Element("testsuites", {"name": "ahenk check",
                                     "tests": "0", "failures": str(len(report.findings))})
    by_file = {file: list(items) for file, items in
               groupby(report.findings, key=lambda f: f.file or "<input>")}
    for file in report.files:
        by_file.setdefault(file, [])
    total = 0
    for file, findings in by_file.items():
        suite = ET.SubElement(root, "testsuite", {
            "name": _clean(file), "tests": str(max(1, len(findings))),
            "failures": str(len(findings)), "errors": "0", "skipped": "0",
        })
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", {"name": "signature", "value": report.signature})
        for finding in findings:
            _testcase(suite, file, finding)
        if not findings:
            ET.SubElement(suite, "testcase", {"classname": _clean(file), "name": "ahenk check"})
        total += max(1, len(findings))
    if not by_file:
        suite = ET.SubElement(root, "testsuite", {"name": "ahenk check", "tests": "1",
                                                  "failures": "0", "errors": "0",
                                                  "skipped": "0"})
        ET.SubElement(suite, "testcase", {"classname": "ahenk", "name": "ahenk check"})
        total = 1
    root.set("tests", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
