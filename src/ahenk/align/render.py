"""Text renderings of an alignment: TSV, JSON, vecalign, and a self-contained HTML review page.

TMX is not here: it is a file format, written through :mod:`ahenk.formats` from
:meth:`Alignment.to_store <ahenk.align.model.Alignment.to_store>`.
"""

from __future__ import annotations

import html
import json

from ahenk.align.model import LOW_CONFIDENCE, Alignment
from ahenk.align.pivot import MultiAlignment
from ahenk.errors import UsageError

#: Formats :func:`render` produces (``tmx`` is written by the format registry instead).
TEXT_FORMATS = ("tsv", "json", "vecalign", "html")


def render(alignment: Alignment, fmt: str) -> str:
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise UsageError(
            f"no text rendering {fmt!r}; choose one of {', '.join(TEXT_FORMATS)}") from None
    return renderer(alignment)


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def to_tsv(alignment: Alignment) -> str:
    """``source<TAB>target<TAB>confidence<TAB>bead`` per bead, with a header line."""
    lines = ["source\ttarget\tconfidence\tbead"]
    for bead in alignment.beads:
        src, tgt = alignment.texts(bead)
        lines.append(f"{_clean(src)}\t{_clean(tgt)}\t{bead.confidence:.3f}\t{bead.vecalign()}")
    return "\n".join(lines) + "\n"


def to_vecalign(alignment: Alignment) -> str:
    """One ``[i, j]:[k]`` line per bead, 0-based sentence (line) numbers (vecalign's gold form)."""
    return "".join(f"{bead.vecalign()}\n" for bead in alignment.beads)


def _payload(alignment: Alignment) -> dict:
    beads = []
    for bead in alignment.beads:
        src, tgt = alignment.texts(bead, "\n")
        beads.append({
            "src": list(bead.src_indices), "tgt": list(bead.tgt_indices), "kind": bead.kind,
            "cost": bead.cost, "confidence": bead.confidence,
            "source": src, "target": tgt,
        })
    return {
        "src_lang": alignment.src_lang.tag,
        "tgt_lang": alignment.tgt_lang.tag,
        "signature": alignment.signature.as_dict(),
        "parameters": alignment.parameters,
        "warnings": alignment.warnings,
        "low_confidence_threshold": LOW_CONFIDENCE,
        "beads": beads,
    }


def to_json(alignment: Alignment) -> str:
    return json.dumps(_payload(alignment), ensure_ascii=False, indent=1) + "\n"


