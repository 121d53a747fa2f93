"""Library functions behind ``ahenk tmx``: validate, count, merge, dedupe and convert TMX.

Everything streams through :func:`ahenk.formats.tmx.iter_units` and
:func:`~ahenk.formats.tmx.write_units`, so a large translation memory is never held whole
(except where a bilingual format needs a whole store, in :func:`convert_tmx`). Outputs are
written atomically and never over an input.
"""

from ahenk.tmxops.convert import convert_tmx
from ahenk.tmxops.merge import WriteResult, dedupe_tmx, merge_tmx
from ahenk.tmxops.stats import TmxStats, tmx_stats
from ahenk.tmxops.validate import CODES, validate_tmx

__all__ = [
    "CODES",
    "TmxStats",
    "WriteResult",
    "convert_tmx",
    "dedupe_tmx",
    "merge_tmx",
    "tmx_stats",
    "validate_tmx",
]
