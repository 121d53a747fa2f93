"""ahenk: language assets and consistency checks for English, Azerbaijani and Russian.

The package is layered: ``model`` and ``termbase`` hold format-neutral data, ``formats``
adapts files to that model through one registry, ``segment``/``align``/``check`` work on the
model only, and ``cli`` is a thin click front end.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
