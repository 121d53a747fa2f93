"""Reader for the translator-readable case tables ``cases_<lang>.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
SEGMENT_MARK = " ‖ "
PARAGRAPH_MARK = "¶"


@dataclass(frozen=True)
class Case:
    lang: str
    line: int
    text: str
    expected: tuple[str, ...]
    note: str

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.line}"


def load_cases(lang: str) -> list[Case]:
    path = HERE / f"cases_{lang}.tsv"
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        body, _, note = raw.partition("\t")
        text = body.replace(SEGMENT_MARK, " ").replace(PARAGRAPH_MARK, "\n")
        expected = tuple(
            piece
            for paragraph in body.split(PARAGRAPH_MARK)
            for piece in paragraph.split(SEGMENT_MARK)
            if piece.strip()
        )
        cases.append(Case(lang, number, text, expected, note))
    return cases
