"""Plain-text report for translators: grouped by file, each finding with ``file:line``, the
unit, the check id, the message, and the text it is about."""

from __future__ import annotations

from typing import TextIO

from ahenk.check.finding import Finding, Report, Side
from ahenk.report import renderer, runs

_SHOW = 160  # characters of a source/target shown


def _clip(text: str | None) -> str:
    if text is None:
        return "(none)"
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOW else flat[: _SHOW - 1] + "…"


def unit_label(unit: str | None) -> str:
    """A unit key as people read it (PO's msgctxt\\x04msgid as ``msgctxt | msgid``)."""
    return (unit or "").replace("\x04", " | ")


def _where(finding: Finding) -> str:
    place = finding.file or "<input>"
    return f"{place}:{finding.line}" if finding.line else place


def _block(finding: Finding) -> list[str]:
    head = f"{_where(finding)}: {finding.severity.value}: {finding.message} [{finding.check_id}]"
    lines = [head]
    if finding.unit and finding.unit != finding.source:  # a PO msgid is the source itself
        lines.append(f"    unit:     {_clip(unit_label(finding.unit))}")
    marker = " ←" if finding.side is Side.SOURCE else ""
    lines.append(f"    source:   {_clip(finding.source)}{marker}")
    if finding.target is not None or finding.side is Side.TARGET:
        marker = " ←" if finding.side is Side.TARGET else ""
        lines.append(f"    target:   {_clip(finding.target)}{marker}")
    if finding.expected is not None or finding.found is not None:
        lines.append(f"    expected: {finding.expected or '—'}   found: {finding.found or '—'}")
    return lines


def summary_line(report: Report) -> str:
    s = report.summary
    files = s.get("files", 0)
    units = s.get("units", 0)

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    line = (f"{n(files, 'file')}, {n(units, 'unit')} checked: {n(s.get('error', 0), 'error')}, "
            f"{n(s.get('warning', 0), 'warning')}, {s.get('info', 0)} info")
    return line + suppressed_phrase(report)


#: How each kind of dropped finding is named in the summary (keys of ``summary["suppressed"]``).
SUPPRESSED = {"baseline": "in the baseline", "inline": "suppressed inline",
              "path": "ignored for their path", "unchanged": "on unchanged units"}


def suppressed_phrase(report: Report) -> str:
    """``"; not shown: 3 in the baseline, 1 suppressed inline"`` (empty when none)."""
    counts = report.summary.get("suppressed") or {}
    parts = [f"{counts[k]} {what}" for k, what in SUPPRESSED.items() if counts.get(k)]
    return f"; not shown: {', '.join(parts)}" if parts else ""


@renderer("text")
def write(report: Report, out: TextIO) -> None:
    findings = report.findings
    for file, start, count in runs(findings, lambda f: f.file):
        out.write(f"== {file or '<input>'} ({count} finding{'' if count == 1 else 's'})\n")
        for finding in findings[start:start + count]:
            out.writelines(line + "\n" for line in _block(finding))
        out.write("\n")
    out.write(summary_line(report) + "\n")
