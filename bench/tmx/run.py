"""TMX benchmark (issue 5): ahenk's streaming reader and writer against bare lxml.

    .venv/bin/python bench/tmx/run.py                      # 100k units (about a minute)
    .venv/bin/python bench/tmx/run.py --full               # 100k and 1M units
    .venv/bin/python bench/tmx/run.py --units 20000 --src /tmp/old/src   # another ahenk

Data (:func:`units`, seeded): en→az/ru units as a CAT tool exports them: ``tuid``,
creation/change dates and ids, a usage count on some, one or two ``prop`` s, a ``note`` on one
in ten, an ``az`` and (four in five) a ``ru`` variant, some with a ``creationdate``; one
segment in five carries inline codes (a ``bpt``/``ept`` pair round a word, or a ``ph``).
Segments come from a pool of 20,000 generated sentence triples (so building the stream costs
little next to writing it); ids and dates differ in every unit.

Rows, each measured in a subprocess of its own (wall time, CPU time = user + system of that
process for the timed part, peak RSS = ``ru_maxrss`` of the whole process, imports included):

* ``stream``: only building the units fed to both writers, for scale.
* ``write lxml``: the writing baseline. Each unit becomes a ``tu`` built with
  ``etree.Element``/``SubElement`` (attributes, props, notes, ``tuv`` s, ``seg`` text with the
  inline codes as flat child elements) and is written with ``xmlfile.write``, indented like
  ahenk's output. No checks, no profiles, no atomic replace.
* ``write ahenk``: :func:`ahenk.formats.tmx.write_units` of the same stream. Its output is the
  file all readers then read.
* ``read lxml``: the reading baseline. ``iterparse`` reporting only ``tu`` end events (the
  same hardened parser options as ahenk); per ``tu`` its ``tuid``, and per child ``tuv`` its
  ``xml:lang`` and the text of its ``seg`` (``"".join(seg.itertext())`` when the seg has
  inline children); then the ``tu`` is cleared and dropped from ``body``. Other attributes,
  props and notes are not read: about the least any TMX reader must do.
* ``read ahenk``: iterating :func:`ahenk.formats.tmx.iter_units` (complete ``Unit`` s:
  segments, spans, language tags, props, notes, attributes, locations), touching every text.
* ``read translate-toolkit``: ``translate.storage.tmx.tmxfile`` on the file, then every
  unit's source and target. It builds the whole tree, so it is run at the smallest size only
  (and with a time cap).

units/s and the ratio are per CPU second (wall time follows the machine's other load): ratio =
CPU seconds per unit / the baseline's; for the writers both CPU times are taken net of the
``stream`` row (building the units they are fed), so the ratio compares writing only.
Targets (issue 5): read ahenk within 2× of read lxml, write ahenk within 2× of write lxml, and
peak RSS of both under 100 MB at every size. The script exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEED = 5
POOL = 20_000
TARGET_RATIO = 2.0
TARGET_PEAK_MB = 100.0
TT_TIMEOUT = 900  # seconds of wall time for translate-toolkit at the smallest size

_ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
           "st", "tr", "pr"]
_VOWELS = {"en": ["a", "e", "i", "o", "u", "ea", "ou"],
           "az": ["a", "ə", "ı", "i", "o", "ö", "u", "ü", "e"]}
_RU_ONSETS = ["б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ш", "щ"]
_RU_VOWELS = ["а", "е", "и", "о", "у", "ы", "я", "ю"]
_PEOPLE = ["leyla", "rashad", "anna.k", "tural", "mt-engine"]
_PROJECTS = ["ombudsman-2023", "ombudsman-2024", "un-upr", "oecd-review", "eu-twinning"]
_DOMAINS = ["law", "human-rights", "finance", "health"]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- data --------------------------------------------------------------------------------------


def _vocabulary(rng: random.Random, onsets: list[str], vowels: list[str], n: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < n:
        word = "".join(rng.choice(onsets) + rng.choice(vowels)
                       for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        words.setdefault(word)
    return list(words)


def _pool(seed: int) -> list[tuple]:
    """Sentence triples (en, az, ru) with their inline spans, built once."""
    from ahenk.model import LanguageTag, Segment, Span, SpanKind

    rng = random.Random(seed)
    vocab = {
        "en": _vocabulary(rng, _ONSETS, _VOWELS["en"], 5000),
        "az": _vocabulary(rng, _ONSETS, _VOWELS["az"], 5000),
        "ru": _vocabulary(rng, _RU_ONSETS, _RU_VOWELS, 5000),
    }
    tags = {lang: LanguageTag.parse(lang) for lang in ("en", "az", "ru")}
    pool = []
    for _ in range(POOL):
        ids = [rng.randrange(5000) for _ in range(rng.randint(5, 24))]
        if rng.random() < 0.3:
            ids.insert(rng.randrange(len(ids)), -rng.randint(2, 2030))  # a number
        markup = rng.random()
        segments = []
        for lang in ("en", "az", "ru"):
            words = [str(-i) if i < 0 else vocab[lang][i] for i in ids]
            if lang != "en":
                words.reverse()
            text = " ".join(words)
            text = text[0].upper() + text[1:] + "."
            spans: tuple = ()
            if markup < 0.12:  # a bold word: <bpt i="1" x="1">&lt;b></bpt>word<ept i="1">…
                start = len(words[0]) + 1
                end = start + len(words[1])
                spans = (Span(SpanKind.BEGIN, start, start, "<b>", (("i", "1"), ("x", "1"))),
                         Span(SpanKind.END, end, end, "</b>", (("i", "1"),)))
            elif markup < 0.2:  # a placeholder before the full stop
                at = len(text) - 1
                spans = (Span(SpanKind.PLACEHOLDER, at, at, "{1}",
                              (("x", "2"), ("type", "x-var"))),)
            segments.append(Segment(text, tags[lang], spans))
        pool.append(tuple(segments))
    return pool


def units(count: int, seed: int = SEED):
    """The benchmark's units, streamed (a unit is built when asked for)."""
    from ahenk.model import LanguageTag, Note, Segment, Unit

    pool = _pool(seed)
    rng = random.Random(seed + 1)
    en = LanguageTag.parse("en")
    for i in range(count):
        source, az, ru = pool[i % POOL]
        day = i % 28 + 1
        month = i // 28 % 12 + 1
        who = _PEOPLE[i % len(_PEOPLE)]
        attrs = {"creationdate": f"2023{month:02d}{day:02d}T1{i % 10}2{i % 6}00Z",
                 "creationid": who}
        roll = rng.random()
        if roll < 0.6:
            attrs["changedate"] = f"2024{month:02d}{day:02d}T0{i % 10}1{i % 6}30Z"
            attrs["changeid"] = _PEOPLE[(i + 1) % len(_PEOPLE)]
        if roll < 0.3:
            attrs["usagecount"] = str(i % 17)
        props = [("x-project", _PROJECTS[i % len(_PROJECTS)])]
        if roll > 0.5:
            props.append(("x-domain", _DOMAINS[i % len(_DOMAINS)]))
        notes = [Note(f"checked against the {month:02d} glossary", lang=en)] if roll > 0.9 else []
        targets = [az if roll < 0.7 else Segment(az.text, az.lang, az.spans,
                                                 attrs={"creationdate": attrs["creationdate"]})]
        if roll < 0.8:
            targets.append(ru)
        yield Unit(source, targets, id=f"tu-{i:07d}", attrs=attrs, props=props, notes=notes)


