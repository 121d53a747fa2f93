"""Renderers of check reports: text, json, junit, sarif, github, html. One registry, declared once.

Each renderer module registers a function ``write(report, out)`` under its format name with
:func:`renderer`; it writes the report to the text stream *out* as it goes, so a report whose
findings are on disk (:mod:`ahenk.check.found`) is never held whole, in findings or in text.
:func:`render` gives the same text as a string. ``ahenk check --format`` offers exactly the
registered names.

A writer may read ``report.findings`` more than once (counts first, then the findings) and
take slices of it (:func:`runs` gives the bounds of each group), but never lists it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Sequence
from typing import TextIO, TypeVar

from ahenk.check.finding import Finding, Report
from ahenk.errors import UsageError

Writer = Callable[[Report, TextIO], None]
_WRITERS: dict[str, Writer] = {}
K = TypeVar("K", bound=Hashable)


def renderer(name: str) -> Callable[[Writer], Writer]:
    """Decorator: register a report writer under *name* (a ``--format`` value)."""

    def add(func: Writer) -> Writer:
        if name in _WRITERS:
            raise RuntimeError(f"report format {name!r} registered twice")
        _WRITERS[name] = func
        return func

    return add


def _load_builtin() -> None:
    from ahenk.report import github, html, json, junit, sarif, text  # noqa: F401


def names() -> list[str]:
    """Registered format names, text first (the default), then alphabetically."""
    _load_builtin()
    return sorted(_WRITERS, key=lambda n: (n != "text", n))


def writer(name: str = "text") -> Writer:
    """The writer of format *name*; an unknown name is a :class:`UsageError`."""
    _load_builtin()
    try:
        return _WRITERS[name]
    except KeyError:
        raise UsageError(f"unknown report format {name!r} (known: {', '.join(names())})") from None


def write(report: Report, out: TextIO, name: str = "text") -> None:
    """Write *report* in format *name* to *out*."""
    writer(name)(report, out)


def render(report: Report, name: str = "text") -> str:
    """*report* in format *name*, as one string."""
    out = io.StringIO()
    write(report, out, name)
    return out.getvalue()


def runs(findings: Sequence[Finding], key: Callable[[Finding], K]) -> list[tuple[K, int, int]]:
    """``(key, start, count)`` of each run of consecutive *findings* with the same *key* (a
    file, say): one pass, then ``findings[start:start + count]`` is the run."""
    out: list[tuple[K, int, int]] = []
    for n, finding in enumerate(findings):
        value = key(finding)
        if out and out[-1][0] == value:
            out[-1] = (value, out[-1][1], out[-1][2] + 1)
        else:
            out.append((value, n, 1))
    return out


__all__ = ["Writer", "names", "render", "renderer", "runs", "write", "writer"]
