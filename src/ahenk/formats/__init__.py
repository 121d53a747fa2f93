"""Format adapters. Importing this package registers every built-in handler.

Only modules in this package import lxml, polib or translate-toolkit's storage classes.
"""

from ahenk.formats.registry import FormatHandler, Kind, detect, get, handlers, register

__all__ = ["FormatHandler", "Kind", "detect", "get", "handlers", "register"]
