"""Safe reading and writing of user files.

Reading: bytes are decoded by BOM first (UTF-8, UTF-16 LE/BE, UTF-32), then as the caller's
declared encoding, and a failure names the file, line and column of the first bad byte.
Writing: output goes to a temporary file in the target's folder, is flushed and fsynced, and is
renamed over the target only when complete, so an interrupted write (even SIGKILL or a power cut)
never leaves a truncated file and an existing output survives a failure. The temporary file is
named ``.NAME.ahenk-PID-XXXX.tmp``; one left behind by a killed process (its PID no longer runs)
is removed by the next write to the same target.

Inputs are never overwritten by accident: every file read through this module (and the TMX
stream) that this process did not write itself is remembered for the life of the process, and
:func:`atomic_write` refuses to replace one that is still as it was read, with a
:class:`~ahenk.errors.UsageError`. A caller who means to
rewrite an input says so with :func:`allow_overwrite`; a backup ``NAME.bak`` is then kept.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ahenk.errors import EncodingError, FormatError, UsageError
from ahenk.limits import check_document_size, max_document_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_bom(data: bytes) -> tuple[str | None, int]:
    """Return (encoding, BOM length) when *data* starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def decode(data: bytes, path: str | os.PathLike[str] | None = None, encoding: str = "utf-8") -> str:
    """Decode *data*, honouring a BOM over *encoding*; errors carry file, line and column."""
    bom_encoding, skip = sniff_bom(data)
    used = bom_encoding or encoding
    body = data[skip:]
    try:
        return body.decode(used)
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode(used, errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        bad = body[exc.start : exc.end].hex(" ")
        raise EncodingError(
            f"cannot decode bytes {bad} as {used} ({exc.reason})", path, line, column
        ) from None
    except LookupError:
        raise FormatError(f"unknown encoding {used!r}", path) from None


def read_text(path: str | os.PathLike[str], encoding: str = "utf-8") -> str:
    """Read a whole text file with :func:`decode`'s BOM handling and located errors."""
    return decode(read_bytes(path), path, encoding)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a whole input file (refused above :data:`ahenk.limits.MAX_DOCUMENT_BYTES`)."""
    with open_input(path) as handle:
        info = os.fstat(handle.fileno())
        check_document_size(info.st_size, path)
        limit = max_document_bytes()
        if limit is None or stat.S_ISREG(info.st_mode):
            return handle.read()
        # a pipe or device has no size to check beforehand: read it in bounded chunks
        chunks, size = [], 0
        while chunk := handle.read(1 << 20):
            size += len(chunk)
            check_document_size(size, path)
            chunks.append(chunk)
        return b"".join(chunks)


def open_input(path: str | os.PathLike[str]) -> IO[bytes]:
    """Open an input file for binary reading; errors are located; the file is remembered as an
    input so that :func:`atomic_write` will not overwrite it unasked."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - the caller closes it
    except FileNotFoundError:
        raise FormatError("no such file", path) from None
    except IsADirectoryError:
        raise FormatError("is a directory, not a file", path) from None
    except PermissionError:
        raise FormatError("permission denied", path) from None
    except OSError as exc:
        raise FormatError(exc.strerror or "cannot open", path) from None
    _remember_input(os.fstat(handle.fileno()))
    return handle


# -- inputs are never overwritten unasked ---------------------------------------------------

_INPUTS: dict[tuple[int, int], tuple[int, int]] = {}  # (dev, ino) -> (size, mtime_ns) as read
_OUTPUTS: set[tuple[int, int]] = set()  # files this process wrote: reading them back is not input
_ALLOWED = threading.local()


def _remember_input(info: os.stat_result) -> None:
    key = (info.st_dev, info.st_ino)
    if key not in _OUTPUTS:
        _INPUTS[key] = (info.st_size, info.st_mtime_ns)


def mark_input(path: str | os.PathLike[str]) -> None:
    """Remember *path* as an input that a reader opened by other means (a SQLite database)."""
    with contextlib.suppress(OSError):
        _remember_input(os.stat(path))


def is_unchanged_input(path: str | os.PathLike[str]) -> bool:
    """Whether *path* was read as an input by this process and has not changed since."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return _INPUTS.get((info.st_dev, info.st_ino)) == (info.st_size, info.st_mtime_ns)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether *a* and *b* name the same file (through symlinks, hard links, ``..``)."""
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_same_file(output: str | os.PathLike[str],
                     inputs: Iterator[str | os.PathLike[str]] | list | tuple) -> None:
    """Raise :class:`~ahenk.errors.UsageError` when *output* is one of *inputs*."""
    for source in inputs:
        if same_file(output, source):
            raise UsageError(f"{os.fspath(output)}: the output is also an input; ahenk never "
                             "overwrites an input: write to another path")


@contextlib.contextmanager
def allow_overwrite(*paths: str | os.PathLike[str]) -> Iterator[None]:
    """Let :func:`atomic_write` replace these inputs (the user asked); a ``.bak`` is kept."""
    previous = getattr(_ALLOWED, "paths", ())
    _ALLOWED.paths = previous + tuple(os.path.realpath(p) for p in paths)
    try:
        yield
    finally:
        _ALLOWED.paths = previous


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the backup of an overwritten input is kept: ``NAME.bak`` beside it."""
    target = Path(path)
    return target.with_name(target.name + ".bak")


def _keep_backup(target: Path) -> None:
    backup = backup_path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{backup.name}.ahenk-{os.getpid()}-", suffix=".tmp",
                               dir=target.parent)
    os.close(fd)
    try:
        try:
            os.unlink(tmp)
            os.link(target, tmp)  # the old inode survives the rename of the new file
        except OSError:
            shutil.copy2(target, tmp)
        os.replace(tmp, backup)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"^\." + re.escape(name) + r"\.ahenk-(\d+)-[^/]*\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, not ours
        return True
    return True


def clean_stale_temps(path: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files of *path* left by writers that were killed; returns them."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = _temp_pattern(target.name)
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = pattern.match(name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed.append(folder / name)
    return removed


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = "",
) -> Iterator[IO]:
    """Open a temporary sibling of *path* for writing; rename it into place on success.

    On any exception the temporary file is removed and *path* is left exactly as it was.
    ``newline=""`` by default so the caller decides line endings byte for byte. A *path* that
    this process read as an input and that is unchanged since is refused (UsageError) unless
    inside :func:`allow_overwrite`, which keeps ``NAME.bak``.

    A symbolic link is followed: the file it points to is replaced and the link stays. A
    *path* that is no regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is written to
    directly: renaming a file over it would replace the device or the pipe itself.
    """
    if _is_special(path):
        with _open_special(path, mode, encoding, newline) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FormatError("output folder does not exist", folder)
    backup = False
    if is_unchanged_input(target):
        allowed = getattr(_ALLOWED, "paths", ())
        if os.path.realpath(target) not in allowed:
            raise UsageError(f"{os.fspath(path)}: refusing to overwrite a file this run read as "
                             "an input; write to another path")
        backup = True
    clean_stale_temps(target)
    binary = "b" in mode
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.ahenk-{os.getpid()}-", suffix=".tmp",
                               dir=folder)
    try:
        if binary:
            handle = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
        if backup:
            _keep_backup(target)
        written = os.stat(tmp)
        _OUTPUTS.add((written.st_dev, written.st_ino))
        os.replace(tmp, target)
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _is_special(path: str | os.PathLike[str]) -> bool:
    """Whether *path* exists and is no regular file (a device, a named pipe, a socket)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path)
    except OSError:
        return False


@contextlib.contextmanager
def _open_special(path: str | os.PathLike[str], mode: str, encoding: str | None,
                  newline: str | None) -> Iterator[IO]:
    """*path*, a device or a pipe, opened for writing as it is (no temporary file)."""
    if "b" in mode:
        handle: IO = open(path, mode)  # noqa: SIM115 - closed by the with below
    else:
        handle = open(path, mode, encoding=encoding, newline=newline)  # noqa: SIM115
    with handle:
        yield handle


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    with atomic_write(path, "w", encoding=encoding) as handle:
        handle.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_write(path, "wb", encoding=None, newline=None) as handle:
        handle.write(data)
