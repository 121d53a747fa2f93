"""The resource limits ahenk applies to input, in one place (see SECURITY.md).

Files come from anywhere (client TMX, downloaded TBX, PO from contributors) and ahenk runs in CI
on pull requests from strangers, so no input may make it hang or take all memory.

=========================  ===============  ======================================================
limit                      value            what happens above it
=========================  ===============  ======================================================
segment length             100,000 chars    :data:`MAX_SEGMENT_CHARS`. Streaming TMX skips the
                                            unit with a ``segment-too-long`` warning (strict:
                                            :class:`~ahenk.errors.SchemaError`); every other
                                            reader refuses the file with a
                                            :class:`~ahenk.errors.FormatError` naming file and
                                            line.
whole-document file size   256 MiB          :data:`MAX_DOCUMENT_BYTES`. Formats read as a whole
                                            (TBX, XLIFF, PO, CSV/TSV, OmegaT glossary, text,
                                            SRX) are refused above it before any byte is parsed.
                                            ``AHENK_MAX_DOCUMENT_BYTES`` overrides it (``0``: no
                                            limit).
TMX file size              none             TMX streams: memory stays flat whatever the size.
XML text node / attribute  10,000,000 bytes libxml2's default limits (``huge_tree=False``):
XML nesting depth          256              the file is refused with a located ParseError.
XML entity expansion       none             entities are never expanded (see ``formats/_xml``).
segmentation rule time     10 s/paragraph   :data:`REGEX_TIMEOUT_SECONDS`. A rule of a user's SRX
                                            file that backtracks catastrophically stops the run
                                            with a :class:`~ahenk.errors.FormatError` instead of
                                            hanging it.
=========================  ===============  ======================================================
"""

from __future__ import annotations

import os

from ahenk.errors import FormatError

#: Longest segment (source or target text, or a term) ahenk reads, in characters. Real
#: segments are sentences or paragraphs (rarely past 5,000 characters); past this the aligner's
#: and fuzzy matcher's quadratic steps would let one unit stall a CI run.
MAX_SEGMENT_CHARS = 100_000

#: Longest time the segmentation rules may spend on one paragraph. Shipped rules take
#: microseconds; a hostile or broken SRX rule could otherwise backtrack for hours.
REGEX_TIMEOUT_SECONDS = 10.0

#: Largest file read as a whole document (every format but streaming TMX), in bytes.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024

_ENV_DOCUMENT_BYTES = "AHENK_MAX_DOCUMENT_BYTES"


def max_document_bytes() -> int | None:
    """The whole-document size limit in force (``None``: no limit)."""
    raw = os.environ.get(_ENV_DOCUMENT_BYTES)
    if raw is None or not raw.strip():
        return MAX_DOCUMENT_BYTES
    try:
        value = int(raw)
    except ValueError:
        return MAX_DOCUMENT_BYTES
    return value if value > 0 else None


def check_document_size(size: int, path: str | os.PathLike[str] | None) -> None:
    """Refuse a whole-document input larger than :func:`max_document_bytes`."""
    limit = max_document_bytes()
    if limit is not None and size > limit:
        raise FormatError(
            f"file is {size:,} bytes; ahenk reads at most {limit:,} bytes of this format as one "
            f"document (set {_ENV_DOCUMENT_BYTES} to raise the limit, or convert it to TMX, "
            "which streams)",
            path,
        )


def segment_too_long(text: str) -> str | None:
    """The message for a segment over :data:`MAX_SEGMENT_CHARS`, else ``None``."""
    if len(text) <= MAX_SEGMENT_CHARS:
        return None
    return (f"segment of {len(text):,} characters is longer than ahenk's maximum of "
            f"{MAX_SEGMENT_CHARS:,}")
