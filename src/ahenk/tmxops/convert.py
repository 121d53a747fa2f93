"""``ahenk tmx convert``: TMX to and from the bilingual formats of the registry.

One side is TMX, the other any bilingual handler (TSV, CSV, PO, XLIFF …) or TMX again (to
change the profile). Options go to the side whose handler declares them in ``read_options``
/``write_options`` (``profile`` to the TMX writer, ``bom`` to a tabular one …); an option
neither side takes is a :class:`~ahenk.errors.UsageError`. ``src_lang``/``tgt_lang`` are
also the converter's own:

* TMX → bilingual: ``tgt_lang`` chooses which target to take (needed when the TMX has more
  than one target language); ``src_lang`` may name another variant as the source (pivot,
  e.g. az → ru out of an en-source TMX). Units without both languages are skipped and counted.
* bilingual → TMX: the file's own languages are kept; ``src_lang``/``tgt_lang`` supply them
  where the file has none and must agree with the file where it has them. Units without a
  translation (empty target) are skipped and counted: TMX holds translations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from ahenk.errors import UsageError
from ahenk.formats import registry, tmx
from ahenk.formats.registry import FormatHandler, Kind
from ahenk.model import Header, LanguageTag, Segment, Store, Unit, parse_language
from ahenk.tmxops._common import ReadLog, collected, refuse_overwrite
from ahenk.tmxops.merge import WriteResult

KINDS = (Kind.BILINGUAL, Kind.MULTILINGUAL)


def convert_tmx(source: str | os.PathLike[str], output: str | os.PathLike[str],
                from_format: str | None = None, to_format: str | None = None,
                src_lang: str | None = None, tgt_lang: str | None = None,
                **options: Any) -> WriteResult:
    """Convert *source* to *output*; one of them must be TMX. See the module docstring."""
    refuse_overwrite(output, [source])
    reader = registry.detect(source, from_format, KINDS)
    writer = registry.detect(output, to_format, KINDS, for_writing=True)
    if "tmx" not in (reader.name, writer.name):
        raise UsageError(f"tmx convert needs TMX on one side, not {reader.name} → "
                         f"{writer.name}")
    languages = {k: v for k, v in (("src_lang", src_lang), ("tgt_lang", tgt_lang)) if v}
    read_options, write_options = registry.split_options(reader, writer, options)
    for name, value in languages.items():  # also to a handler that declares them
        if name in reader.read_options:
            read_options[name] = value
        if name in writer.write_options:
            write_options[name] = value
    src = parse_language(src_lang) if src_lang else None
    tgt = parse_language(tgt_lang) if tgt_lang else None
    log = ReadLog()
    if "problems" in reader.read_options:
        read_options["problems"] = log
    result = WriteResult(os.fspath(output))
    with collected(log):
        _convert(source, output, reader, writer, read_options, write_options, src, tgt, result)
    result.problems = log.problems
    return result


def _convert(source: str | os.PathLike[str], output: str | os.PathLike[str],
             reader: FormatHandler, writer: FormatHandler, read_options: dict,
             write_options: dict, src: LanguageTag | None, tgt: LanguageTag | None,
             result: WriteResult) -> None:
    if reader.name == "tmx" and writer.name == "tmx":
        stream = tmx.iter_units(source, **read_options)
        units = _counted(stream, result)
        result.written = tmx.write_units(units, output, stream.header, **write_options)
    elif reader.name == "tmx":
        store = _bilingual_from_tmx(registry.read(source, "tmx", **read_options), src, tgt,
                                    result)
        registry.write(store, output, writer.name, **write_options)
    else:
        store = registry.read(source, reader.name, KINDS, **read_options)
        header, units = _tmx_from_bilingual(store, src, tgt, result)
        result.written = tmx.write_units(units, output, header, **write_options)


def _counted(units: Iterator[Unit], result: WriteResult) -> Iterator[Unit]:
    for unit in units:
        result.read += 1
        yield unit


def _bilingual_from_tmx(store: Store, src: LanguageTag | None, tgt: LanguageTag | None,
                        result: WriteResult) -> Store:
    source_lang = src or store.header.source_lang
    if source_lang is None:
        raise UsageError("the TMX does not say its source language (srclang); give --src-lang")
    if tgt is None:
        targets = sorted({s.lang.language for u in store for s in u.segments()
                          if s.lang is not None and s.lang.language != source_lang.language})
        if len(targets) != 1:
            found = ", ".join(targets) or "none"
            raise UsageError(f"a bilingual file holds one target language and this TMX has "
                             f"{found}: choose one with --tgt-lang")
        tgt = parse_language(targets[0])
    if tgt.language == source_lang.language:
        raise UsageError(f"source and target language are both {tgt.language!r}")
    out = Store(header=Header(source_lang=source_lang, target_langs=[tgt]), origin=store.origin)
    for unit in store:
        result.read += 1
        source = _variant(unit, source_lang)
        target = _variant(unit, tgt)
        if source is None or target is None:
            result.dropped += 1
            continue
        # TMX attributes (dates, usagecount …) have no place in a bilingual format
        out.add(Unit(source, [target], id=unit.id, notes=unit.notes, location=unit.location))
    result.written = len(out)
    return out


def _variant(unit: Unit, lang: LanguageTag) -> Segment | None:
    if unit.extra.get("tmx.no_source"):
        candidates = list(unit.targets)
    else:
        candidates = list(unit.segments())
    exact = [s for s in candidates if s.lang == lang]
    same = [s for s in candidates if s.lang is not None and s.lang.language == lang.language]
    found = exact or same
    return found[0] if found else None


def _tmx_from_bilingual(store: Store, src: LanguageTag | None, tgt: LanguageTag | None,
                        result: WriteResult) -> tuple[Header, Iterator[Unit]]:
    file_src = store.header.source_lang
    file_tgt = store.header.target_lang
    source_lang = _agree(file_src, src, "source", "--src-lang")
    target_lang = _agree(file_tgt, tgt, "target", "--tgt-lang")

    def units() -> Iterator[Unit]:
        for unit in store:
            result.read += 1
            target = unit.target
            if target is None or target.is_empty:
                result.dropped += 1
                continue
            if unit.source.lang is None:
                unit.source.lang = source_lang
            if target.lang is None:
                target.lang = target_lang
            unit.targets = [target]
            yield unit

    return Header(source_lang=source_lang, target_langs=[target_lang]), units()


def _agree(found: LanguageTag | None, given: LanguageTag | None, side: str,
           option: str) -> LanguageTag:
    if found is not None and given is not None and found.language != given.language:
        raise UsageError(f"the file's {side} language is {found.written()!r} but {option} "
                         f"says {given.written()!r}")
    chosen = found or given
    if chosen is None:
        raise UsageError(f"the file does not say its {side} language; give {option}")
    return chosen
