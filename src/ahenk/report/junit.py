"""JUnit XML, as CI systems (GitLab, Jenkins, Azure) read test reports.

One ``<testsuite>`` per checked file (``name`` = the path); one ``<testcase>`` per finding,
``classname`` = the file, ``name`` = ``check-id: unit``, holding a ``<failure>`` whose ``type``
is the check id and ``message`` the finding's message (severity first), the details as text. A
file without findings gets one passing test case, so a clean run still shows what was checked.
"""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from ahenk.check.finding import Finding, Report
from ahenk.report import renderer, runs
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


def _testcase(file: str, finding: Finding) -> ET.Element:
    label = unit_label(finding.unit) or (f"line {finding.line}" if finding.line else "")
    case = ET.Element("testcase", {
        "classname": _clean(file), "name": _clean(f"{finding.check_id}: {label}".rstrip(": ")),
        "file": _clean(file), **({"line": str(finding.line)} if finding.line else {}),
    })
    failure = ET.SubElement(case, "failure", {
        "type": finding.check_id,
        "message": _clean(f"{finding.severity.value}: {finding.message}"),
    })
    failure.text = _clean(_details(finding))
    return case


def _start(tag: str, attrib: dict[str, str]) -> str:
    """The start tag of an element with *attrib*, escaped by ElementTree, as it writes it."""
    return ET.tostring(ET.Element(tag, attrib), "unicode")[: -len(" />")] + ">"


def _xml(element: ET.Element, level: int) -> str:
    """*element* as ElementTree writes it, indented as at depth *level* of the document."""
    ET.indent(element, level=level)
    return ET.tostring(element, "unicode")


@renderer("junit")
def write(report: Report, out: TextIO) -> None:
    """The document ``ET.indent`` and ``ET.tostring`` make of the whole tree, written a test
    case at a time: the suites' counts come from a first pass over the findings."""
    findings = report.findings
    suites: dict[str, tuple[int, int]] = {}  # file → (start, count) of its findings
    for file, start, count in runs(findings, lambda f: f.file or "<input>"):
        suites[file] = (start, count)  # "<input>" met again (a file so named) takes the later
    for file in report.files:
        suites.setdefault(file, (0, 0))
    total = sum(max(1, count) for _, count in suites.values()) if suites else 1
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(_start("testsuites", {"name": "ahenk check", "tests": str(total),
                                    "failures": str(len(findings))}))
    for file, (start, count) in suites.items():
        out.write("\n  " + _start("testsuite", {
            "name": _clean(file), "tests": str(max(1, count)), "failures": str(count),
            "errors": "0", "skipped": "0",
        }))
        properties = ET.Element("properties")
        ET.SubElement(properties, "property", {"name": "signature", "value": report.signature})
        out.write("\n    " + _xml(properties, 2))
        for finding in findings[start:start + count]:
            out.write("\n    " + _xml(_testcase(file, finding), 2))
        if not count:
            case = ET.Element("testcase", {"classname": _clean(file), "name": "ahenk check"})
            out.write("\n    " + _xml(case, 2))
        out.write("\n  </testsuite>")
    if not suites:
        suite = ET.Element("testsuite", {"name": "ahenk check", "tests": "1", "failures": "0",
                                         "errors": "0", "skipped": "0"})
        ET.SubElement(suite, "testcase", {"classname": "ahenk", "name": "ahenk check"})
        out.write("\n  " + _xml(suite, 1))
    out.write("\n</testsuites>\n")
