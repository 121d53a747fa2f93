"""Library functions behind ``ahenk glossary``: load, validate, convert and count termbases.

These sit above the format registry and the termbase model so the CLI stays a thin layer and
other programs get the same behaviour by calling them.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ahenk.diagnostics import Problem
from ahenk.errors import UsageError
from ahenk.formats import registry
from ahenk.formats.registry import Kind
from ahenk.termbase.model import Termbase, TermStatus
from ahenk.termbase.validate import validate_termbase

#: The project's source-of-truth termbase, relative to the repository root.
DEFAULT_TERMBASE = Path("glossaries") / "termbase.tsv"


def load_termbase(path: str | os.PathLike[str], from_format: str | None = None,
                  **options: Any) -> Termbase:
    termbase = registry.read(path, from_format, (Kind.TERMBASE,), **options)
    if termbase.origin is None:
        termbase.origin = os.fspath(path)
    return termbase


def validate_glossary(path: str | os.PathLike[str], from_format: str | None = None,
                      languages: list[str] | None = None, **options: Any) -> list[Problem]:
    return validate_termbase(load_termbase(path, from_format, **options), languages)


def convert_glossary(source: str | os.PathLike[str], output: str | os.PathLike[str],
                     from_format: str | None = None, to_format: str | None = None,
                     **options: Any) -> tuple[Termbase, str]:
    """Read *source* and write it to *output*; returns the termbase and the output format name.

    Each option goes to the handler that declares it (``src_lang``/``tgt_lang`` to a bilingual
    glossary on either side, ``layout``/``bom`` to a tabular writer); one that neither side
    takes is a :class:`~ahenk.errors.UsageError`.
    """
    if os.path.abspath(source) == os.path.abspath(output):
        raise UsageError("input and output are the same file; write to another path")
    reader = registry.detect(source, from_format, (Kind.TERMBASE,))
    writer = registry.detect(output, to_format, (Kind.TERMBASE,), for_writing=True)
    read_options, write_options = registry.split_options(reader, writer, options)
    termbase = load_termbase(source, reader.name, **read_options)
    registry.write(termbase, output, writer.name, (Kind.TERMBASE,), **write_options)
    return termbase, writer.name


@dataclass
class TermbaseStats:
    concepts: int = 0
    terms: int = 0
    by_language: dict[str, Counter] = field(default_factory=dict)  # lang -> status -> count
    subjects: Counter = field(default_factory=Counter)
    with_definition: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "concepts": self.concepts,
            "terms": self.terms,
            "languages": {lang: dict(c) for lang, c in self.by_language.items()},
            "subjects": dict(self.subjects),
            "concepts_with_definition": self.with_definition,
        }


def termbase_stats(termbase: Termbase) -> TermbaseStats:
    stats = TermbaseStats(concepts=len(termbase))
    for concept in termbase:
        stats.subjects[concept.subject or "(none)"] += 1
        if concept.definitions:
            stats.with_definition += 1
        for term in concept.terms:
            stats.terms += 1
            counter = stats.by_language.setdefault(term.lang.language, Counter())
            counter[term.status.value] += 1
    for counter in stats.by_language.values():
        for status in TermStatus:
            counter.setdefault(status.value, 0)
    return stats
