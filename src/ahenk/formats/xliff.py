"""XLIFF: ``xliff`` (1.0 – 1.2, with Trados Studio SDLXLIFF and memoQ MQXLIFF) and ``xliff2``.

Reading parses the whole document with the hardened parser (:mod:`ahenk.formats._xml`: no
entities, no DTD, no network). Either handler reads either version: the root's namespace or
``version`` decides (``urn:oasis:names:tc:xliff:document:2.0`` / ``version="2.x"`` → 2.0).
Inline codes are mapped by :mod:`.xliff_inline`; XLIFF 2.0 details are in :mod:`.xliff2`.

Where XLIFF 1.2 goes in the model
---------------------------------
==========================================  =================================================
XLIFF 1.2                                   ahenk
==========================================  =================================================
first ``<file>`` source-/target-language    ``Header.source_lang`` / ``target_langs`` (other
                                            files' target languages appended)
``<file>`` attributes, per file             ``Header.extra["xliff.files"]``; each unit's file
                                            index in ``Unit.extra["xliff.file"]``
``header/tool@tool-name``, ``tool-version``  ``Header.tool`` / ``tool_version``
``xliff@version``; namespace prefixes       ``Header.extra["xliff.version"]``,
                                            ``Header.extra["xliff.namespaces"]``
``<trans-unit>``                            one ``Unit``; ``id`` is the trans-unit id
``<trans-unit>`` attributes                 ``Unit.attrs`` by their names: ``approved``,
                                            ``translate`` (``"no"``), ``resname`` …; memoQ's
                                            as ``mq:status``, ``mq:locked`` …
``<source>`` / ``<target>``                 ``Unit.source`` / ``Unit.target`` (no target
                                            element: no target); their attributes in
                                            ``Segment.attrs``: ``state``,
                                            ``state-qualifier``, ``xml:lang`` …
``<note>``                                  ``Note(text, author=from, lang=xml:lang,
                                            annotates=annotates)``
``<alt-trans>``                             ``Unit.extra["xliff.alt_trans"]`` (read only)
``<seg-source>`` with ``<mrk mtype="seg">``  one ``Unit`` *per segment*, ``id`` =
                                            ``"trans-unit-id/mid"``, source and target from
                                            the ``mrk`` s with that ``mid``;
                                            ``Unit.extra["xliff.segment_of"] = (tuid, mid)``;
                                            trans-unit notes go to its first segment
``sdl:seg`` (SDLXLIFF ``seg-defs``)         its attributes in ``Unit.attrs`` as ``sdl:conf``
                                            (Draft, Translated, ApprovedTranslation …),
                                            ``sdl:locked``, ``sdl:origin``, ``sdl:percent`` …
``<group>``, ``<bin-unit>``, contexts,      not kept (groups are flattened)
SDL ``tag-defs``/``cxt-defs``
==========================================  =================================================

``Unit.id`` is unique within a ``<file>`` (as XLIFF requires), not across files.

Problems while reading (lenient by default: the unit is skipped with an
:class:`XliffWarning`; ``strict=True`` raises :class:`~ahenk.errors.SchemaError`; or pass
``problems=callback``): ``xliff-no-id``, ``xliff-no-source``, ``xliff-no-segment``,
``xliff-bad-inline``, ``xliff-language``. Malformed XML always raises
:class:`~ahenk.errors.ParseError` with line and column; a root that is not ``<xliff>`` raises
:class:`~ahenk.errors.SchemaError`.

Writing
-------
``xliff`` writes XLIFF 1.2 (see :mod:`.xliff_write`: valid against the strict schema; SDLXLIFF
and memoQ files come out as *plain* XLIFF 1.2, segmented trans-units as ``<seg-source>``).
``xliff2`` writes XLIFF 2.0 core (:mod:`.xliff2`), where a character XML cannot hold is written
as ``<cp hex="…"/>``; XLIFF 1.2 refuses it with a :class:`~ahenk.errors.FormatError`.
"""

from __future__ import annotations

import codecs
import os
from typing import Any, ClassVar

from lxml import etree

from ahenk.errors import FormatError, SchemaError, UsageError
from ahenk.formats import xliff2, xliff_write
from ahenk.formats._xml import local, namespace, parse
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.formats.xliff_read import Reader12, Reporter, XliffWarning
from ahenk.io import read_bytes, sniff_bom, write_bytes
from ahenk.model import Store

