"""Baselines: the findings a project has accepted, so CI reports only new ones.

``--write-baseline FILE`` records the findings of a run; ``--baseline FILE`` drops findings that
are in it and counts them. A finding is recognised by a fingerprint that does not depend on
line numbers, messages or severities, so moving entries, editing other ones, rewording a
message or re-grading a check keeps it matched:

    sha256(check id · file · unit key · found or term · side · sha256(normalised source ·
    normalised target))

``file`` is relative to the baseline file's folder (so the baseline works from any current
directory); the unit key is left out when it is only a position (a TSV row or a text line
number, all digits), which the source text already stands for; normalised text is NFC with
runs of white space made one space. The same fingerprint twice is counted, so a baseline with
one accepted occurrence still reports a second.

The file is JSON, versioned, sorted (a reviewable diff), written atomically::

    {"version": 1, "tool": "ahenk",
     "findings": [{"fingerprint": "…", "check": "…", "file": "…", "unit": "…", "found": "…",
                   "count": 1}, …]}
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ahenk.check.finding import Finding
from ahenk.errors import FormatError
from ahenk.io import read_text, write_text

#: Version of the baseline file format.
BASELINE_VERSION = 1


def normalise(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def relative_file(file: str | None, root: Path) -> str:
    """*file* relative to *root*, with forward slashes (as given when that is impossible)."""
    if not file:
        return ""
    try:
        return Path(os.path.relpath(Path(file).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive
        return PurePosixPath(Path(file).as_posix()).as_posix()


def fingerprint(finding: Finding, root: Path) -> str:
    """The baseline fingerprint of *finding*, with its file relative to *root*."""
    unit = finding.unit or ""
    if unit.isdigit():
        unit = ""
    text = hashlib.sha256("\x1f".join([normalise(finding.source), normalise(finding.target)])
                          .encode("utf-8")).hexdigest()
    key = "\x1e".join([finding.check_id, relative_file(finding.file, root), unit,
                       finding.found or finding.term or "", finding.side.value, text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass
class Baseline:
    """Accepted findings by fingerprint (with how many times each occurs)."""

    root: Path
    counts: Counter[str] = field(default_factory=Counter)
    entries: dict[str, dict[str, object]] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: Iterable[Finding], path: str | os.PathLike[str]) -> Baseline:
        baseline = cls(Path(path).resolve().parent)
        for finding in findings:
            fp = fingerprint(finding, baseline.root)
            baseline.counts[fp] += 1
            baseline.entries.setdefault(fp, {
                "fingerprint": fp, "check": finding.check_id,
                "file": relative_file(finding.file, baseline.root),
                "unit": finding.unit, "found": finding.found or finding.term})
        return baseline

    def as_dict(self) -> dict[str, object]:
        rows = [{**self.entries.get(fp, {"fingerprint": fp}), "count": n}
                for fp, n in self.counts.items()]
        rows.sort(key=lambda r: (str(r.get("file") or ""), str(r.get("check") or ""),
                                 str(r.get("unit") or ""), str(r["fingerprint"])))
        return {"version": BASELINE_VERSION, "tool": "ahenk", "findings": rows}

    def match(self, findings: Iterable[Finding]) -> Iterator[tuple[Finding, bool]]:
        """Each of *findings* as it comes, with whether the baseline accepts it: as many of
        one fingerprint as the baseline counts, the first ones met."""
        left = Counter(self.counts)
        for finding in findings:
            fp = fingerprint(finding, self.root)
            if left[fp] > 0:
                left[fp] -= 1
                yield finding, True
            else:
                yield finding, False

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """*findings* not in the baseline, and how many were dropped."""
        kept: list[Finding] = []
        dropped = 0
        for finding, accepted in self.match(findings):
            if accepted:
                dropped += 1
            else:
                kept.append(finding)
        return kept, dropped


def write_baseline(findings: Iterable[Finding], path: str | os.PathLike[str]) -> Baseline:
    """Write *findings* as a baseline to *path* (atomically); returns it."""
    baseline = Baseline.of(findings, path)
    write_text(path, json.dumps(baseline.as_dict(), ensure_ascii=False, indent=2,
                                sort_keys=False) + "\n")
    return baseline


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a missing or malformed one is a :class:`FormatError`."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not a baseline: invalid JSON ({exc.msg})", path, exc.lineno,
                          exc.colno) from None
    if not isinstance(data, dict) or data.get("tool") != "ahenk" or "version" not in data:
        raise FormatError("not an ahenk baseline (no \"tool\": \"ahenk\" and \"version\")", path)
    if data["version"] != BASELINE_VERSION:
        raise FormatError(f"baseline version {data['version']!r} is not supported (this ahenk "
                          f"reads version {BASELINE_VERSION}); write it again with "
                          "--write-baseline", path)
    baseline = Baseline(Path(path).resolve().parent)
    rows = data.get("findings")
    if not isinstance(rows, list):
        raise FormatError("baseline: \"findings\" must be a list", path)
    for i, row in enumerate(rows):
        fp = row.get("fingerprint") if isinstance(row, dict) else None
        count = row.get("count", 1) if isinstance(row, dict) else None
        if not isinstance(fp, str) or not isinstance(count, int) or count < 1:
            raise FormatError(f"baseline: finding {i + 1} needs a \"fingerprint\" string and a "
                              "positive \"count\"", path)
        baseline.counts[fp] += count
        baseline.entries.setdefault(fp, dict(row))
    return baseline
