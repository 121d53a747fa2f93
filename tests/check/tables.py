"""Readers of the data-driven check tables (tab-separated, ``#`` comments, a header row)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ahenk.glossary import load_termbase
from ahenk.model import LanguageTag, Location, Segment, Store, Unit

HERE = Path(__file__).resolve().parent
TERMBASE = HERE / "data" / "termbase.tsv"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def rows(name: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row of tests/check/<name>."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    header: list[str] | None = None
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        out.append((number, {k: unescape(v) for k, v in zip(header, cells, strict=True)}))
    return out


@dataclass
class Row:
    line: int
    src: str
    source: str
    tgt: str
    target: str | None
    unit_id: str = ""

    def unit(self) -> Unit:
        src, tgt = LanguageTag.parse(self.src), LanguageTag.parse(self.tgt)
        targets = [] if self.target is None else [Segment(self.target, tgt)]
        return Unit(Segment(self.source, src), targets, id=self.unit_id or f"row{self.line}",
                    location=Location("cases.tsv", self.line))


def store_of(units: list[Unit], src: str, tgt: str) -> Store:
    store = Store(units=units, origin="cases.tsv")
    store.header.source_lang = LanguageTag.parse(src)
    store.header.target_langs = [LanguageTag.parse(tgt)]
    return store


def ids(cell: str) -> set[str]:
    return {part.strip() for part in cell.split(",") if part.strip() and part.strip() != "-"}


def termbase():  # type: ignore[no-untyped-def]
    return load_termbase(TERMBASE)
