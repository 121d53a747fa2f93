"""Plain text (``text``, ``.txt``): one unit per non-blank line, sources only.

Segmentation is another layer (:mod:`ahenk.segment`): a line is a unit whatever it holds. Line
ends are LF, CRLF or CR; a line is kept exactly as written (without its line end), and lines
holding only whitespace are skipped. ``Unit.id`` is the unit's ordinal (``"1"``, ``"2"`` …, stable
across a round trip, unlike line numbers); ``Unit.location`` is the line, column 1.

Reading options: ``src_lang`` (the language of every line; none by default), ``encoding``
(UTF-8 by default; a BOM wins, :func:`ahenk.io.decode`). Writing writes every unit's source on
its own line, UTF-8, LF; a source that holds a line end (CR or LF) or is blank would not come back
as one unit and raises :class:`~ahenk.errors.FormatError` naming the unit. Targets are not
written (the format is monolingual). ``.txt`` is also claimed by ``omegat-glossary`` (a
termbase); detection by kind tells them apart.
"""

from __future__ import annotations

import os
import re
from typing import Any, ClassVar

from ahenk.errors import FormatError, LanguageTagError, UsageError
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.io import decode, read_bytes, write_bytes
from ahenk.model import Header, LanguageTag, Location, Segment, Store, Unit

_LINE_END = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


def read(path: str | os.PathLike[str], **options: Any) -> Store:
    src = options.pop("src_lang", None)
    encoding = options.pop("encoding", "utf-8")
    if options:
        raise UsageError(f"text: unknown option(s) {', '.join(sorted(options))}")
    try:
        lang = LanguageTag.parse(src) if isinstance(src, str) else src
    except LanguageTagError as exc:
        raise UsageError(f"text: src_lang: {exc}") from None
    content = decode(read_bytes(path), path, encoding)
    store = Store(header=Header(source_lang=lang), origin=os.fspath(path), format="text")
    for number, line in enumerate(_LINE_END.split(content), 1):
        if line.strip():
            store.add(Unit(Segment(line, lang), id=str(len(store) + 1),
                           location=Location(os.fspath(path), number, 1)))
    return store


def write(store: Store, path: str | os.PathLike[str], **options: Any) -> None:
    if options:
        raise UsageError(f"text: unknown option(s) {', '.join(sorted(options))}")
    lines = []
    for index, unit in enumerate(store.units):
        text = unit.source.text
        name = unit.id or str(index + 1)
        if _LINE_END.search(text):
            raise FormatError(f"unit {name!r}: a line end inside the source cannot be written "
                              "as one line of plain text", path)
        if not text.strip():
            raise FormatError(f"unit {name!r}: a blank source would be skipped on reading",
                              path)
        bad = _SURROGATE.search(text)
        if bad:
            raise FormatError(f"unit {name!r}: lone surrogate U+{ord(bad.group()):04X} cannot "
                              "be encoded in UTF-8", path)
        lines.append(text + "\n")
    # ahenk.io.decode takes a leading U+FEFF for a BOM: keep a source's own by writing one
    bom = "\ufeff" if lines and lines[0].startswith("\ufeff") else ""
    write_bytes(path, (bom + "".join(lines)).encode("utf-8"))


@register
class TextHandler(FormatHandler):
    name = "text"
    description = "Plain text, one unit per non-blank line (sources only)"
    extensions = ("txt",)
    kind = Kind.MONOLINGUAL
    read_options: ClassVar[frozenset[str]] = frozenset(
        {"src_lang", "encoding"})
    write_options: ClassVar[frozenset[str]] = frozenset()

    def sniff(self, head: bytes) -> bool:
        return False  # any bytes could be text: only by name or extension

    def read(self, path: str | os.PathLike[str], **options: Any) -> Store:
        return read(path, **options)

    def write(self, obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
        write(obj, path, **options)
