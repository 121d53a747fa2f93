"""Per-language knowledge: casing (Turkic İ/ı), normalisation, and later inflection and numbers."""

from ahenk.lang.casing import capitalize, fold, lower, upper

__all__ = ["capitalize", "fold", "lower", "upper"]
