"""Read the data-driven tables under tests/*/data: tab-separated, '#' comments, a header row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def unescape(text: str) -> str:
    r"""Invisible characters are written as \uXXXX in the tables."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def read_table(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{path.name}:{number}: {len(cells)} columns, expected {len(header)}")
        rows.append({"line": f"{path.name}:{number}", **dict(zip(header, cells, strict=True))})
    return rows


def params(path: Path) -> list:
    """Each row as a pytest param whose id is ``file:line``."""
    return [pytest.param(row, id=row["line"]) for row in read_table(path)]


def expected(value: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"match must be yes or no, not {value!r}")
    return value == "yes"
