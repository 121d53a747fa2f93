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
from collections.abc import Iterable
from html import escape
from itertools import groupby

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


@renderer("html")
def render(report: Report) -> str:
    findings = report.findings
    check_ids = sorted({f.check_id for f in findings})
    counts = {cid: sum(1 for f in findings if f.check_id == cid) for cid in check_ids}
    severities = [s.value for s in Severity if any(f.severity is s for f in findings)]
    body: list[str] = []
    number = 0
    by_file = groupby(findings, key=lambda f: f.file or "<input>")
    for file, items in by_file:
        group = list(items)
        body.append(f'<section class="file" data-file="{escape(file)}">'
                    f"<h2>{escape(file)} ({len(group)})</h2>")
        for check_id in sorted({f.check_id for f in group}):
            of_check = [f for f in group if f.check_id == check_id]
            name, description = _check_name(check_id)
            body.append(f'<section class="check" data-check="{escape(check_id)}">'
                        f'<h3 title="{escape(description)}"><code>{escape(check_id)}</code> '
                        f"{escape(name)} ({len(of_check)})</h3>")
            for finding in of_check:
                number += 1
                body.append(_finding(finding, number))
            body.append("</section>")
        body.append("</section>")
    with_findings = {f.file or "<input>" for f in findings}
    clean = [f for f in report.files if f not in with_findings]
    if clean:
        body.append('<p class="clean">No findings in: ' +
                    ", ".join(f"<code>{escape(f)}</code>" for f in clean) + "</p>")
    if not findings:
        body.append('<p class="clean" id="no-findings">No findings.</p>')
    check_menu = _options(((cid, f"{cid} ({counts[cid]})") for cid in check_ids), "every check")
    severity_menu = _options(((s, s) for s in severities), "every severity")
    return "\n".join([
        "<!DOCTYPE html>",
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
        f'<span>showing <strong id="shown">{len(findings)}</strong> of '
        f'<strong id="total">{len(findings)}</strong></span>',
        "</div></header>",
        "<main>", *body, "</main>",
        f"<script>{_JS}</script>",
        "</body></html>",
        "",
    ])
