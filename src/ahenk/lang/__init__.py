"""Per-language knowledge: casing (Turkic İ/ı), folding, tokens, inflection-aware matching, numbers.

``language_module(tag)`` gives the :class:`~ahenk.lang.base.Language` for a language tag
(``"az"``, ``"ru-RU"``, ``"en_GB"``); a language ahenk has no module for falls back to exact,
case-folded matching. Each module declares its own ``code`` and is imported on first use, so
pymorphy3 loads only when Russian is asked for.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from ahenk.lang.base import Language, Role, Token
from ahenk.lang.casing import capitalize, fold, lower, upper
from ahenk.model.langtag import LanguageTag, parse_language

#: Languages with a module of their own: ``ahenk.lang.<code>`` defines ``LANGUAGE``.
MODULES = ("az", "en", "ru")


@lru_cache(maxsize=64)
def _module(code: str) -> Language:
    if code in MODULES:
        language: Language = import_module(f"ahenk.lang.{code}").LANGUAGE
        if language.code != code:  # pragma: no cover - a module naming another language
            raise RuntimeError(f"ahenk.lang.{code} declares language {language.code!r}")
        return language
    return Language(code)


def language_module(lang: str | LanguageTag) -> Language:
    """The language knowledge for *lang* (any BCP 47 spelling; only the language subtag counts)."""
    return _module(parse_language(lang).language)


__all__ = [
    "MODULES",
    "Language",
    "Role",
    "Token",
    "capitalize",
    "fold",
    "language_module",
    "lower",
    "upper",
]
