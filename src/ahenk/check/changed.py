"""``--changed-since REV``: which units of a file were added or changed since a git revision.

The file as it was at *REV* comes from ``git show REV:path`` (git on the PATH, no library) and is
read by the same format handler as the file on disk, so the two versions are compared as units,
not as lines: reflowed PO lines, re-indented XML or moved entries are no change. A unit is
matched by its key (PO ``msgctxt``+``msgid``, XLIFF unit id, TMX ``tuid``, a TSV ``id`` cell;
none, or a positional id such as a TSV row or a text line number: the source text) together
with its source text, and it is unchanged when the old file has a unit with that key whose
target texts are the same. A file that did not exist at *REV* (or is untracked) is all new.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ahenk.errors import AhenkError, UsageError
from ahenk.model.unit import Store, Unit


def unit_key(unit: Unit, position: int) -> tuple[str | None, str]:
    """What identifies *unit* across versions of its file: its own id (unless the id is just
    its 1-based *position*, as the TSV and text readers number units) and its source text."""
    declared = unit.id or unit.attrs.get("tuid")
    if declared == str(position):
        declared = None
    return declared, unit.source.text


def unit_content(unit: Unit) -> tuple[tuple[str, str], ...]:
    """The unit's target texts by language: what a translator changes."""
    return tuple(sorted((seg.lang.tag if seg.lang else "", seg.text) for seg in unit.targets))


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, and git is not on the PATH") from None


def _toplevel(folder: Path) -> Path:
    done = _git(["rev-parse", "--show-toplevel"], folder)
    if done.returncode != 0:
        raise UsageError(f"--changed-since: {folder} is not inside a git repository")
    return Path(os.fsdecode(done.stdout.strip())).resolve()


def _commit(top: Path, rev: str) -> str:
    if rev.startswith("-"):
        raise UsageError(f"--changed-since: {rev!r} is not a revision")
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
                top)
    if done.returncode != 0:
        raise UsageError(f"--changed-since: unknown revision {rev!r} in {top}")
    return done.stdout.decode("ascii").strip()


def old_bytes(path: str | os.PathLike[str], rev: str) -> bytes | None:
    """The content of *path* at *rev*, or None when the file did not exist there."""
    file = Path(path).resolve()
    top = _toplevel(file.parent)
    commit = _commit(top, rev)
    relative = file.relative_to(top).as_posix()
    spec = f"{commit}:{relative}"
    if _git(["cat-file", "-e", spec], top).returncode != 0:
        return None
    done = _git(["show", spec], top)
    if done.returncode != 0:  # pragma: no cover - cat-file said it exists
        raise UsageError(f"--changed-since: git show {spec} failed: "
                         f"{done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def changed_units(store: Store, rev: str,
                  read: Callable[[str], Store]) -> set[int]:
    """``id()`` of every unit of *store* added or changed since *rev*.

    *read* reads a path with the handler and options *store* was read with; the old version is
    written to a temporary file of the same name so the handler sees the same extension.
    """
    if store.origin is None:
        raise UsageError("--changed-since: a store that was not read from a file")
    data = old_bytes(store.origin, rev)
    if data is None:
        return {id(unit) for unit in store}
    with tempfile.TemporaryDirectory(prefix="ahenk-rev-") as folder:
        old_path = Path(folder) / Path(store.origin).name
        old_path.write_bytes(data)
        try:
            old = read(os.fspath(old_path))
        except AhenkError as exc:
            raise UsageError(f"--changed-since: {store.origin} as it was at {rev} cannot be "
                             f"read: {getattr(exc, 'message', exc)}") from None
    before: Counter[tuple] = Counter(
        (unit_key(unit, i), unit_content(unit)) for i, unit in enumerate(old, start=1))
    out: set[int] = set()
    for i, unit in enumerate(store, start=1):
        item = (unit_key(unit, i), unit_content(unit))
        if before[item] > 0:
            before[item] -= 1
        else:
            out.add(id(unit))
    return out
