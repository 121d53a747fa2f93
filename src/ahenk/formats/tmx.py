"""TMX (Translation Memory eXchange) 1.4b: the multilingual translation-memory adapter.

Reads TMX 1.1 – 1.4b in UTF-8 or UTF-16 (with BOM), streaming (:mod:`.tmx_read`); writes
TMX 1.4b in UTF-8, streaming and atomically (:mod:`.tmx_write`); inline markup is mapped by
:mod:`.tmx_inline`, whose docstring documents the span representation.

Where TMX goes in the model
---------------------------
=================================  ===========================================================
TMX                                 ahenk
=================================  ===========================================================
``header@srclang``                  ``Header.source_lang``; ``*all*``/``all`` (Olifant) or an
                                    unknown tag stay raw in ``Header.attrs["srclang"]``
``creationtool(version)``           ``Header.tool`` / ``Header.tool_version``
other header attributes             ``Header.attrs``; ``<ude>`` in ``Header.extra["tmx.ude"]``
``tmx@version``                     ``Header.extra["tmx.version"]`` (always 1.4 on writing)
``tu@tuid``                         ``Unit.id`` and ``Unit.attrs["tuid"]`` (``id`` wins on write)
``tu``/``tuv`` attributes of        ``Unit.attrs`` / ``Segment.attrs`` by their own names
the DTD (creationdate, usagecount…)
``tuv@xml:lang`` (or 1.1 ``lang``)  ``Segment.lang`` (spelling kept); unparseable tags raw in
                                    ``Segment.extra["tmx.lang"]``
``prop``                            ``props`` of header/unit/segment as ``(type, text)``; its
                                    ``xml:lang``/``o-encoding`` in ``extra["tmx.prop_attrs"]``
``note``                            ``Note(text, lang=xml:lang)``; ``o-encoding`` in
                                    ``extra["tmx.note_attrs"]``
attributes the DTD does not know    ``extra["tmx.attrs"]`` of header/unit/segment
(Olifant ``genre``, ``tu@id`` …)
=================================  ===========================================================

Source and targets: the source is the first ``tuv`` whose language equals ``tu@srclang`` (else
``header@srclang``), else the first of the same primary language; with ``*all*`` the first
``tuv``. The others are targets, in file order; a source that was not first is remembered in
``Unit.extra["tmx.source_index"]`` so writing restores the order. A ``tu`` without a variant
in the source language is kept with an empty source (``Unit.extra["tmx.no_source"]``) and a
``tmx-no-source-variant`` warning.

Problems while reading (stable codes): ``tmx-no-variant``, ``tmx-no-language``,
``tmx-bad-structure``, ``tmx-bad-inline``, ``tmx-unexpected-element``, ``tmx-entity``,
``tmx-no-source-variant``. Lenient (default): the unit is skipped (except the last, see above)
and a :class:`TmxWarning` naming file and line is issued, or, with ``problems=callback``, a
:class:`~ahenk.diagnostics.Problem` is passed to the callback. ``strict=True``: raises
:class:`~ahenk.errors.SchemaError` (a ``ParseError``) with path and line. Malformed XML
always raises ``ParseError`` with path, line and column.

Attributes the DTD does not allow are written, by ``extra_attrs``: ``"props"`` (default) as
``<prop type="x-ahenk-attr:NAME">`` on header/tu/tuv, which the reader turns back into
attributes, so output stays DTD-valid and nothing is lost (on ``prop``, ``note``, ``seg`` and
inline elements, where no prop fits, they are left out with one ``tmx-attribute-dropped``
warning); ``"attributes"`` as attributes (what Olifant wrote, not DTD-valid); ``"drop"``.

Writer profiles
---------------
``profile=`` changes only what tools disagree on; creationtool is always ``ahenk``, and
o-tmf, segtype, datatype and adminlang read from a file are kept (the profile gives the
default when absent). Nothing reads the clock. Language tags, for Azerbaijani / Russian /
English given as ``az`` / ``ru`` / ``en``:

=========  ==================================  ===============  ========  =========  =======
profile    language tags                        az / ru / en     adminlang datatype  DOCTYPE
=========  ==================================  ===============  ========  =========  =======
generic    as read (``LanguageTag.written``)    az / ru / en     en        plaintext  yes
omegat     language[-REGION], no script         az / ru / en     EN-US     plaintext  yes
trados     .NET culture: region always, script  az-Latn-AZ /     en-US     xml        no
           for multi-script languages           ru-RU / en-US
memoq      language[-REGION], no script         az / ru / en     en-us     unknown    yes
phrase     language-REGION (script if given)    az-AZ / ru-RU /  en-US     PlainText  no
                                                en-US
=========  ==================================  ===============  ========  =========  =======

segtype defaults to ``sentence`` everywhere. Where these come from: OmegaT's ``TMXWriter2``
writes ``adminlang="EN-US" datatype="plaintext"``, segtype sentence/paragraph, the DOCTYPE,
and project languages as ``en``/``zh-CN``; its reader (``TMXReader2.getTuvByLang``) matches
language+country, then language alone, so a script subtag only gets in the way. Trados
Studio exports (``o-tmf="SDL TM8 Format"``) use full culture names (``en-US``, ``ru-RU``;
.NET names Azerbaijani ``az-Latn-AZ``), ``datatype="xml"`` and no DOCTYPE, and its TMs are
per sublanguage, so a region is always written. memoQ's help says it writes TMX 1.4b with
"two-letter ISO codes with occasional sublanguage" (``en``, ``zh-CN``, ``adminlang="en-us"``,
``datatype="unknown"``). Phrase's documented TMX sample uses ``de-DE``/``en-GB`` and
``datatype="PlainText"``. Not verified against the tools themselves: whether memoQ and Phrase
write a script subtag for Azerbaijani, and Phrase's choice of DOCTYPE.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from typing import Any, ClassVar

from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.formats.tmx_inline import native_code
from ahenk.formats.tmx_read import TmxWarning, UnitStream, read_store, stream_units
from ahenk.formats.tmx_write import PROFILES, write_store, write_units
from ahenk.io import sniff_bom
from ahenk.model import Header, Store, Unit

__all__ = [
    "PROFILES",
    "TmxHandler",
    "TmxWarning",
    "UnitStream",
    "iter_units",
    "native_code",
    "read",
    "read_header",
    "write",
    "write_units",
]


def iter_units(path: str | os.PathLike[str], **options: Any) -> UnitStream:
    """Stream the units of *path*; ``.header`` is available before the first unit.

    Options: ``strict`` (bool, default False), ``problems`` (callable taking a
    :class:`~ahenk.diagnostics.Problem`; default: issue :class:`TmxWarning`).
    """
    return UnitStream(path, **options)


def read_header(path: str | os.PathLike[str], **options: Any) -> Header:
    """Only the header: parsing stops after ``</header>``."""
    stream = UnitStream(path, **options)
    try:
        return stream.header
    finally:
        stream.close()


def read(path: str | os.PathLike[str], **options: Any) -> Store:
    """The whole file as a :class:`Store` (``header.target_langs`` filled from the units)."""
    return read_store(path, **options)


def write(store: Store, path: str | os.PathLike[str], **options: Any) -> None:
    """Write *store* atomically. Options: ``profile``, ``doctype``, ``extra_attrs``."""
    write_store(store, path, **options)


@register
class TmxHandler(FormatHandler):
    name = "tmx"
    description = "TMX 1.4b translation memory (reads 1.1-1.4b, UTF-8/UTF-16)"
    extensions = ("tmx",)
    kind = Kind.MULTILINGUAL
    read_options: ClassVar[frozenset[str]] = frozenset({"strict", "problems"})
    write_options: ClassVar[frozenset[str]] = frozenset({"profile", "doctype", "extra_attrs"})
    streams = True

    def sniff(self, head: bytes) -> bool:
        encoding, skip = sniff_bom(head)
        if encoding is None and head[:2] in (b"<\x00", b"\x00<"):
            encoding = "utf-16-le" if head[:1] == b"<" else "utf-16-be"
        text = codecs.decode(head[skip:], encoding or "utf-8", errors="ignore")
        return "<tmx" in text

    def read(self, path: str | os.PathLike[str], **options: Any) -> Store:
        return read(path, **options)

    def iter_units(self, path: str | os.PathLike[str],
                   **options: Any) -> tuple[Header, Iterator[Unit]]:
        return stream_units(path, **options)

    def write(self, obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
        write(obj, path, **options)
