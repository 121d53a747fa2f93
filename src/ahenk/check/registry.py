"""The one check registry: each check class registers itself with :func:`register`, once.

Nothing is discovered by introspection: a check exists because its module decorates it and
:mod:`ahenk.check.checks` imports that module. ``ahenk checks list``, ``--select/--ignore``,
SARIF rules and docs/checks.md are all generated from :func:`checks`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahenk.check.base import ID_PATTERN, Check, Scope
from ahenk.diagnostics import Severity
from ahenk.errors import UsageError

_REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: validate a check's metadata and register it under its id."""
    cid = getattr(cls, "id", None)
    if not isinstance(cid, str) or not ID_PATTERN.match(cid):
        raise RuntimeError(f"{cls.__name__}: check id {cid!r} is not kebab-case")
    if cid in _REGISTRY:
        raise RuntimeError(f"check {cid!r} registered twice")
    for attr in ("name", "description"):
        if not str(getattr(cls, attr, "") or "").strip():
            raise RuntimeError(f"check {cid!r} has no {attr}")
    if not isinstance(cls.severity, Severity) or not isinstance(cls.scope, Scope):
        raise RuntimeError(f"check {cid!r}: severity and scope must be enum members")
    hook = "_check" if cls.scope is Scope.UNIT else "_check_group"
    if getattr(cls, hook) is getattr(Check, hook):
        raise RuntimeError(f"check {cid!r} ({cls.scope.value} scope) does not implement {hook}")
    _REGISTRY[cid] = cls
    return cls


def _load_builtin() -> None:
    import ahenk.check.checks  # noqa: F401  (importing the package registers the built-ins)


def all_checks() -> list[type[Check]]:
    """Every registered check class, by id."""
    _load_builtin()
    return [_REGISTRY[cid] for cid in sorted(_REGISTRY)]


def ids() -> list[str]:
    return [cls.id for cls in all_checks()]


def get(check_id: str) -> type[Check]:
    _load_builtin()
    try:
        return _REGISTRY[check_id]
    except KeyError:
        raise UsageError(f"unknown check {check_id!r} (see `ahenk checks list`)") from None


def _split(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def selected(select: Iterable[str] | str | None = None,
             ignore: Iterable[str] | str | None = None) -> list[Check]:
    """Instances of the checks to run: *select* (default every check) minus *ignore*.

    Both take ids, as a list or comma-separated; an unknown id is a :class:`UsageError`.
    """
    chosen = _split(select)
    dropped = set(_split(ignore))
    for cid in [*chosen, *dropped]:
        get(cid)
    wanted = set(chosen) if chosen else set(ids())
    return [cls() for cls in all_checks() if cls.id in wanted and cls.id not in dropped]
