"""Format adapters. Importing this package registers every built-in handler.

Only modules in this package import lxml, polib or translate-toolkit's storage classes.
"""

from ahenk.formats.registry import FormatHandler, Kind, detect, get, handlers, register

# Built-in adapters: importing a module registers its handlers.
from ahenk.formats import omegat_glossary, tbx, tbx3, termbase_tabular  # noqa: E402,F401  isort: skip
from ahenk.formats import tmx  # noqa: E402,F401  isort: skip
from ahenk.formats import bitext, po, text, xliff  # noqa: E402,F401  isort: skip

__all__ = ["FormatHandler", "Kind", "detect", "get", "handlers", "register"]
