"""Project configuration of ``ahenk check``: ``[tool.ahenk]`` in pyproject.toml, or ahenk.toml.

Discovery starts in the current directory and walks up to the filesystem root; in each folder an
``ahenk.toml`` (keys at the top level) wins over a ``pyproject.toml`` that has a ``[tool.ahenk]``
table, and the first folder with either is the project's. Relative paths in the file (glossary,
baseline, per-path globs) are relative to the folder the file is in. Command-line options
override the file, key by key. A key the file should not have, or a value of the wrong type,
is a :class:`~ahenk.errors.FormatError` naming the file and the key (exit 2): a typo never
silently turns a check back on.
"""

from __future__ import annotations

import codecs
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from ahenk.diagnostics import Severity
from ahenk.errors import FormatError, UsageError

#: File names looked for in each folder, in order of precedence.
CONFIG_FILES = ("ahenk.toml", "pyproject.toml")

#: The cache's folder (:mod:`ahenk.check.segment_cache`) where ``ahenk check`` puts it: beside
#: the configuration file, else in the current directory.
CACHE_FOLDER = ".ahenk_cache"

#: Every key the table may have, with what it holds (documented in docs/checks.md from here).
KEYS: dict[str, str] = {
    "glossary": "termbase file to check terminology against (path, relative to the config file)",
    "src-lang": "source language, for files that do not say it",
    "tgt-lang": "target language, for files that do not say it (in a TMX: the one to check)",
    "select": "check ids to run (default: every check)",
    "ignore": "check ids not to run",
    "fail-on": "`error`, `warning` or `info`: the least severity that makes the exit code 1",
    "baseline": "baseline file whose findings are not reported (path, relative to the file)",
    "severity": "table of check id = `error` | `warning` | `info`: overrides a default severity",
    "per-path-ignores": "table of glob = [check ids]: checks not reported for files matching the "
                        "glob (relative to the config file's folder; `*` also crosses `/`; "
                        "`all` ignores every check)",
    "jobs": "processes that run the unit checks: 1 (the default) this one, N that many, 0 one "
            "per CPU; the report is the same",
    "encoding": "encoding of the text-based files (PO, TSV/CSV, plain text), instead of UTF-8 "
                "or a PO header's charset: a legacy `cp1251` or `koi8-r` catalogue",
    "cache-dir": "folder where the terms found in each segment are kept between runs (path, "
                 "relative to the file; default `.ahenk_cache` beside it)",
    "cache": "`false`: keep no cache between runs",
}


@dataclass
class Config:
    """The check options a project sets. ``path`` is the file they came from (None: no file)."""

    path: Path | None = None
    glossary: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    baseline: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    jobs: int | None = None
    encoding: str | None = None
    cache_dir: str | None = None
    cache: bool = True

    @property
    def root(self) -> Path:
        """The folder relative paths and globs are resolved against."""
        return self.path.parent if self.path is not None else Path.cwd()

    def cache_folder(self, explicit: str | None = None, enabled: bool = True) -> str | None:
        """Where ``ahenk check`` keeps the terms it found between runs: *explicit* (the
        command line's), else ``$AHENK_CACHE_DIR``, else the file's ``cache-dir``, else
        ``.ahenk_cache`` in :attr:`root`; None when *enabled* is false or the file says
        ``cache = false`` (an explicit folder still wins over the file)."""
        if not enabled or (explicit is None and not self.cache):
            return None
        folder = explicit or os.environ.get("AHENK_CACHE_DIR") or self.cache_dir
        return folder or os.fspath(self.root / CACHE_FOLDER)


def path_ignores(file: str | None, patterns: Mapping[str, Iterable[str]],
                 root: str | os.PathLike[str] | None = None) -> set[str]:
    """Check ids (or ``all``) that *patterns* (glob → ids) ignore for *file*.

    A glob is matched against *file* relative to *root* (default: the current directory), with
    forward slashes; ``*`` also crosses ``/``; a glob naming a folder covers what is inside.
    """
    if not file or not patterns:
        return set()
    relative = _relative(file, Path(root) if root is not None else Path.cwd())
    out: set[str] = set()
    for pattern, check_ids in patterns.items():
        folder = pattern.rstrip("/") + "/*"
        if fnmatchcase(relative, pattern) or fnmatchcase(relative, folder):
            out.update(check_ids)
    return out


