"""A standalone HTML report for translators: one file, inline CSS and JavaScript, no server.

Findings are grouped by file, then by check; each shows its location, unit, message, and the
source and target with the matched text highlighted (``<mark>``: the finding's span on its own
side, and the expected term where the other side has it). Two menus filter by check and by
severity; the choice is kept in the address (``report.html#check=term-missing&severity=error``)
so a filtered view can be linked to. Every text from the files is escaped; the script reads only
``data-`` attributes, so nothing from a translation ever reaches it as code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import TextIO

from ahenk.check import registry
from ahenk.check.finding import Finding, Report, Side
from ahenk.diagnostics import Severity
from ahenk.errors import UsageError
from ahenk.report import renderer
from ahenk.report.text import summary_line, unit_label

_CSS = """
:root { --error: #b3261e; --warning: #8a5a00; --info: #1d5fa8; --mark: #ffe08a; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 70em; padding: 1em;
       color: #1b1b1b; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1em; }
.summary { font-weight: 600; }
.signature { color: #666; font-size: 12px; word-break: break-all; }
.filters { display: flex; gap: 1.5em; align-items: center; margin: .8em 0; flex-wrap: wrap; }
section.file > h2 { font-size: 1.15em; margin: 1.4em 0 .4em; font-family: monospace; }
section.check > h3 { font-size: 1em; margin: .9em 0 .3em; }
.finding { border-left: 4px solid #999; padding: .35em .8em; margin: .4em 0;
           background: #fafafa; }
.finding[data-severity=error] { border-color: var(--error); }
.finding[data-severity=warning] { border-color: var(--warning); }
.finding[data-severity=info] { border-color: var(--info); }
.severity { font-weight: 700; text-transform: uppercase; font-size: 11px; }
.finding[data-severity=error] .severity { color: var(--error); }
.finding[data-severity=warning] .severity { color: var(--warning); }
.finding[data-severity=info] .severity { color: var(--info); }
.where, .unit { font-family: monospace; color: #444; font-size: 13px; }
dl.texts { display: grid; grid-template-columns: max-content 1fr; gap: .1em .8em;
           margin: .3em 0 0; }
dl.texts dt { color: #666; }
dl.texts dd { margin: 0; white-space: pre-wrap; }
dd.about { font-weight: 500; }
mark.hl { background: var(--mark); border-radius: 2px; padding: 0 1px; }
.clean { color: #2e7d32; }
"""

_JS = """
(function () {
  var check = document.getElementById('filter-check');
  var severity = document.getElementById('filter-severity');
  var shown = document.getElementById('shown');
  function apply() {
    var count = 0;
    document.querySelectorAll('.finding').forEach(function (f) {
      var ok = (!check.value || f.dataset.check === check.value) &&
               (!severity.value || f.dataset.severity === severity.value);
      f.hidden = !ok;
      if (ok) { count += 1; }
    });
    document.querySelectorAll('section.check, section.file').forEach(function (s) {
      s.hidden = !s.querySelector('.finding:not([hidden])');
    });
    shown.textContent = String(count);
    var parts = [];
    if (check.value) { parts.push('check=' + encodeURIComponent(check.value)); }
    if (severity.value) { parts.push('severity=' + encodeURIComponent(severity.value)); }
    try {
      history.replaceState(null, '', parts.length ? '#' + parts.join('&')
                                                  : location.pathname + location.search);
    } catch (e) { /* some file: URLs refuse; the filter still applies */ }
  }
  function choose(select, value) {
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === value) { select.value = value; }
    }
  }
  var wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.has('check')) { choose(check, wanted.get('check')); }
  if (wanted.has('severity')) { choose(severity, wanted.get('severity')); }
  check.addEventListener('change', apply);
  severity.addEventListener('change', apply);
  apply();
  document.body.dataset.ready = 'yes';
})();
"""


def _check_name(check_id: str) -> tuple[str, str]:
    try:
        cls = registry.get(check_id)
    except UsageError:
        return check_id, ""
    return cls.name, cls.description


def _ranges(text: str, finding: Finding, side: Side) -> list[tuple[int, int]]:
    """Character ranges of *text* (one side of *finding*) to highlight."""
    out: list[tuple[int, int]] = []
    if finding.side is side and finding.span is not None:
        start, end = finding.span
        if 0 <= start < end <= len(text):
            out.append((start, end))
    words = [finding.found] if finding.side is side else [finding.expected, finding.term]
    if not out:
        for word in words:
            if word and word.strip():
                out += [(m.start(), m.end())
                        for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
                if out:
                    break
    return out


def highlight(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """*text* escaped for HTML, with *ranges* (merged where they overlap) in ``<mark>``."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out += [escape(text[last:start]), '<mark class="hl">', escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _finding(finding: Finding, number: int) -> str:
    where = finding.file or "<input>"
    if finding.line:
        where += f":{finding.line}"
    rows = []
    for side, text in ((Side.SOURCE, finding.source), (Side.TARGET, finding.target)):
        if text is None:
            if side is Side.TARGET:
                rows.append('<dt>target</dt><dd class="none">(none)</dd>')
            continue
        about = ' class="about"' if finding.side is side else ""
        label = side.value + (f" ({escape(finding.lang)})" if finding.side is side and
                              finding.lang else "")
        rows.append(f"<dt>{label}</dt><dd{about}>"
                    f"{highlight(text, _ranges(text, finding, side))}</dd>")
    if finding.expected is not None or finding.found is not None:
        rows.append(f"<dt>expected</dt><dd>{escape(finding.expected or '—')}"
                    f" <span class=\"where\">found:</span> {escape(finding.found or '—')}</dd>")
    unit = ""
    if finding.unit and finding.unit != finding.source:
        unit = f'<div class="unit">unit {escape(unit_label(finding.unit))}</div>'
    return (f'<article class="finding" id="f{number}" data-check="{escape(finding.check_id)}" '
            f'data-severity="{finding.severity.value}">'
            f'<div><span class="severity">{finding.severity.value}</span> '
            f'<span class="message">{escape(finding.message)}</span> '
            f'<span class="where">{escape(where)}</span></div>{unit}'
            f'<dl class="texts">{"".join(rows)}</dl></article>')


def _options(values: Iterable[tuple[str, str]], everything: str) -> str:
    items = [f'<option value="">{escape(everything)}</option>']
    items += [f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in values]
    return "".join(items)


@dataclass
class _File:
    """One file's findings in the report: where they start, how many, and how many of each
    check."""

    name: str
    start: int
    count: int = 0
    checks: Counter[str] = field(default_factory=Counter)
    severities: set[Severity] = field(default_factory=set)


def _files(findings: Iterable[Finding]) -> list[_File]:
    """The runs of findings of one file (as :func:`itertools.groupby` makes them), counted."""
    out: list[_File] = []
    for n, finding in enumerate(findings):
        name = finding.file or "<input>"
        if not out or out[-1].name != name:
            out.append(_File(name, n))
        out[-1].count += 1
        out[-1].checks[finding.check_id] += 1
        out[-1].severities.add(finding.severity)
    return out


@renderer("html")
def write(report: Report, out: TextIO) -> None:
    """The page, written as it goes: a first pass over the findings counts them by file and
    check (the menus and headings come first), then each check's findings of a file are read
    in turn (the page groups a file's findings by check)."""
    findings = report.findings
    files = _files(findings)
    counts: Counter[str] = Counter()
    present: set[Severity] = set()
    for file in files:
        counts.update(file.checks)
        present |= file.severities
    check_ids = sorted(counts)
    severities = [s.value for s in Severity if s in present]
    check_menu = _options(((cid, f"{cid} ({counts[cid]})") for cid in check_ids), "every check")
    severity_menu = _options(((s, s) for s in severities), "every severity")
    total = len(findings)
    for line in ("<!DOCTYPE html>",
                 '<html lang="en"><head><meta charset="utf-8">',
                 '<meta name="viewport" content="width=device-width, initial-scale=1">',
                 "<title>ahenk check report</title>",
                 f"<style>{_CSS}</style></head><body>",
                 "<header><h1>ahenk check report</h1>",
                 f'<p class="summary">{escape(summary_line(report))}</p>',
                 f'<p class="signature">{escape(report.signature)}</p>',
                 '<div class="filters">',
                 f'<label>Check <select id="filter-check">{check_menu}</select></label>',
                 f'<label>Severity <select id="filter-severity">{severity_menu}</select></label>',
                 f'<span>showing <strong id="shown">{total}</strong> of '
                 f'<strong id="total">{total}</strong></span>',
                 "</div></header>",
                 "<main>"):
        out.write(line + "\n")
    number = 0
    for file in files:
        out.write(f'<section class="file" data-file="{escape(file.name)}">'
                  f"<h2>{escape(file.name)} ({file.count})</h2>\n")
        group = findings[file.start:file.start + file.count]
        for check_id in sorted(file.checks):
            name, description = _check_name(check_id)
            out.write(f'<section class="check" data-check="{escape(check_id)}">'
                      f'<h3 title="{escape(description)}"><code>{escape(check_id)}</code> '
                      f"{escape(name)} ({file.checks[check_id]})</h3>\n")
            for finding in group:
                if finding.check_id == check_id:
                    number += 1
                    out.write(_finding(finding, number) + "\n")
            out.write("</section>\n")
        out.write("</section>\n")
    with_findings = {file.name for file in files}
    clean = [f for f in report.files if f not in with_findings]
    if clean:
        out.write('<p class="clean">No findings in: ' +
                  ", ".join(f"<code>{escape(f)}</code>" for f in clean) + "</p>\n")
    if not total:
        out.write('<p class="clean" id="no-findings">No findings.</p>\n')
    out.write("</main>\n")
    out.write(f"<script>{_JS}</script>\n")
    out.write("</body></html>\n")
