"""ahenk's own SRX rules for English, Azerbaijani and Russian, shipped as ``data/ahenk.srx``.

The file is plain SRX 2.0 (valid against the OmegaT ``srx20.xsd``, Java-regex compatible) so a
translator can load the very same rules into OmegaT or Okapi and get the same segments.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

from ahenk.io import write_bytes
from ahenk.segment.srx import SrxDocument, parse_srx

SHIPPED_NAME = "ahenk.srx"


def shipped_srx_bytes() -> bytes:
    return resources.files("ahenk.segment").joinpath("data", SHIPPED_NAME).read_bytes()


@lru_cache(maxsize=1)
def shipped_rules() -> SrxDocument:
    return parse_srx(shipped_srx_bytes(), SHIPPED_NAME)


def export_srx(path: str | os.PathLike[str]) -> None:
    """Write the shipped rules, byte for byte, to *path* (atomically)."""
    write_bytes(path, shipped_srx_bytes())
