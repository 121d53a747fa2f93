"""The fuzzing harness shared by ``test_fuzz.py`` (short, in the suite) and ``fuzz/run.py`` (long).

Every reader (each registry handler that reads, and SRX) is fed seed files — the real files in
``../shared/interop`` and ahenk's own test data — with byte mutations. The only exceptions
allowed out are ahenk's own :class:`~ahenk.errors.FormatError` family naming the file read;
anything else is a crash.
"""

from __future__ import annotations

import gc
import os
import random
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ahenk.errors import FormatError
from ahenk.formats import registry
from ahenk.segment.srx import load_srx

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHENK_SHARED", ROOT.parent / "shared"))
MAX_SEED_BYTES = 64 * 1024

#: Options that let the bilingual and glossary readers get past "which language?".
OPTIONS: dict[str, dict[str, Any]] = {
    "csv": {"src_lang": "en", "tgt_lang": "az"},
    "tsv": {"src_lang": "en", "tgt_lang": "az"},
    "po": {"src_lang": "en", "tgt_lang": "az"},
    "omegat-glossary": {"src_lang": "en", "tgt_lang": "ru"},
    "text": {"src_lang": "en"},
}
#: reader -> extensions of its seed files (beyond the handler's own).
EXTRA_SEED_EXTENSIONS = {"srx": ("srx",), "text": ("txt",), "tbx-v3": ("tbx",)}
#: Test-data folders of ahenk that hold seeds for a reader.
DATA_FOLDERS = {
    "csv": ("csv",), "tsv": ("tsv",), "po": ("po",), "tbx": ("tbx",), "tbx-v3": ("tbx-v3",),
    "termbase-csv": ("termbase-csv",), "termbase-tsv": ("termbase-tsv",), "text": ("text",),
    "tmx": ("tmx", "hostile"), "xliff": ("xliff", "hostile"), "xliff2": ("xliff2", "hostile"),
    "omegat-glossary": ("omegat-glossary",), "srx": ("segment", "hostile"),
}

TOKENS = [
    b"\x00", b"\xff", b"\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xc3", b"\x80", b"<", b">",
    b"&", b"&amp;", b"&#0;", b"&#x10FFFF;", b"&#xD800;", b"&x;", b"]]>", b"<![CDATA[", b"\"",
    b"'", b"\t", b"\r", b"\n", b"\r\n", b"\\", b"\\n", b"=", b";", b",", b"%", b"<!DOCTYPE x>",
    b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>", b"<!--", b"-->", b"<seg>", b"</seg>",
    b"<tuv xml:lang=\"\">", b"<tu>", b"</tu>", b"<ph>", b"<bpt i=\"1\">", b"<ept i=\"9\">",
    b"<g id=\"1\">", b"<x/>", b"<mrk mtype=\"seg\">", b"xml:lang=\"x-\"", b"msgid ", b"msgstr ",
    b"msgstr[9] ", b"msgid_plural ", b"msgctxt ", b"#~ ", b"#| ", b"charset=koi8-r",
    b"nplurals=0; plural=n;", b"\"\"", b"<termEntry>", b"<langSet xml:lang=\"az\">",
    b"<term></term>", b"<rule break=\"maybe\">", b"(", b"[", b"{99999999}", b"*" * 10,
    "İı".encode(), "ё".encode(), b"\x1b", b"\x0c", b"\x85", "\u2028".encode(),
]

#: Tokens that keep an XML document well-formed when put into text, so mutants get past the
#: parser into ahenk's own code (inline codes, languages, statuses, limits).
TEXT_TOKENS = [
    b"&amp;", b"&lt;", b"&#x10FFFF;", b"&#9;", "İıƏəЁё".encode(), "́‍".encode(),
    b"{0}", b"%s", b"%1$s", b"<ph/>", b"<ph x=\"1\">a</ph>", b"<bpt i=\"1\"/>",
    b"<ept i=\"1\"/>", b"<it pos=\"begin\"/>", b"<hi><hi>b</hi></hi>", b"<sub>c</sub>",
    b"<x id=\"1\"/>", b"<g id=\"2\">g</g>", b"<bx id=\"3\"/>", b"<ex id=\"3\"/>",
    b"<pc id=\"1\">p</pc>", b"<ph id=\"9\"/>", b"<sc id=\"1\"/>", b"<ec startRef=\"1\"/>",
    b"<mrk mtype=\"seg\" mid=\"1\">m</mrk>", b"<note>n</note>", b"<prop type=\"t\">v</prop>",
    b"<termNote type=\"administrativeStatus\">forbidden</termNote>", b"a" * 5000,
]


