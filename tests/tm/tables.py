"""Read the translator-editable tables under tests/tm/data/ (tab-separated, # comments)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def rows(name: str, columns: int) -> list[tuple[str, ...]]:
    out = []
    for number, line in enumerate((DATA / name).read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns:
            raise ValueError(f"{name}:{number}: {len(fields)} fields, not {columns}")
        out.append(fields)
    return out
