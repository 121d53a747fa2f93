"""TBX 2008 (ISO 30042:2008, ``<martif>``): read any martif file, write TBX-Basic.

Reading takes ``termEntry`` → ``langSet`` → ``tig`` or ``ntig`` (``termGrp``), with
``descrip`` subjectField/definition (also inside ``descripGrp``), ``termNote`` partOfSpeech,
termType, administrativeStatus, normativeAuthorization (and TBX-Min's usageStatus), and
``note``. A ``langSet`` needs a valid ``xml:lang``; the tag is normalised through
:class:`~ahenk.model.LanguageTag` and its spelling kept. A concept-level definition belongs to
the language in scope (its own ``xml:lang``, else the martif's). What the model has no field for
(transactions, admin, xref, context sentences) is not kept; langSet-level notes go to
``Concept.extra["lang_notes"]``.

Writing produces ``<martif type="TBX-Basic">`` that Trados MultiTerm, memoQ and OmegaT import:
subjectField and notes per concept, one definition per langSet, and per term termType,
partOfSpeech and administrativeStatus, with no DOCTYPE (a DTD the reader cannot find makes some
Java parsers fail).

Term status. TBX-Basic's administrativeStatus picklist is preferredTerm-, admittedTerm-,
deprecatedTerm- and supersededTerm-admn-sts; there is no "forbidden". Tools that need one go
outside the standard: Weblate reads a non-standard ``forbidden`` value, Phrase writes its own
``<termNote type="forbidden">true``; LTAC's TBX-Min→Basic converter maps TBX-Min's
``notRecommended`` to deprecatedTerm-admn-sts and ``obsolete`` to supersededTerm-admn-sts.
ahenk writes preferred/admitted/deprecated as the matching value and *forbidden* as
``deprecatedTerm-admn-sts`` — the strongest "do not use" TBX-Basic has, so every CAT tool keeps
warning about the term — plus ``<note>ahenk:status=forbidden</note>`` in the same ``tig``. The
file stays valid TBX-Basic, a tool that ignores the note still treats the term as not to be
used, and ahenk reads the status back exactly. On reading, deprecatedTerm and supersededTerm
are ``deprecated``; a non-standard ``forbidden`` value and Phrase's flag are ``forbidden``.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from ahenk.errors import SchemaError, UsageError
from ahenk.formats import _tbx_common as common
from ahenk.formats import _tbx_write, _xml
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.io import read_bytes, write_bytes
from ahenk.termbase.model import PARTS_OF_SPEECH, Termbase

DIALECT = common.Dialect(
    name="tbx",
    root="martif",
    header="martifHeader",
    entry="termEntry",
    lang_sec="langSet",
    term_secs=("tig", "ntig"),
    namespace=None,
    pos_values=PARTS_OF_SPEECH,
)


@register
class Tbx2008Handler(FormatHandler):
    name = "tbx"
    description = "TBX 2008 / TBX-Basic (martif), ISO 30042:2008"
    extensions = ("tbx",)
    kind = Kind.TERMBASE
    read_options: ClassVar[frozenset[str]] = frozenset()
    write_options: ClassVar[frozenset[str]] = frozenset()
    #: What a read→write→read keeps (used by the contract tests).
    keeps: ClassVar[frozenset[str]] = frozenset(
        {"id", "subject", "definitions", "concept_note", "status", "pos", "type", "term_note"}
    )
    writes_empty: ClassVar[bool] = False

    def sniff(self, head: bytes) -> bool:
        return b"<martif" in head or b"<\x00m\x00a\x00r\x00t\x00i\x00f" in head

    def read(self, path: str | os.PathLike[str], **options: Any) -> Termbase:
        _no_options(options)
        root = _xml.parse(read_bytes(path), path)
        if _xml.local(root) != "martif":
            hint = " (a TBX v3 file: read it as tbx-v3)" if _xml.local(root) == "tbx" else ""
            raise SchemaError(
                f"root element is <{_xml.local(root)}>, not <martif>{hint}", path, root.sourceline
            )
        return common.read_body(root, DIALECT, os.fspath(path))

    def write(self, obj: Termbase, path: str | os.PathLike[str], **options: Any) -> None:
        _no_options(options)
        d = DIALECT
        root = d.element("martif", type="TBX-Basic")
        root.set(_xml.XML_LANG, _tbx_write.document_lang(obj))
        header = d.sub(root, "martifHeader")
        _tbx_write.file_description(obj, d, header, path)
        d.sub(d.sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
        body = d.sub(d.sub(root, "text"), "body")
        _tbx_write.build_body(obj, d, body, path)
        write_bytes(path, _tbx_write.serialise(root))


def _no_options(options: dict[str, Any]) -> None:
    if options:
        raise UsageError(f"tbx takes no options (got {', '.join(sorted(options))})")
