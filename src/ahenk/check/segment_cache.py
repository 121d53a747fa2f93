"""What the term checks found in each segment, kept on disk between runs (``.ahenk_cache``).

Finding the terms of a segment, inflected and misspelt, is most of what a check run costs (the
matcher and the near-miss finder: ``bench/check/README``), and a CI lint or a translator's second
run meets the same segments again. Their answers depend only on the segment's text, its language,
the termbase's content and ahenk's own code, so they are remembered by exactly that: one file per
termbase and code (:func:`fingerprint`), each answer under a hash of its language and text. A
later run with the same termbase and code takes the answers it finds and computes only the new
segments; the indexes are not even built when every segment is known. Every check still runs on
every pair: only the term lookups are answered from the file.

As ruff and mypy do, the folder is made with a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, so
neither git nor a backup tool takes it. The file is written at the end of a run that computed
new answers (atomically: a temporary file renamed), holding the answers this run used first,
then older ones up to :data:`MAX_ENTRIES`; only the :data:`FILES_KEPT` newest files of a
folder are kept. A run whose every answer came from the file leaves it as it was. A file that
cannot be read (truncated, another version) is ignored with a warning and replaced.

With ``--jobs``, each worker process sends the answers it computed back with its findings.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import warnings
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import ahenk
from ahenk.check.checks._variants import Variant
from ahenk.check.signature import termbase_hash
from ahenk.io import atomic_write
from ahenk.termbase.match import TermMatch
from ahenk.termbase.model import Termbase

#: Answers a run keeps and a file holds at most: a bound on the memory the cache takes, whatever
#: the input's size (some 165 bytes an answer in memory, 90 on disk; a unit asks three or four
#: answers, so some 170,000 units are cached whole, about 100 MB, and a larger input in part).
MAX_ENTRIES = 600_000
#: Cache files kept in a folder (one per termbase and ahenk version).
FILES_KEPT = 4
_MAGIC = "ahenk-segment-cache-2"
#: The packed answer "nothing found", shared by every such entry.
_NONE = b""
#: What the matcher and the near-miss finder rest on besides ahenk: their versions are part of
#: the fingerprint.
_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "pyahocorasick", "rapidfuzz", "regex")
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by ahenk.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")

_Raw = tuple[Any, ...]


class CacheWarning(UserWarning):
    """The cache could not be read or written: the run goes on without it."""


def fingerprint(termbase: Termbase) -> str:
    """A hash of what the answers depend on: the termbase's content, ahenk's code (each source
    file's name and content: an edited checkout is new code, and a fresh install of the same
    release on a CI machine is the same, whatever its files' times) and the versions of the
    libraries the matching uses. Hashing the package's sources takes a few milliseconds."""
    digest = hashlib.sha256()
    digest.update(f"{_MAGIC}\0{ahenk.__version__}\0{termbase_hash(termbase)}\0".encode())
    package = Path(ahenk.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(f"{path.relative_to(package).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()[:20]


def _key(kind: str, lang: str, text: str) -> bytes:
    return hashlib.blake2b(f"{kind}\0{lang}\0{text}".encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


class SegmentCache:
    """The answers of one termbase and code, in *folder*: loaded when made, written by
    :meth:`save`. The term checks ask :meth:`matches` and :meth:`variants` with what computes
    an answer when the file has none."""

    def __init__(self, folder: str | os.PathLike[str], termbase: Termbase) -> None:
        self.folder = Path(folder)
        self.path = self.folder / f"terms-{fingerprint(termbase)}.marshal"
        self._concepts = list(termbase.concepts)
        self._ids = {id(term): (ci, ti) for ci, concept in enumerate(self._concepts)
                     for ti, term in enumerate(concept.terms)}
        self._loaded: dict[bytes, bytes] | None = None  # the file's answers, once asked
        self._used: dict[bytes, bytes] = {}  # this run's answers, found or computed
        self._fresh: dict[bytes, bytes] = {}  # computed, for a worker to hand on
        self.hand_on = False  # set in a worker process: keep what it computes in _fresh
        self._computed = 0  # answers this run added (here or in its workers)

    # -- answers ----------------------------------------------------------------------------------

    def matches(self, lang: str, text: str, nested: bool, search: str,
                compute: Callable[[], list[TermMatch]]) -> list[TermMatch]:
        """The term matches of *text* (:meth:`TermIndex.find` on *search*, the text as the
        matcher is given it): remembered, or computed and remembered."""
        key = _key("n" if nested else "m", lang, text)
        raw = self._answer(key)
        if raw is not None:
            try:
                return [self._match(item, search) for item in raw]
            except (IndexError, TypeError, ValueError):  # a damaged entry: found afresh
                pass
        found = compute()
        self._remember(key, tuple((*self._ids[id(m.entry)], m.start, m.end) for m in found))
        return found

    def variants(self, lang: str, text: str, search: str,
                 compute: Callable[[], list[Variant]]) -> list[Variant]:
        """The near-misses of *text* (:meth:`VariantIndex.find` on *search*), as
        :meth:`matches`."""
        key = _key("v", lang, text)
        raw = self._answer(key)
        if raw is not None:
            try:
                return [self._variant(item, search) for item in raw]
            except (IndexError, TypeError, ValueError):
                pass
        found = compute()
        self._remember(key, tuple(
            (*self._ids[id(v.term)], v.suggestion, v.start, v.end, v.kind, v.corrected)
            for v in found))
        return found

    def _match(self, item: _Raw, search: str) -> TermMatch:
        ci, ti, start, end = item
        concept = self._concepts[ci]
        term = concept.terms[ti]
        return TermMatch(concept.id, term.text, term.status, start, end, search[start:end],
                         term)

    def _variant(self, item: _Raw, search: str) -> Variant:
        ci, ti, suggestion, start, end, kind, corrected = item
        concept = self._concepts[ci]
        return Variant(concept.id, concept.terms[ti], suggestion, start, end,
                       search[start:end], kind, corrected)

    def _answer(self, key: bytes) -> _Raw | None:
        packed = self._used.get(key)
        if packed is None:
            packed = self._old.get(key)
            if packed is None:
                return None
            if len(self._used) < MAX_ENTRIES:
                self._used[key] = packed
        if packed is _NONE:
            return ()
        try:
            raw = marshal.loads(packed)
        except (EOFError, ValueError, TypeError):
            return None  # a damaged entry: found afresh
        return raw if isinstance(raw, tuple) else None

    def _remember(self, key: bytes, raw: _Raw) -> None:
        """Keep *raw*, packed (an answer of nothing, the most common, is one shared object),
        while the run holds fewer than :data:`MAX_ENTRIES`: memory stays bounded on any
        input, and a memory larger than that is cached in part."""
        if len(self._used) >= MAX_ENTRIES:
            return
        packed = marshal.dumps(raw) if raw else _NONE
        self._used[key] = packed
        if self.hand_on:
            self._fresh[key] = packed
        self._computed += 1

    # -- worker processes -------------------------------------------------------------------------

    def take_fresh(self) -> dict[bytes, bytes]:
        """The answers computed since the last call (a worker sends them with its findings)."""
        fresh, self._fresh = self._fresh, {}
        return fresh

    def absorb(self, answers: dict[bytes, bytes]) -> None:
        """Answers a worker computed, kept as this run's (within :data:`MAX_ENTRIES`)."""
        room = MAX_ENTRIES - len(self._used)
        if room <= 0:
            return
        for key, packed in answers.items():
            if room <= 0:
                break
            self._used[key] = _NONE if packed == _NONE else packed
            room -= 1
            self._computed += 1

    # -- the file ---------------------------------------------------------------------------------

    def preload(self) -> None:
        """Read the file now (before worker processes fork, which then share it)."""
        _ = self._old

    @property
    def _old(self) -> dict[bytes, bytes]:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _load(self) -> dict[bytes, bytes]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            warnings.warn(CacheWarning(f"{self.path}: warning: cache not read "
                                       f"({exc.strerror}); the terms are found afresh"),
                          stacklevel=2)
            return {}
        try:
            magic, entries = marshal.loads(data)
            if magic != _MAGIC or not isinstance(entries, dict):
                raise ValueError(magic)
        except (EOFError, ValueError, TypeError):
            warnings.warn(CacheWarning(f"{self.path}: warning: not a cache file of this "
                                       "ahenk; it is replaced"), stacklevel=2)
            return {}
        return entries

    def save(self) -> None:
        """Write this run's answers, then older ones up to :data:`MAX_ENTRIES`, and drop all
        but the newest :data:`FILES_KEPT` files of the folder. Nothing is written when every
        answer came from the file (a repeated CI run leaves it as it was, even read-only)."""
        if not self._computed:
            return
        entries = self._used  # this run's first, then the file's others: no copy of either
        for key, packed in self._old.items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, packed)
        try:
            _make_folder(self.folder)
            with atomic_write(self.path, "wb", encoding=None, newline=None) as handle:
                handle.write(marshal.dumps((_MAGIC, entries)))
            _prune(self.folder, keep=self.path)
        except OSError as exc:  # a read-only checkout: the report matters, not the cache
            warnings.warn(CacheWarning(f"{self.folder}: warning: cache not written "
                                       f"({exc.strerror or exc}); use --cache-dir or "
                                       "--no-cache"), stacklevel=2)
            return
        self._loaded, self._used, self._computed = entries, {}, 0


def _make_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", "# made by ahenk\n*\n"), ("CACHEDIR.TAG", _TAG)):
        path = folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")


def _prune(folder: Path, keep: Path) -> None:
    files = sorted(folder.glob("terms-*.marshal"), key=_mtime, reverse=True)
    for path in [p for p in files if p != keep][FILES_KEPT - 1:]:
        path.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def open_cache(folder: str | os.PathLike[str] | None,
               termbase: Termbase | None) -> SegmentCache | None:
    """The cache of *termbase* in *folder*, or None without either."""
    if folder is None or termbase is None or not termbase.concepts:
        return None
    return SegmentCache(folder, termbase)
