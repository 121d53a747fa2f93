"""Standard input as a file to check: ``ahenk check -``, as ruff and eslint read it.

``-`` among the paths stands for standard input, once at most (``./-`` is a file so named). Its
bytes are spooled to a temporary file, removed when the run ends, failed or not, so the
path-based readers, format detection and the TMX stream use it as they use any file. The name
it goes by is the user's (``--stdin-filename``) or :data:`STDIN_NAME`, never the temporary
file's: in the findings and the list of files checked (so in every report format), in the
per-path ignores of the configuration, and in the errors and reader warnings about it.

The format comes from ``from_format``, else from the extension of ``stdin_filename`` (the
temporary file is given it), else from the content, as for any file
(:func:`ahenk.formats.registry.detect`); when none tells it, the error says how to name it.
``--changed-since`` compares files with their history in git, which standard input has not: it
is refused with ``-``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import IO, Any

from ahenk.errors import FormatError, UnknownFormatError, UsageError
from ahenk.formats.registry import UnitReader
from ahenk.model.unit import Unit

#: The path that means standard input.
STDIN = "-"

#: The name standard input is reported by without ``stdin_filename``. Not ``-``, though that is
#: what was typed: ``-`` is also a legal relative file name, so SARIF would make it the URI of a
#: file ``-`` beside the others and a GitHub annotation would point at one. ``<stdin>`` cannot
#: be taken for a file (Python names its own standard input so), and every renderer already
#: handles such a name cleanly, as it does the ``<input>`` of a finding without a file: escaped
#: in HTML, JUnit and GitHub's properties, percent-encoded to a relative URI reference in SARIF.
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Inputs:
    """The paths to check, ``-`` replaced by the file standard input was spooled to
    (``spooled``), and the name standard input goes by."""

    paths: list[str | os.PathLike[str]]
    spooled: str | None = None
    name: str = STDIN_NAME

    def named(self, path: str | os.PathLike[str], reader: UnitReader) -> UnitReader:
        """*reader*, of *path*: when *path* is standard input's spool, its file and units known
        by :attr:`name` instead (and so the findings on them)."""
        if self.spooled is None or os.fspath(path) != self.spooled:
            return reader
        return _renamed(reader, self.spooled, self.name)


@contextmanager
def standard_input(paths: Iterable[str | os.PathLike[str]], stdin_filename: str | None = None,
                   stdin: IO[bytes] | None = None, *,
                   changed_since: str | None = None) -> Iterator[Inputs]:
    """*paths* to check, ``-`` among them read from *stdin* (default: this process's standard
    input) into a temporary file for as long as the block runs.

    *stdin_filename* is the name standard input goes by, and its extension a hint at the
    format (see the module's docstring). A :class:`~ahenk.errors.FormatError` about the
    temporary file raised in the block is raised naming that name instead, and so are the
    readers' warnings. :class:`~ahenk.errors.UsageError`: ``-`` twice, ``-`` with
    *changed_since*, *stdin_filename* without ``-``.
    """
    paths = list(paths)
    dashes = sum(os.fspath(path) == STDIN for path in paths)
    if not dashes:
        if stdin_filename is not None:
            raise UsageError("--stdin-filename names standard input, which is read only when "
                             "- is one of the paths")
        yield Inputs(paths)
        return
    if dashes > 1:
        raise UsageError("- (standard input) can be given only once")
    if changed_since is not None:
        raise UsageError("--changed-since cannot be used with - (standard input has no git "
                         "history to compare with)")
    name = stdin_filename or STDIN_NAME
    spooled = _spool(_stream(stdin), _suffix(stdin_filename))
    try:
        with _warnings_renamed(spooled, name):
            yield Inputs([spooled if os.fspath(p) == STDIN else p for p in paths], spooled, name)
    except UnknownFormatError as exc:
        if exc.path != spooled:
            raise
        told = "the extension of its name or " if stdin_filename else ""
        raise UnknownFormatError(
            f"cannot tell the format of standard input from {told}its content; name it "
            "with --from, or with a --stdin-filename whose extension tells it", name) from None
    except FormatError as exc:
        if exc.path == spooled:
            exc.path = name
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(spooled)


def _stream(stdin: IO[bytes] | None) -> IO[bytes]:
    if stdin is not None:
        return stdin
    if sys.stdin is None:  # pythonw, or a daemon with standard input closed
        raise UsageError("- names standard input, and this process has none")
    return sys.stdin.buffer


def _suffix(name: str | None) -> str:
    """The extension of *name* for the temporary file, when it looks like one."""
    suffix = PurePath(name).suffix if name else ""
    return suffix if re.fullmatch(r"\.[\w-]+", suffix) else ""


def _spool(stream: IO[bytes], suffix: str) -> str:
    """*stream* copied to a new temporary file (only its owner may read it): its path."""
    handle, path = tempfile.mkstemp(prefix="ahenk-stdin-", suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            shutil.copyfileobj(stream, out, 1 << 20)
    except BaseException:
        os.unlink(path)
        raise
    return path


def _renamed(reader: UnitReader, path: str, name: str) -> UnitReader:
    """*reader* with its file, and its units' locations in *path*, called *name*; so are the
    readers it reopens."""
    if reader.store is not None:
        reader.store.origin = name

    def units() -> Iterator[Unit]:
        try:
            for unit in reader:
                location = unit.location
                if location is not None and location.path == path:
                    unit.location = replace(location, path=name)
                yield unit
        finally:
            reader.close()

    return UnitReader(reader.header, units(), format=reader.format, origin=name,
                      complete=reader.complete,
                      reopen=lambda: _renamed(reader.reopen(), path, name), store=reader.store)


@contextmanager
def _warnings_renamed(path: str, name: str) -> Iterator[None]:
    """The readers' located warnings (``PoWarning``, ``TmxWarning``, ``XliffWarning``: each
    made from the :class:`~ahenk.diagnostics.Problem` it holds as ``problem``) shown naming
    *name* where they name *path*; other warnings as they are."""
    with warnings.catch_warnings():
        show = warnings.showwarning

        def renamed(message: Warning | str, category: type[Warning], filename: str,
                    lineno: int, file: Any = None, line: str | None = None) -> None:
            problem = getattr(message, "problem", None)
            location = getattr(problem, "location", None)
            if location is not None and location.path == path:
                message = type(message)(replace(problem, location=replace(location, path=name)))
            show(message, category, filename, lineno, file, line)

        warnings.showwarning = renamed
        yield
