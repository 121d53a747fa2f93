"""The reproducibility signature of a check run: which checks, which versions, which termbase.

Two reports with the same signature were produced by the same check set on the same
terminology, so their findings can be compared. ``str(signature(...))`` reads like
``ahenk:0.1.0|checks:brackets@1,…|termbase:3f2a…|lingua:2.1.1``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata

from ahenk import __version__
from ahenk.check.base import Check
from ahenk.termbase.model import Termbase


def termbase_hash(termbase: Termbase | None) -> str:
    """A hash of the termbase's content (concepts, terms, statuses), not of its file format:
    the same terms in TBX or TSV hash alike. ``"none"`` without a termbase."""
    if termbase is None:
        return "none"
    rows = sorted(
        "\t".join([concept.id, term.lang.language, term.text, term.status.value,
                   term.pos or "", term.type or ""])
        for concept, term in termbase.terms()
    )
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()[:16]


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


@dataclass(frozen=True)
class Signature:
    ahenk: str
    checks: tuple[tuple[str, int], ...]
    termbase: str
    lingua: str

    def __str__(self) -> str:
        checks = ",".join(f"{cid}@{version}" for cid, version in self.checks)
        return f"ahenk:{self.ahenk}|checks:{checks}|termbase:{self.termbase}|lingua:{self.lingua}"


def signature(checks: Iterable[Check | type[Check]], termbase: Termbase | None = None) -> Signature:
    """The signature of running *checks* with *termbase*."""
    return Signature(
        ahenk=__version__,
        checks=tuple(sorted((c.id, c.version) for c in checks)),
        termbase=termbase_hash(termbase),
        lingua=_version("lingua-language-detector"),
    )
