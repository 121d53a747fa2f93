"""The built-in checks, one module per family. Importing this package registers them all.

A new family is added here by name (explicit registration; nothing is discovered).
"""

from ahenk.check.checks import (  # noqa: F401
    consistency,
    generic,
    language,
    numbers,
    placeholders,
    repetition,
    spacing,
    terms,
    untranslated,
)
