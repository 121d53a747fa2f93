"""Segmentation case tables: translator-readable ``.tsv`` files saying how text must be split.

A table holds one case per line: the expected segments separated by `` ‖ ``, paragraphs separated
by ``¶``. The input text is the line with every `` ‖ `` replaced by one space and every ``¶`` by
a line break (a paragraph break). After a tab, an optional note. Blank lines and lines starting
with ``#`` are skipped.

ahenk's own tables are ``tests/segment/cases_<lang>.tsv``; the test suite and the benchmark
(``bench/segment/run.py``) both read them with :func:`read_case_tables`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ahenk.io import read_text

SEGMENT_MARK = " ‖ "
PARAGRAPH_MARK = "¶"
TABLE_GLOB = "cases_*.tsv"


@dataclass(frozen=True)
class Case:
    """One table line: *text* to segment and, per paragraph, the segments it must give."""

    lang: str
    line: int
    text: str
    paragraphs: tuple[tuple[str, tuple[str, ...]], ...]
    note: str

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.line}"

    @property
    def expected(self) -> tuple[str, ...]:
        """The expected segments of the whole text, in order."""
        return tuple(piece for _, pieces in self.paragraphs for piece in pieces)


def read_cases(path: str | os.PathLike[str], lang: str) -> list[Case]:
    """The cases of the table at *path*, whose text is in language *lang*."""
    cases = []
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        body, _, note = raw.partition("\t")
        paragraphs = tuple(
            (
                paragraph.replace(SEGMENT_MARK, " "),
                tuple(piece for piece in paragraph.split(SEGMENT_MARK) if piece.strip()),
            )
            for paragraph in body.split(PARAGRAPH_MARK)
        )
        text = "\n".join(paragraph for paragraph, _ in paragraphs)
        cases.append(Case(lang, number, text, paragraphs, note))
    return cases


def read_case_tables(directory: str | os.PathLike[str]) -> dict[str, list[Case]]:
    """Every ``cases_<lang>.tsv`` table in *directory*, by language."""
    tables = {}
    for path in sorted(Path(directory).glob(TABLE_GLOB)):
        lang = path.stem.removeprefix("cases_")
        tables[lang] = read_cases(path, lang)
    return tables
