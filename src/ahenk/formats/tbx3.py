"""TBX v3 (ISO 30042:2019, ``<tbx>``): read the DCA and DCT styles, write TBX-Basic DCA.

The root is ``<tbx type="TBX-Basic|TBX-Min|TBX-Core|…" style="dca|dct">`` in the namespace
``urn:iso:std:iso:30042:ed-2``; concepts are ``conceptEntry`` → ``langSec`` → ``termSec``. In
DCA style a data category is an attribute (``<termNote type="partOfSpeech">``), in DCT style an
element of a module namespace (``<min:partOfSpeech>``, ``<basic:definition>``); the reader takes
both, and TBX-Min's ``usageStatus`` (preferred/admitted/notRecommended/obsolete) as well as
``administrativeStatus``. Data categories the model has no field for are not kept.

The writer produces DCA-style TBX-Basic that validates against LTAC's integrated RELAX NG schema
(``TBXcoreStructV03_TBX-Basic_integrated.rng``) and keeps to the Schematron picklists. TBX v3
needs at least one concept, one language section per concept and one term per section, so an
empty termbase or a concept without terms is refused with an error rather than written invalid.

Statuses are written as in :mod:`ahenk.formats.tbx` (``forbidden`` → deprecatedTerm-admn-sts
plus ``<note>ahenk:status=forbidden</note>``). TBX-Basic v3's partOfSpeech picklist has no
``properNoun``: such a term is written ``noun`` with ``<note>ahenk:partOfSpeech=properNoun</note>``
and read back as properNoun.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from lxml import etree

from ahenk.errors import SchemaError, UsageError
from ahenk.formats import _tbx_common as common
from ahenk.formats import _tbx_write, _xml
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.io import read_bytes, write_bytes
from ahenk.termbase.model import Termbase

TBX_NS = "urn:iso:std:iso:30042:ed-2"
#: partOfSpeech picklist of TBX-Basic v3 (the Min module's).
POS_VALUES = ("adjective", "noun", "other", "verb", "adverb")

DIALECT = common.Dialect(
    name="tbx-v3",
    root="tbx",
    header="tbxHeader",
    entry="conceptEntry",
    lang_sec="langSec",
    term_secs=("termSec",),
    namespace=TBX_NS,
    pos_values=POS_VALUES,
)


@register
class Tbx3Handler(FormatHandler):
    name = "tbx-v3"
    description = "TBX v3 (ISO 30042:2019), TBX-Basic; reads DCA and DCT, writes DCA"
    extensions = ("tbx",)
    kind = Kind.TERMBASE
    read_options: ClassVar[frozenset[str]] = frozenset()
    write_options: ClassVar[frozenset[str]] = frozenset()
    keeps: ClassVar[frozenset[str]] = frozenset(
        {"id", "subject", "definitions", "concept_note", "status", "pos", "type", "term_note"}
    )
    writes_empty: ClassVar[bool] = False

    def sniff(self, head: bytes) -> bool:
        return b"urn:iso:std:iso:30042:ed-2" in head or b"<tbx " in head

    def read(self, path: str | os.PathLike[str], **options: Any) -> Termbase:
        _no_options(options)
        root = _xml.parse(read_bytes(path), path)
        if _xml.local(root) != "tbx":
            hint = " (a TBX 2008 file: read it as tbx)" if _xml.local(root) == "martif" else ""
            raise SchemaError(
                f"root element is <{_xml.local(root)}>, not <tbx>{hint}", path, root.sourceline
            )
        ns = _xml.namespace(root)
        if ns and ns != TBX_NS:
            raise SchemaError(f"<tbx> is in namespace {ns!r}, not {TBX_NS!r}", path,
                              root.sourceline)
        style = root.get("style", "dca")
        if style not in ("dca", "dct"):
            raise SchemaError(f"style={style!r}: expected 'dca' or 'dct'", path, root.sourceline)
        termbase = common.read_body(root, DIALECT, os.fspath(path))
        termbase.extra["tbx_type"] = root.get("type")
        termbase.extra["tbx_style"] = style
        return termbase

    def write(self, obj: Termbase, path: str | os.PathLike[str], **options: Any) -> None:
        _no_options(options)
        d = DIALECT
        root = _root()
        root.set(_xml.XML_LANG, _tbx_write.document_lang(obj))
        header = d.sub(root, "tbxHeader")
        _tbx_write.file_description(obj, d, header, path)
        body = d.sub(d.sub(root, "text"), "body")
        _tbx_write.build_body(obj, d, body, path)
        write_bytes(path, _tbx_write.serialise(root))


def _root() -> etree._Element:
    return etree.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca"},
                         nsmap={None: TBX_NS})


def _no_options(options: dict[str, Any]) -> None:
    if options:
        raise UsageError(f"tbx-v3 takes no options (got {', '.join(sorted(options))})")
