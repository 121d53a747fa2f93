"""The one format registry: every adapter declares itself here, once, on its class.

A handler states its ``name`` (the public ``--from/--to`` value), file ``extensions``, the
``kind`` of object it reads and writes, and how to recognise its content (``sniff``). Format
detection is: an explicit name, else the extension, else sniffing the first bytes. Contract
tests iterate :func:`handlers` so a new format is tested the day it is registered.

:func:`iter_units` gives the units of a file one at a time, header first, whatever the format:
a handler that can stream (``streams = True``: TMX) yields them as it parses, so memory stays
flat in the size of the file; the others are read whole and their store iterated (PO and XLIFF
are parsed whole by their libraries, and every whole-document format is capped in size by
:data:`ahenk.limits.MAX_DOCUMENT_BYTES`). Callers such as ``ahenk check`` go through this
function and never import a format module.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

from ahenk.errors import FormatError, UnknownFormatError, UsageError
from ahenk.limits import segment_too_long
from ahenk.model.unit import Header, Store, Unit


class Kind(str, Enum):  # noqa: UP042 - the project's (str, Enum) convention, as TermStatus
    """What a format holds, and so which model object its handler reads and writes."""

    BILINGUAL = "bilingual"  # Store with one target per unit (PO, XLIFF, TSV bitext)
    MULTILINGUAL = "multilingual"  # Store with any number of targets (TMX)
    TERMBASE = "termbase"  # Termbase (TBX, glossary CSV/TSV, OmegaT glossary)
    MONOLINGUAL = "monolingual"  # Store with sources only (plain text)


class FormatHandler:
    """Base class of a format adapter. Subclasses set the class attributes and implement I/O.

    ``read(path, **options)`` returns a :class:`~ahenk.model.Store` or
    :class:`~ahenk.termbase.Termbase` according to ``kind``; ``write(obj, path, **options)``
    writes one atomically (see :mod:`ahenk.io`). ``sniff(head)`` gets the first 4 KiB of the file.
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    kind: ClassVar[Kind]
    can_read: ClassVar[bool] = True
    can_write: ClassVar[bool] = True
    #: Keyword options ``read``/``write`` accept, so a converter can route each option to the
    #: side that takes it and reject one that neither does (see :func:`split_options`).
    read_options: ClassVar[frozenset[str]] = frozenset()
    write_options: ClassVar[frozenset[str]] = frozenset()
    #: Whether :meth:`iter_units` streams (a store format only); else :func:`iter_units` reads
    #: the whole file with :meth:`read` and iterates the store.
    streams: ClassVar[bool] = False

    def sniff(self, head: bytes) -> bool:  # pragma: no cover - default
        return False

    def read(self, path: str | os.PathLike[str], **options: Any) -> Any:
        raise NotImplementedError

    def write(self, obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
        raise NotImplementedError

    def iter_units(self, path: str | os.PathLike[str],
                   **options: Any) -> tuple[Header, Iterator[Unit]]:
        """A streaming handler's header (parsed before any unit) and its units, one at a time.

        ``header.target_langs`` may grow while the units are read (TMX names no target
        language up front) and is complete once they are exhausted: then it equals what
        :meth:`read` gives. Options are :meth:`read`'s.
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


_REGISTRY: dict[str, FormatHandler] = {}


def register(cls: type[FormatHandler]) -> type[FormatHandler]:
    """Class decorator: instantiate and register a handler under its ``name``."""
    handler = cls()
    if handler.name in _REGISTRY:
        raise RuntimeError(f"format {handler.name!r} registered twice")
    _REGISTRY[handler.name] = handler
    return cls


def _load_builtin() -> None:
    # Importing the package registers the built-in adapters (each module uses @register).
    import ahenk.formats  # noqa: F401


def handlers(kind: Kind | None = None) -> list[FormatHandler]:
    _load_builtin()
    found = [h for h in _REGISTRY.values() if kind is None or h.kind is kind]
    return sorted(found, key=lambda h: h.name)


def get(name: str) -> FormatHandler:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UsageError(f"unknown format {name!r} (known: {known})") from None


def _matches_kind(handler: FormatHandler, kinds: tuple[Kind, ...]) -> bool:
    return not kinds or handler.kind in kinds


def detect(
    path: str | os.PathLike[str],
    explicit: str | None = None,
    kinds: tuple[Kind, ...] = (),
    for_writing: bool = False,
) -> FormatHandler:
    """Choose the handler for *path*: explicit name, then extension, then content sniffing."""
    _load_builtin()
    if explicit:
        handler = get(explicit)
        if not _matches_kind(handler, kinds):
            wanted = " or ".join(k.value for k in kinds)
            raise UsageError(f"format {explicit!r} holds {handler.kind.value}, not {wanted}")
        return handler
    name = Path(path).name.lower()
    by_ext = [
        h
        for h in handlers()
        if _matches_kind(h, kinds)
        and (h.can_write if for_writing else h.can_read)
        and any(name.endswith("." + ext) for ext in h.extensions)
    ]
    if len(by_ext) > 1:
        # the longest matching extension wins (".utf8" beats ".txt"; ".tbx" is unique anyway)
        best = max(len(e) for h in by_ext for e in h.extensions if name.endswith("." + e))
        by_ext = [
            h
            for h in by_ext
            if any(name.endswith("." + e) and len(e) == best for e in h.extensions)
        ]
    if not for_writing and os.path.isfile(path):
        with open(path, "rb") as handle:
            head = handle.read(4096)
        sniffed = [h for h in (by_ext or handlers()) if _matches_kind(h, kinds) and h.sniff(head)]
        if sniffed:
            return sniffed[0]
    if by_ext:
        return by_ext[0]
    raise UnknownFormatError(
        "cannot tell the file format from its name or content; name it with --from/--to", path
    )


def iter_names() -> Iterator[str]:
    _load_builtin()
    yield from sorted(_REGISTRY)


def read(
    path: str | os.PathLike[str],
    explicit: str | None = None,
    kinds: tuple[Kind, ...] = (),
    **options: Any,
) -> Any:
    """Read *path* with the handler :func:`detect` chooses; returns a Store or a Termbase."""
    handler = detect(path, explicit, kinds)
    if not handler.can_read:
        raise UsageError(f"format {handler.name!r} can only be written")
    result = handler.read(path, **options)
    if getattr(result, "format", None) is None:
        result.format = handler.name
    _check_lengths(result, path)
    return result


def _check_lengths(result: Any, path: str | os.PathLike[str]) -> None:
    """Refuse a store or termbase holding a segment over :data:`ahenk.limits.MAX_SEGMENT_CHARS`
    (streaming TMX has already skipped such units with a warning)."""
    for item in getattr(result, "units", None) or getattr(result, "concepts", None) or ():
        _check_item(item, path)


def _check_item(item: Any, path: str | os.PathLike[str]) -> None:
    texts = [item.source, *item.targets] if hasattr(item, "source") else item.terms
    for piece in texts:
        message = segment_too_long(piece.text)
        if message:
            location = getattr(item, "location", None)
            line = getattr(location, "line", None) if location is not None else None
            raise FormatError(message, path, line)


class UnitReader:
    """The units of one file, one at a time, with the file's header before the first of them.

    ``complete`` tells whether ``header`` is final: from the start for a file read whole,
    once the units are exhausted for a streaming one (whose ``header.target_langs`` grows as
    they are read). :meth:`reopen` starts over from the first unit (a second pass, for a caller
    that must know something of the whole file before it can use a unit). Use it as a context
    manager, or call :meth:`close`, so a streaming reader's file is closed when left early.
    """

    def __init__(self, header: Header, units: Iterable[Unit], *, format: str | None,
                 origin: str | None, complete: bool, reopen: Callable[[], UnitReader],
                 store: Store | None = None) -> None:
        self.header = header
        self.format = format
        self.origin = origin
        self.complete = complete
        #: The whole store, when the file was read whole (or the reader made from one).
        self.store = store
        self._units = iter(units)
        self._reopen = reopen

    @classmethod
    def of_store(cls, store: Store) -> UnitReader:
        """A reader over a store in memory (complete from the start)."""
        return cls(store.header, store.units, format=store.format, origin=store.origin,
                   complete=True, reopen=lambda: cls.of_store(store), store=store)

    def __iter__(self) -> Iterator[Unit]:
        yield from self._units
        self.complete = True

    def reopen(self) -> UnitReader:
        return self._reopen()

    def close(self) -> None:
        close = getattr(self._units, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> UnitReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_units(
    path: str | os.PathLike[str],
    explicit: str | None = None,
    kinds: tuple[Kind, ...] = (),
    **options: Any,
) -> UnitReader:
    """The units of the store file *path*, one at a time (see :class:`UnitReader`).

    A handler that streams yields them as it parses; any other reads the file whole with
    :func:`read` (the same checks, the same store) and the reader iterates it. A store's
    ``origin`` is *path* when the reader does not set one.
    """
    handler = detect(path, explicit, kinds)
    if not handler.can_read:
        raise UsageError(f"format {handler.name!r} can only be written")
    if not handler.streams:
        store = read(path, handler.name, kinds, **options)
        if store.origin is None:
            store.origin = os.fspath(path)
        return UnitReader.of_store(store)
    header, units = handler.iter_units(path, **options)

    def checked() -> Iterator[Unit]:
        try:
            for unit in units:
                _check_item(unit, path)
                yield unit
        finally:
            close = getattr(units, "close", None)
            if close is not None:
                close()

    return UnitReader(header, checked(), format=handler.name, origin=os.fspath(path),
                      complete=False,
                      reopen=lambda: iter_units(path, handler.name, kinds, **options))


def write(
    obj: Any,
    path: str | os.PathLike[str],
    explicit: str | None = None,
    kinds: tuple[Kind, ...] = (),
    **options: Any,
) -> FormatHandler:
    """Write *obj* to *path* atomically with the chosen handler; returns the handler used."""
    handler = detect(path, explicit, kinds, for_writing=True)
    if not handler.can_write:
        raise UsageError(f"format {handler.name!r} can only be read")
    handler.write(obj, path, **options)
    return handler


def split_options(reader: FormatHandler, writer: FormatHandler,
                  options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Route *options* to the reader and the writer that declare them; reject the rest."""
    unknown = sorted(k for k in options
                     if k not in reader.read_options and k not in writer.write_options)
    if unknown:
        raise UsageError(f"option(s) {', '.join(unknown)} apply to neither {reader.name} "
                         f"(reading) nor {writer.name} (writing)")
    return ({k: v for k, v in options.items() if k in reader.read_options},
            {k: v for k, v in options.items() if k in writer.write_options})
