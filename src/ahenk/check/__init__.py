"""Translation checks: a :class:`Check` base, one registry, findings and reports, and the runner.

``check_paths(paths, glossary, src_lang=…, tgt_lang=…)`` reads files and checks them;
``check_store(store, termbase)`` checks a store in memory. Both return a :class:`Report` of
:class:`Finding` objects. The built-in checks live in :mod:`ahenk.check.checks`, one module per
family; ``ahenk checks list`` and docs/checks.md are generated from the registry.
"""

from ahenk.check.base import Check, CheckContext, Pair, Scope
from ahenk.check.finding import JSON_FIELDS, JSON_VERSION, Finding, Report, Side
from ahenk.check.registry import all_checks, get, ids, register, selected
from ahenk.check.runner import check_paths, check_store, check_stores
from ahenk.check.signature import Signature, signature

__all__ = [
    "JSON_FIELDS",
    "JSON_VERSION",
    "Check",
    "CheckContext",
    "Finding",
    "Pair",
    "Report",
    "Scope",
    "Side",
    "Signature",
    "check_paths",
    "check_store",
    "check_stores",
    "all_checks",
    "get",
    "ids",
    "register",
    "selected",
    "signature",
]