def header():
    from ahenk.model import Header, LanguageTag

    return Header(source_lang=LanguageTag.parse("en"), attrs={"o-tmf": "bench-generator"})


# -- workers (each runs in a subprocess of its own) -------------------------------------------

XML = "{http://www.w3.org/XML/1998/namespace}"


def work_stream(count: int, _path: str) -> int:
    n = 0
    for _unit in units(count):
        n += 1
    return n


def work_write_ahenk(count: int, path: str) -> int:
    from ahenk.formats.tmx import write_units

    return write_units(units(count), path, header())


def work_write_lxml(count: int, path: str) -> int:
    from lxml import etree

    element, sub = etree.Element, etree.SubElement

    def seg_element(parent, segment):
        seg = sub(parent, "seg")
        text = segment.text
        if not segment.spans:
            seg.text = text
            return
        cursor, last = 0, None
        for span in segment.spans:
            piece = text[cursor:span.start]
            if last is None:
                seg.text = piece
            else:
                last.tail = piece
            last = sub(seg, span.kind.value, dict(span.attrs))
            last.text = span.code
            cursor = span.end
        last.tail = text[cursor:]

    def indent(node, inner, closing):
        node.text = inner
        for child in node:
            child.tail = inner
        node[-1].tail = closing

    n = 0
    with open(path, "wb") as handle, etree.xmlfile(handle, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            head = element("header", creationtool="lxml", creationtoolversion="1",
                           segtype="sentence", adminlang="en", srclang="en",
                           datatype="plaintext")
            head.set("o-tmf", "bench")
            xf.write("\n  ", head, "\n  ")
            with xf.element("body"):
                for unit in units(count):
                    tu = element("tu", unit.attrs)
                    tu.set("tuid", unit.id)
                    for note in unit.notes:
                        sub(tu, "note").text = note.text
                    for kind, value in unit.props:
                        sub(tu, "prop", type=kind).text = value
                    for segment in (unit.source, *unit.targets):
                        tuv = sub(tu, "tuv", segment.attrs)
                        tuv.set(XML + "lang", segment.lang.written())
                        seg_element(tuv, segment)
                        indent(tuv, "\n        ", "\n      ")
                    indent(tu, "\n      ", "\n    ")
                    xf.write("\n    ", tu)
                    n += 1
                xf.write("\n  ")
            xf.write("\n")
    return n


def work_read_lxml(_count: int, path: str) -> int:
    from lxml import etree

    lang = XML + "lang"
    n = 0
    for _event, tu in etree.iterparse(path, events=("end",), tag="tu", resolve_entities=False,
                                      no_network=True, load_dtd=False, huge_tree=False,
                                      remove_comments=True, remove_pis=True):
        tuid = tu.get("tuid")
        texts = []
        for tuv in tu:
            if tuv.tag != "tuv":
                continue
            code = tuv.get(lang)
            for seg in tuv:
                if seg.tag == "seg":
                    texts.append((code, "".join(seg.itertext()) if len(seg) else seg.text))
        if tuid and texts:
            n += 1
        tu.clear(keep_tail=False)
        while tu.getprevious() is not None:
            del tu.getparent()[0]
    return n


def work_read_ahenk(_count: int, path: str) -> int:
    from ahenk.formats.tmx import iter_units

    n = 0
    for unit in iter_units(path):
        length = len(unit.source.text)
        for target in unit.targets:
            length += len(target.text)
        if length:
            n += 1
    return n


def work_read_tt(_count: int, path: str) -> int:
    from translate.storage.tmx import tmxfile

    with open(path, "rb") as handle:
        store = tmxfile(handle)
    n = 0
    for unit in store.units:
        if unit.source is not None and unit.target is not None:
            n += 1
    return n


WORKERS = {
    "stream": work_stream,
    "write lxml": work_write_lxml,
    "write ahenk": work_write_ahenk,
    "read lxml": work_read_lxml,
    "read ahenk": work_read_ahenk,
    "read translate-toolkit": work_read_tt,
}
BASELINE = {"write ahenk": "write lxml", "read ahenk": "read lxml",
            "read translate-toolkit": "read lxml"}


def child(name: str, count: int, path: str) -> None:
    start_mb = _peak_mb()
    wall, cpu = time.perf_counter(), _cpu()
    done = WORKERS[name](count, path)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    print(json.dumps({"units": done, "wall": wall, "cpu": cpu, "peak_mb": _peak_mb(),
                      "start_mb": start_mb}))


# -- driver ------------------------------------------------------------------------------------


def measure(name: str, count: int, path: Path, src: Path, timeout: float | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), str(ROOT)]))
    command = [sys.executable, __file__, "--child", name, "--units", str(count),
               "--path", str(path), "--src", str(src)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"skipped": f"over the {timeout:.0f} s cap"}
    if done.returncode != 0:
        return {"skipped": f"failed: {done.stderr.strip().splitlines()[-1:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_size(count: int, folder: Path, src: Path, tt_skip: str | None) -> dict[str, dict]:
    data = folder / f"bench-{count}.tmx"
    scratch = folder / f"lxml-{count}.tmx"
    rows: dict[str, dict] = {}
    for name in ("stream", "write lxml", "write ahenk", "read lxml", "read ahenk",
                 "read translate-toolkit"):
        if name == "read translate-toolkit" and tt_skip:
            rows[name] = {"skipped": tt_skip}
            continue
        target = scratch if name == "write lxml" else data
        timeout = TT_TIMEOUT if name == "read translate-toolkit" else None
        rows[name] = measure(name, count, target, src, timeout)
        if name == "write lxml":
            scratch.unlink(missing_ok=True)
        if name == "write ahenk" and data.exists():
            rows[name]["file_mb"] = data.stat().st_size / 1e6
    data.unlink(missing_ok=True)
    return rows


def report(count: int, rows: dict[str, dict]) -> list[str]:
    size = rows.get("write ahenk", {}).get("file_mb")
    print(f"\n{count:,} units" + (f" ({size:,.0f} MB of TMX)" if size else ""))
    print(f"  {'':24}{'units/s cpu':>12}{'units/s wall':>13}{'cpu s':>8}{'wall s':>8}"
          f"{'ratio cpu':>10}{'(wall)':>8}{'peak MB':>9}")
    missed = []
    for name, row in rows.items():
        if "skipped" in row:
            print(f"  {name:24}skipped: {row['skipped']}")
            continue
        units_done = row["units"]
        line = (f"  {name:24}{units_done / max(row['cpu'], 1e-9):>12,.0f}"
                f"{units_done / max(row['wall'], 1e-9):>13,.0f}{row['cpu']:>8.1f}"
                f"{row['wall']:>8.1f}")
        base = rows.get(BASELINE.get(name, ""), {})
        ratio = None
        if "cpu" in base:
            # writers: net of building the stream both consume (the "stream" row)
            less = rows.get("stream", {}) if name.startswith("write") else {}
            cpu, wall = less.get("cpu", 0.0), less.get("wall", 0.0)
            ratio = (row["cpu"] - cpu) / max(base["cpu"] - cpu, 1e-9)
            line += f"{ratio:>9.2f}×{(row['wall'] - wall) / max(base['wall'] - wall, 1e-9):>7.2f}×"
        else:
            line += f"{'':18}"
        line += f"{row['peak_mb']:>9.0f}"
        print(line)
        if units_done != count:
            missed.append(f"{name} at {count:,}: {units_done:,} units, not {count:,}")
        if name in ("read ahenk", "write ahenk"):
            if ratio is not None and ratio > TARGET_RATIO:
                missed.append(f"{name} at {count:,}: {ratio:.2f}× the baseline's CPU time "
                              f"(target ≤ {TARGET_RATIO:g}×)")
            if row["peak_mb"] >= TARGET_PEAK_MB:
                missed.append(f"{name} at {count:,}: peak {row['peak_mb']:.0f} MB "
                              f"(target < {TARGET_PEAK_MB:g} MB)")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="also 1,000,000 units")
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the ahenk sources to measure (default: this checkout's)")
    parser.add_argument("--no-tt", action="store_true", help="skip translate-toolkit")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.units, args.path)
        return 0
    sizes = [args.units] + ([1_000_000] if args.full and args.units != 1_000_000 else [])
    missed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ahenk-bench-tmx-") as folder:
        for i, count in enumerate(sizes):
            tt_skip = ("--no-tt" if args.no_tt else "it builds the whole tree (761 MB at 100k "
                       "units), so it runs at the smallest size only" if i else None)
            rows = run_size(count, Path(folder), args.src.resolve(), tt_skip)
            missed += report(count, rows)
    print()
    if missed:
        print("targets missed:\n  " + "\n  ".join(missed))
        return 1
    print(f"targets met: read and write within {TARGET_RATIO:g}× of bare lxml (CPU time), "
          f"peak under {TARGET_PEAK_MB:g} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
