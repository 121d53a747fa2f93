"""SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for code-scanning UIs.

One run; ``tool.driver.rules`` are the checks that ran, generated from the check registry (id,
name, description, default level); each finding is a result with its rule, level (info →
``note``), message, the file and line as a physical location, the unit key as a logical
location, and the finding's fields under ``properties``. ``partialFingerprints`` identify a
finding across runs by check, file, unit, side and text, not by line.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any, TextIO
from urllib.parse import quote

from ahenk import __version__
from ahenk.check import registry
from ahenk.check.finding import Finding, Report
from ahenk.errors import UsageError
from ahenk.report import renderer
from ahenk.report.json import Items, dump
from ahenk.report.text import unit_label

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for *path*: relative paths stay relative (forward slashes)."""
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    posix = pure.as_posix()
    # a name the file system gave in bytes that are not UTF-8 carries them as lone surrogates
    # (os.fsdecode): quoted back as those bytes
    if pure.is_absolute():
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix, safe="/:",
                                 errors="surrogateescape")
    # a colon stays encoded: "a:b.po" must not read as a scheme
    return quote(posix, errors="surrogateescape")


def rule(check_id: str) -> dict[str, Any]:
    try:
        cls = registry.get(check_id)
    except UsageError:
        return {"id": check_id}
    return {
        "id": cls.id,
        "name": cls.name,
        "shortDescription": {"text": cls.name},
        "fullDescription": {"text": cls.description},
        "help": {"text": cls.description},
        "defaultConfiguration": {"level": LEVELS[cls.severity.value]},
        "properties": {"scope": cls.scope.value, "languages": sorted(cls.languages),
                       "version": cls.version, "tags": ["translation", cls.scope.value]},
    }


def fingerprint(finding: Finding) -> str:
    key = "\x1f".join([finding.check_id, finding.file or "", finding.unit or "",
                       finding.side.value, finding.source, finding.target or "",
                       finding.found or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if finding.file:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.file)}}
        if finding.line:
            physical["region"] = {"startLine": finding.line}
        location["physicalLocation"] = physical
    if finding.unit:
        location["logicalLocations"] = [{"name": unit_label(finding.unit)}]
    properties = {k: v for k, v in finding.as_dict().items()
                  if k in ("lang", "side", "source", "target", "term", "expected", "found",
                           "unit") and v is not None}
    if finding.span:
        properties["span"] = list(finding.span)
    out: dict[str, Any] = {
        "ruleId": finding.check_id,
        "ruleIndex": index[finding.check_id],
        "level": LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "partialFingerprints": {"ahenkFinding/v1": fingerprint(finding)},
        "properties": properties,
    }
    if location:
        out["locations"] = [location]
    return out


def _rule_ids(report: Report) -> list[str]:
    """The checks that ran and any other a finding names: one pass over the findings."""
    return sorted({*report.summary.get("checks", {}), *(f.check_id for f in report.findings)})


def _document(report: Report, ids: list[str], results: object) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ahenk", "version": __version__,
                                "semanticVersion": __version__,
                                "rules": [rule(cid) for cid in ids]}},
            "artifacts": [{"location": {"uri": artifact_uri(f)}} for f in report.files],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"signature": report.signature, "summary": report.summary},
        }],
    }


def as_dict(report: Report) -> dict[str, Any]:
    """The whole log as one value (every result in a list)."""
    ids = _rule_ids(report)
    index = {cid: i for i, cid in enumerate(ids)}
    return _document(report, ids, [result(f, index) for f in report.findings])


@renderer("sarif")
def write(report: Report, out: TextIO) -> None:
    """The log as :func:`as_dict` gives it, written a result at a time (:func:`dump`)."""
    ids = _rule_ids(report)
    index = {cid: i for i, cid in enumerate(ids)}
    dump(_document(report, ids, Items(result(f, index) for f in report.findings)), out)
    out.write("\n")