__all__ = ["XliffHandler", "Xliff2Handler", "XliffWarning", "read", "write"]


def _head_text(head: bytes) -> str:
    encoding, skip = sniff_bom(head)
    if encoding is None and head[:2] in (b"<\x00", b"\x00<"):
        encoding = "utf-16-le" if head[:1] == b"<" else "utf-16-be"
    return codecs.decode(head[skip:], encoding or "utf-8", errors="ignore")


def _is_v2(text: str) -> bool:
    return "urn:oasis:names:tc:xliff:document:2." in text or (
        "urn:oasis:names:tc:xliff:document:1." not in text
        and any(f'version="2.{d}"' in text or f"version='2.{d}'" in text for d in "0123"))


def read(path: str | os.PathLike[str], **options: Any) -> Store:
    """Read XLIFF 1.x or 2.x. Options: ``strict`` (bool), ``problems`` (callback)."""
    report = Reporter(os.fspath(path), bool(options.pop("strict", False)),
                      options.pop("problems", None))
    if options:
        raise UsageError(f"xliff: unknown option(s) {', '.join(sorted(options))}")
    root = parse(read_bytes(path), path)
    if local(root) != "xliff":
        raise SchemaError(f"root element is <{local(root) or root.tag}>, not <xliff>", path, 1)
    ns = namespace(root)
    if ns.startswith("urn:oasis:names:tc:xliff:document:2.") or (
            not ns.startswith("urn:oasis:names:tc:xliff:document:1.")
            and (root.get("version") or "").startswith("2")):
        return xliff2.read_root(root, os.fspath(path), report)
    return Reader12(root, os.fspath(path), report).read()


def write(store: Store, path: str | os.PathLike[str], version: str = "1.2",
          **options: Any) -> None:
    """Write XLIFF 1.2 (default) or, with ``version="2.0"``, XLIFF 2.0."""
    if version == "1.2":
        xliff_write.write_store(store, path, **options)
        return
    if version != "2.0":
        raise UsageError(f"xliff: version={version!r}: expected '1.2' or '2.0'")
    if options:
        raise UsageError(f"xliff2: unknown option(s) {', '.join(sorted(options))}")

    def check(value: str, what: str) -> str:
        bad = xliff_write.NOT_XML_CHAR.search(value)
        if bad:
            raise FormatError(f"{what}: character U+{ord(bad.group()):04X} cannot be written "
                              "in XML 1.0 here", path)
        return value

    root = xliff2.build(store, path, check)
    write_bytes(path, etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n")


@register
class XliffHandler(FormatHandler):
    name = "xliff"
    description = "XLIFF 1.2 (reads 1.0-1.2, SDLXLIFF, memoQ; also 2.0); writes plain XLIFF 1.2"
    extensions = ("xlf", "xliff", "sdlxliff", "mqxliff")
    kind = Kind.BILINGUAL
    read_options: ClassVar[frozenset[str]] = frozenset({"strict", "problems"})
    write_options: ClassVar[frozenset[str]] = frozenset({"extra_attrs", "problems"})

    def sniff(self, head: bytes) -> bool:
        text = _head_text(head)
        return "<xliff" in text and not _is_v2(text)

    def read(self, path: str | os.PathLike[str], **options: Any) -> Store:
        return read(path, **options)

    def write(self, obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
        write(obj, path, "1.2", **options)


@register
class Xliff2Handler(FormatHandler):
    name = "xliff2"
    description = "XLIFF 2.0 core (units, segments, ignorables, inline codes, state)"
    extensions = ("xlf", "xliff")
    kind = Kind.BILINGUAL
    read_options: ClassVar[frozenset[str]] = frozenset({"strict", "problems"})
    write_options: ClassVar[frozenset[str]] = frozenset({"extra_attrs", "problems"})

    def sniff(self, head: bytes) -> bool:
        text = _head_text(head)
        return "<xliff" in text and _is_v2(text)

    def read(self, path: str | os.PathLike[str], **options: Any) -> Store:
        store = read(path, **options)
        return store

    def write(self, obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
        write(obj, path, "2.0", **options)
