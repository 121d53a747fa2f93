"""GitHub Actions workflow-command annotations, one line per finding::

    ::error file=po/az.po,line=12,title=number-mismatch::the source has 3,400, the target 34

Severity error → ``::error``, warning → ``::warning``, info → ``::notice``. Values are escaped as
the runner expects: ``%``, CR and LF in the message; also ``:`` and ``,`` in properties.
"""

from __future__ import annotations

from typing import TextIO

from ahenk.check.finding import Finding, Report
from ahenk.report import renderer
from ahenk.report.text import summary_line, unit_label

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    props = []
    if finding.file:
        props.append(f"file={escape_property(finding.file)}")
        if finding.line:
            props.append(f"line={finding.line}")
    props.append(f"title={escape_property(finding.check_id)}")
    message = finding.message
    if finding.unit:
        message += f" (unit {unit_label(finding.unit)})"
    return f"::{LEVELS[finding.severity.value]} {','.join(props)}::{escape_data(message)}"


@renderer("github")
def write(report: Report, out: TextIO) -> None:
    out.writelines(annotation(f) + "\n" for f in report.findings)
    out.write(summary_line(report) + "\n")