def readers() -> list[str]:
    return [h.name for h in registry.handlers() if h.can_read] + ["srx"]


def seeds_for(reader: str) -> list[Path]:
    """Seed files for *reader*: interop files with its extensions, then ahenk's test data."""
    if reader == "srx":
        extensions: tuple[str, ...] = ("srx",)
    else:
        extensions = registry.get(reader).extensions + EXTRA_SEED_EXTENSIONS.get(reader, ())
    found: list[Path] = []
    roots = [SHARED / "interop"] if (SHARED / "interop").is_dir() else []
    roots += [ROOT / "tests" / "data" / name for name in DATA_FOLDERS.get(reader, ())]
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if (path.is_file() and path.suffix.lower().lstrip(".") in extensions
                    and path.stat().st_size <= MAX_SEED_BYTES):
                found.append(path)
    return found


def mutate(data: bytes, rng: random.Random, other: bytes = b"", rounds: int | None = None) -> bytes:
    """Apply 1-8 random byte-level mutations (flip, replace, insert token, delete, duplicate,
    truncate, splice with *other*)."""
    buf = bytearray(data)
    for _ in range(rounds if rounds is not None else rng.choice((1, 1, 2, 3, 8))):
        op = rng.randrange(10)
        at = rng.randrange(len(buf) + 1)
        if op >= 8:  # keeps XML well-formed more often: a text-safe token after some '>'
            ends = [i + 1 for i, byte in enumerate(buf) if byte == 0x3E]
            spot = rng.choice(ends) if ends else at
            buf[spot:spot] = rng.choice(TEXT_TOKENS)
        elif op == 0 and buf:
            buf[min(at, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif op in (2, 3):
            buf[at:at] = rng.choice(TOKENS)
        elif op == 4:
            del buf[at:at + rng.randint(1, 64)]
        elif op == 5:
            end = min(len(buf), at + rng.randint(1, 256))
            buf[at:at] = buf[at:end] * rng.randint(1, 4)
        elif op == 6:
            del buf[at:]
        elif op == 7 and other:
            start = rng.randrange(len(other))
            buf[at:] = other[start:start + rng.randint(1, 4096)]
    return bytes(buf)


class Crash(Exception):
    """A reader let out something other than a located ahenk error."""


def run_one(reader: str, path: Path) -> str:
    """Read *path*; return "ok" or the ahenk error's class name; raise :class:`Crash` otherwise.

    An exception that Python could only print and ignore (in a destructor: lxml's bookkeeping
    of its element proxies) counts as a crash too.
    """
    unraisable: list[str] = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda info: unraisable.append(f"{info.exc_type.__name__}: "
                                                        f"{info.exc_value} in {info.object!r}")
    try:
        outcome = _read(reader, path)
        gc.collect()
    finally:
        sys.unraisablehook = previous
    if unraisable:
        raise Crash(f"ignored exception: {unraisable[0]}")
    return outcome


def _read(reader: str, path: Path) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if reader == "srx":
                load_srx(path)
            else:
                registry.get(reader).read(path, **OPTIONS.get(reader, {}))
    except FormatError as error:
        if error.path != os.fspath(path):
            raise Crash(f"{type(error).__name__} without the file's path: {error}") from error
        return type(error).__name__
    except RecursionError as error:  # a subclass of RuntimeError: name it plainly
        raise Crash(f"RecursionError: {error}") from error
    except Exception as error:  # noqa: BLE001 - this is what the fuzzer looks for
        raise Crash(f"{type(error).__name__}: {error}") from error
    return "ok"


def crash_key(error: BaseException) -> str:
    """Where a crash comes from (exception type and innermost ahenk frame), to count it once."""
    cause = error.__cause__ or error
    frame = None
    tb = cause.__traceback__
    while tb is not None:
        if "ahenk" in tb.tb_frame.f_code.co_filename:
            frame = tb
        tb = tb.tb_next
    where = (f"{Path(frame.tb_frame.f_code.co_filename).name}:{frame.tb_lineno}"
             if frame is not None else "?")
    return f"{type(cause).__name__}@{where}"


Runner = Callable[[str, Path], str]
