"""Renderers of check reports: text, json, junit, sarif, github, html. One registry, declared once.

Each renderer module registers a function ``render(report) -> str`` under its format name with
:func:`renderer`; ``ahenk check --format`` offers exactly the registered names.
"""

from __future__ import annotations

from collections.abc import Callable

from ahenk.check.finding import Report
from ahenk.errors import UsageError

Renderer = Callable[[Report], str]
_RENDERERS: dict[str, Renderer] = {}


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    """Decorator: register a report renderer under *name* (a ``--format`` value)."""

    def add(func: Renderer) -> Renderer:
        if name in _RENDERERS:
            raise RuntimeError(f"report format {name!r} registered twice")
        _RENDERERS[name] = func
        return func

    return add


def _load_builtin() -> None:
    from ahenk.report import github, html, json, junit, sarif, text  # noqa: F401


def names() -> list[str]:
    """Registered format names, text first (the default), then alphabetically."""
    _load_builtin()
    return sorted(_RENDERERS, key=lambda n: (n != "text", n))


def render(report: Report, name: str = "text") -> str:
    _load_builtin()
    try:
        func = _RENDERERS[name]
    except KeyError:
        raise UsageError(f"unknown report format {name!r} (known: {', '.join(names())})") from None
    return func(report)


__all__ = ["Renderer", "names", "render", "renderer"]
