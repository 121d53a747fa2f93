"""The files ``ahenk check`` reads: folders walked for checkable files, each file's reader chosen
by the format registry (checks never import a format module), its language options passed where
the reader declares them, and its units streamed, or read whole for ``--changed-since``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ahenk.check.stdin import Inputs
from ahenk.errors import UsageError
from ahenk.formats import registry
from ahenk.formats.registry import FormatHandler, Kind, UnitReader
from ahenk.model.langtag import LanguageTag
from ahenk.model.unit import Store

#: What ``ahenk check`` reads: anything with translations (not termbases).
CHECKABLE = (Kind.BILINGUAL, Kind.MULTILINGUAL, Kind.MONOLINGUAL)


def monolingual(store: Store) -> bool:
    """Whether *store* holds sources only (plain text): then nothing is "untranslated"."""
    if store.format:
        try:
            return registry.get(store.format).kind is Kind.MONOLINGUAL
        except UsageError:
            pass
    return not store.header.target_langs and not any(unit.targets for unit in store)


@dataclass
class Input:
    """One file to check: its units, whether it is monolingual, and (``--changed-since``) the
    ``id()`` of its units added or changed since that revision."""

    reader: UnitReader
    monolingual: bool
    changed: set[int] | None = None


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; directories walked for files a checkable format claims by extension."""
    extensions = tuple("." + ext for h in registry.handlers() if h.kind in CHECKABLE
                       for ext in h.extensions)
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.is_file() and p.name.lower().endswith(extensions)))
        elif path.exists():
            out.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    if not out:
        raise UsageError("no files to check")
    return out


def read_store(path: str | os.PathLike[str], from_format: str | None = None,
               src_lang: LanguageTag | None = None,
               tgt_lang: LanguageTag | None = None, encoding: str | None = None) -> Store:
    """Read one file to check. The language options go to a reader that declares them in its
    ``read_options`` (PO, TSV, text); others (TMX, XLIFF) read the languages from the file.
    So does *encoding*: the XML formats declare their own."""
    handler = registry.detect(path, from_format, CHECKABLE)
    store = registry.read(path, handler.name, CHECKABLE,
                          **_read_options(handler, src_lang, tgt_lang, encoding))
    if store.origin is None:
        store.origin = os.fspath(path)
    return store


def _read_options(handler: FormatHandler, src_lang: LanguageTag | None,
                  tgt_lang: LanguageTag | None, encoding: str | None = None) -> dict[str, str]:
    options = {k: v.tag for k, v in (("src_lang", src_lang), ("tgt_lang", tgt_lang))
               if v is not None and k in handler.read_options}
    if encoding is not None and "encoding" in handler.read_options:
        options["encoding"] = encoding
    return options


def stream(paths: Iterable[Path], from_format: str | None, src_lang: LanguageTag | None,
            tgt_lang: LanguageTag | None, encoding: str | None = None,
            inputs: Inputs | None = None) -> Iterator[Input]:
    """Each file opened when its turn comes, its units streamed where the format allows;
    standard input's spool known by its name in *inputs*."""
    for path in paths:
        handler = registry.detect(path, from_format, CHECKABLE)
        reader = registry.iter_units(path, handler.name, CHECKABLE,
                                     **_read_options(handler, src_lang, tgt_lang, encoding))
        if inputs is not None:
            reader = inputs.named(path, reader)
        if reader.store is not None:
            yield Input(reader, monolingual(reader.store))
        else:
            yield Input(reader, handler.kind is Kind.MONOLINGUAL)