def _relative(file: str, root: Path) -> str:
    try:
        return Path(os.path.relpath(Path(file).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return PurePosixPath(Path(file).as_posix()).as_posix()


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file that applies in *start* (default: the current directory), or None."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    return isinstance(_toml(path).get("tool", {}).get("ahenk"), dict)


def _toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(f"not valid TOML: {exc}", path) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", path) from None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate one config file (ahenk.toml, or pyproject.toml's ``[tool.ahenk]``)."""
    file = Path(path)
    data = _toml(file)
    where = "[tool.ahenk]" if file.name == "pyproject.toml" else None
    if where:
        table = data.get("tool", {}).get("ahenk", {})
        if not isinstance(table, dict):
            raise FormatError("[tool.ahenk] must be a table", file)
    else:
        table = data
    return _parse(table, file, where)


def discover(start: str | os.PathLike[str] | None = None) -> Config:
    """The configuration found from *start* upwards; an empty :class:`Config` when none is."""
    path = find_config(start)
    return load_config(path) if path is not None else Config()


def _parse(table: Mapping[str, Any], file: Path, where: str | None) -> Config:
    def key_name(key: str) -> str:
        return f"{where}.{key}" if where else key

    def fail(key: str, message: str) -> FormatError:
        return FormatError(f"key {key_name(key)!r}: {message}", file)

    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise fail(unknown[0], f"unknown key (known: {', '.join(KEYS)})")

    def text(key: str) -> str | None:
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise fail(key, "must be a non-empty string")
        return value

    def id_list(key: str, value: Any, allow_all: bool = False) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a list of check ids")
        ids = [part.strip() for v in value for part in v.split(",") if part.strip()]
        _known_ids(ids, lambda message: fail(key, message), allow_all)
        return ids

    config = Config(path=file)
    config.glossary = _resolve(text("glossary"), file)
    config.baseline = _resolve(text("baseline"), file)
    config.src_lang, config.tgt_lang = text("src-lang"), text("tgt-lang")
    for key in ("src-lang", "tgt-lang"):
        if table.get(key) is not None:
            from ahenk.model.langtag import parse_language

            try:
                parse_language(table[key])
            except UsageError as exc:
                raise fail(key, str(exc)) from None
    for key, attr in (("select", "select"), ("ignore", "ignore")):
        if key in table:
            setattr(config, attr, id_list(key, table[key]))
    if "jobs" in table:
        jobs = table["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
            raise fail("jobs", "must be 0 (one per CPU) or a positive whole number")
        config.jobs = jobs
    config.cache_dir = _resolve(text("cache-dir"), file)
    if "cache" in table:
        if not isinstance(table["cache"], bool):
            raise fail("cache", "must be true or false")
        config.cache = table["cache"]
    config.encoding = text("encoding")
    if config.encoding is not None:
        try:
            codecs.lookup(config.encoding)
        except LookupError:
            raise fail("encoding", f"unknown encoding {config.encoding!r}") from None
    if "fail-on" in table:
        config.fail_on = _severity(table["fail-on"], lambda m: fail("fail-on", m)).value
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise fail("severity", "must be a table of check id = severity")
    for check_id, level in severities.items():
        id_list(f"severity.{check_id}", [check_id])
        config.severity[check_id] = _severity(level, lambda m, c=check_id: fail(
            f"severity.{c}", m))
    ignores = table.get("per-path-ignores", {})
    if not isinstance(ignores, dict):
        raise fail("per-path-ignores", "must be a table of glob = [check ids]")
    for pattern, check_ids in ignores.items():
        config.per_path_ignores[pattern] = id_list(f"per-path-ignores.{pattern}", check_ids,
                                                   allow_all=True)
    return config


def _resolve(value: str | None, file: Path) -> str | None:
    if value is None:
        return None
    path = Path(value).expanduser()
    return os.fspath(path if path.is_absolute() else file.parent / path)


def _severity(value: Any, fail: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise fail(f"{value!r} is not one of error, warning, info") from None


def _known_ids(ids: list[str], fail: Any, allow_all: bool = False) -> None:
    from ahenk.check.registry import ids as known

    everything = set(known())
    for check_id in ids:
        if check_id not in everything and not (allow_all and check_id == "all"):
            raise fail(f"unknown check {check_id!r} (see `ahenk checks list`)")


def parse_severity_overrides(values: list[str] | tuple[str, ...]) -> dict[str, Severity]:
    """``--severity ID=LEVEL`` options (repeated or comma-separated) as a mapping."""
    out: dict[str, Severity] = {}
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            check_id, sep, level = part.partition("=")
            if not sep:
                raise UsageError(f"--severity {part!r}: expected ID=LEVEL")
            check_id = check_id.strip()
            _known_ids([check_id], lambda m, c=check_id: UsageError(f"--severity {c}: {m}"))
            out[check_id] = _severity(level.strip(),
                                      lambda m, c=check_id: UsageError(f"--severity {c}: {m}"))
    return out
