"""Translation checks: a :class:`Check` base, one registry, findings and reports, and the runner.

``check_paths(paths, glossary, src_lang=…, tgt_lang=…)`` reads files and checks them;
``check_store(store, termbase)`` checks a store in memory. Both return a :class:`Report` of
:class:`Finding` objects. Project configuration (:mod:`ahenk.check.config`), baselines
(:mod:`ahenk.check.baseline`), inline suppression (:mod:`ahenk.check.suppress`) and
``changed_since`` (:mod:`ahenk.check.changed`) narrow what a report shows. The built-in
checks live in :mod:`ahenk.check.checks`, one module per family; ``ahenk checks list`` and
docs/checks.md are generated from the registry.
"""

from ahenk.check.base import Check, CheckContext, Pair, Scope
from ahenk.check.baseline import Baseline, load_baseline, write_baseline
from ahenk.check.config import Config, discover, load_config
from ahenk.check.finding import JSON_FIELDS, JSON_VERSION, Finding, Report, Side
from ahenk.check.registry import all_checks, get, ids, register, selected
from ahenk.check.runner import check_paths, check_store, check_stores
from ahenk.check.signature import Signature, signature

__all__ = [
    "JSON_FIELDS",
    "JSON_VERSION",
    "Baseline",
    "Check",
    "CheckContext",
    "Config",
    "Finding",
    "Pair",
    "Report",
    "Scope",
    "Side",
    "Signature",
    "check_paths",
    "discover",
    "load_baseline",
    "load_config",
    "write_baseline",
    "check_store",
    "check_stores",
    "all_checks",
    "get",
    "ids",
    "register",
    "selected",
    "signature",
]
