"""Helpers shared by the hardening tests: read any file with a named reader, list what it holds."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from ahenk.formats import registry
from ahenk.segment.srx import SrxDocument, load_srx


def read_with(reader: str, path: Path, **options: Any) -> Any:
    """Read *path* with the reader named *reader* (a registry handler, or ``srx``)."""
    if reader == "srx":
        return load_srx(path)
    return registry.get(reader).read(path, **options)


def texts(result: Any) -> list[str]:
    """Every piece of text a read produced (segments, terms, notes, rule regexes, ids)."""
    out: list[str] = []
    if isinstance(result, SrxDocument):
        for rule_set in result.language_rules.values():
            out.append(rule_set.name)
            out.extend(t for rule in rule_set.rules for t in (rule.before, rule.after))
        return out
    for item in getattr(result, "units", None) or getattr(result, "concepts", None) or ():
        out.append(str(getattr(item, "id", "") or ""))
        if hasattr(item, "source"):
            out.extend(s.text for s in (item.source, *item.targets))
        else:
            out.extend(t.text for t in item.terms)
        out.extend(n.text for n in getattr(item, "notes", ()) or ())
    return out


def quiet_read(reader: str, path: Path, **options: Any) -> tuple[Any, list[str]]:
    """Read, collecting warnings instead of printing them; returns (result, messages)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read_with(reader, path, **options)
    return result, [str(w.message) for w in caught]
