"""Safe reading and writing of user files.

Reading: bytes are decoded by BOM first (UTF-8, UTF-16 LE/BE, UTF-32), then as the caller's
declared encoding, and a failure names the file, line and column of the first bad byte.
Writing: output goes to a temporary file in the target's folder, is flushed and fsynced, and is
renamed over the target only when complete, so an interrupted write never leaves a truncated file
and an existing output survives a failure.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ahenk.errors import EncodingError, FormatError

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
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise FormatError("no such file", path) from None
    except IsADirectoryError:
        raise FormatError("is a directory, not a file", path) from None
    except PermissionError:
        raise FormatError("permission denied", path) from None
    return decode(data, path, encoding)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise FormatError("no such file", path) from None
    except IsADirectoryError:
        raise FormatError("is a directory, not a file", path) from None
    except PermissionError:
        raise FormatError("permission denied", path) from None


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = "",
) -> Iterator[IO]:
    """Open a temporary sibling of *path* for writing; rename it into place on success.

    On any exception the temporary file is removed and *path* is left exactly as it was.
    ``newline=""`` by default so the caller decides line endings byte for byte.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FormatError("output folder does not exist", folder)
    binary = "b" in mode
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
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
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    with atomic_write(path, "w", encoding=encoding) as handle:
        handle.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_write(path, "wb", encoding=None, newline=None) as handle:
        handle.write(data)