def to_html(alignment: Alignment) -> str:
    """A static review page: beads side by side, coloured by confidence, sortable, filterable.

    Everything (data, style, script) is inline; the page works from a file without a server.
    The data is JSON inside a ``<script type="application/json">`` block, so no text of the
    bitext is ever interpreted as markup.
    """
    data = json.dumps(_payload(alignment), ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    title = html.escape(f"Alignment {alignment.src_lang.tag}–{alignment.tgt_lang.tag}")
    return _PAGE.replace("@TITLE@", title).replace("@DATA@", data)


def pivot_tsv(multi: MultiAlignment) -> str:
    """One column per language (pivot first) and the unit's confidence."""
    langs = [tag.language for tag in multi.languages]
    lines = ["\t".join([*langs, "confidence"])]
    for unit in multi.units:
        cells = [_clean(multi.text(unit, lang)) for lang in langs]
        lines.append("\t".join([*cells, f"{unit.confidence:.3f}"]))
    return "\n".join(lines) + "\n"


def pivot_json(multi: MultiAlignment) -> str:
    langs = [tag.language for tag in multi.languages]
    units = [{"indices": {lang: list(unit.indices.get(lang, ())) for lang in langs},
              "text": {lang: multi.text(unit, lang, "\n") for lang in langs},
              "confidence": unit.confidence} for unit in multi.units]
    payload = {"languages": [tag.tag for tag in multi.languages],
               "signature": multi.pivot.signature.as_dict(), "units": units}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


_RENDERERS = {"tsv": to_tsv, "json": to_json, "vecalign": to_vecalign, "html": to_html}

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd;
         padding: .6em 1em; display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
header h1 { font-size: 1.1em; margin: 0; }
#summary { color: #555; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .4em .6em; vertical-align: top;
         text-align: left; white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #f0f0f0; position: sticky; top: 3em; }
col.n { width: 4em; } col.c { width: 6em; } col.k { width: 4em; }
tr.high td.conf { background: #d9f2d9; }
tr.mid td.conf { background: #fff2c2; }
tr.low td.conf { background: #f8caca; }
tr.low { background: #fff5f5; }
td.idx { color: #888; font-size: .85em; }
.warn { color: #8a4b00; margin: .5em 1em; }
button, input { font: inherit; }
</style>
</head>
<body>
<header>
  <h1>@TITLE@</h1>
  <button id="sort" type="button" aria-pressed="false">Lowest confidence first</button>
  <label>Filter <input id="filter" type="search" placeholder="text in either side"></label>
  <label><input id="lowonly" type="checkbox"> only low confidence</label>
  <span id="summary"></span>
</header>
<div id="warnings"></div>
<table>
  <colgroup><col class="n"><col><col><col class="c"><col class="k"></colgroup>
  <thead><tr><th>#</th><th id="src-head">source</th><th id="tgt-head">target</th>
  <th>confidence</th><th>bead</th></tr></thead>
  <tbody id="beads"></tbody>
</table>
<script type="application/json" id="alignment-data">@DATA@</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("alignment-data").textContent);
const low = data.low_confidence_threshold;
const body = document.getElementById("beads");
document.getElementById("src-head").textContent = "source (" + data.src_lang + ")";
document.getElementById("tgt-head").textContent = "target (" + data.tgt_lang + ")";
for (const w of data.warnings) {
  const p = document.createElement("p"); p.className = "warn"; p.textContent = "⚠ " + w;
  document.getElementById("warnings").appendChild(p);
}
const rows = data.beads.map((bead, k) => {
  const tr = document.createElement("tr");
  tr.className = bead.confidence < low ? "low" : bead.confidence < 0.8 ? "mid" : "high";
  tr.dataset.order = k;
  tr.dataset.confidence = bead.confidence;
  const cells = [String(k + 1), bead.source, bead.target, bead.confidence.toFixed(2), bead.kind];
  cells.forEach((text, c) => {
    const td = document.createElement("td");
    td.textContent = text;
    td.className = ["idx", "src", "tgt", "conf", "kind"][c];
    if (c === 1 || c === 2) td.lang = c === 1 ? data.src_lang : data.tgt_lang;
    if (c === 0) td.title = "source " + JSON.stringify(bead.src)
                            + " target " + JSON.stringify(bead.tgt);
    tr.appendChild(td);
  });
  tr.dataset.text = (bead.source + "\\n" + bead.target).toLowerCase();
  return tr;
});
let sorted = false;
function draw() {
  const needle = document.getElementById("filter").value.trim().toLowerCase();
  const lowOnly = document.getElementById("lowonly").checked;
  const order = rows.slice();
  if (sorted) order.sort((a, b) => a.dataset.confidence - b.dataset.confidence
                                   || a.dataset.order - b.dataset.order);
  let shown = 0;
  body.replaceChildren();
  for (const tr of order) {
    const keep = (!needle || tr.dataset.text.includes(needle))
                 && (!lowOnly || tr.classList.contains("low"));
    if (keep) { body.appendChild(tr); shown += 1; }
  }
  const lows = rows.filter(r => r.classList.contains("low")).length;
  document.getElementById("summary").textContent =
    shown + " of " + rows.length + " beads shown, " + lows + " below " + low;
}
document.getElementById("sort").addEventListener("click", (e) => {
  sorted = !sorted;
  e.currentTarget.setAttribute("aria-pressed", String(sorted));
  e.currentTarget.textContent = sorted ? "Document order" : "Lowest confidence first";
  draw();
});
document.getElementById("filter").addEventListener("input", draw);
document.getElementById("lowonly").addEventListener("change", draw);
draw();
document.body.dataset.ready = "1";
</script>
</body>
</html>
"""
