"""Language tags, normalised per BCP 47 but remembered as written.

CAT tools disagree on how to name a language: Trados writes ``az-Latn-AZ``, memoQ ``az-AZ`` or
``aze``, Java-based tools ``az_AZ``, old TMX files ``AZ``. All of them mean Azerbaijani. ahenk
compares languages by their *normalised* primary subtag and keeps the original spelling so a
round trip writes back what the user had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import langcodes

from ahenk.errors import LanguageTagError

#: The languages ahenk has linguistic knowledge of.
CORE_LANGUAGES = ("en", "az", "ru")

# ISO 639-2/3 codes and individual-language codes that CAT tools write for our languages.
# langcodes knows most of these; the table makes the intent explicit and independent of its data.
_ALIASES = {
    "eng": "en",
    "aze": "az",
    "azj": "az",  # North Azerbaijani (ISO 639-3 individual language of the macrolanguage az)
    "aze-latn": "az-Latn",
    "rus": "ru",
}


@dataclass(frozen=True, order=True)
class LanguageTag:
    """A normalised language tag that still knows how it was written.

    Equality and hashing use the normalised form only, so ``LanguageTag.parse("az_AZ") ==
    LanguageTag.parse("az-AZ")``; use :attr:`language` to compare languages regardless of
    region or script.
    """

    language: str
    script: str | None = None
    region: str | None = None
    original: str = field(default="", compare=False, hash=False)

    @classmethod
    def parse(cls, tag: str) -> LanguageTag:
        return _parse(tag)

    @property
    def tag(self) -> str:
        """The normalised BCP 47 form, e.g. ``az-Latn-AZ``."""
        return "-".join(p for p in (self.language, self.script, self.region) if p)

    def same_language(self, other: LanguageTag | str) -> bool:
        if isinstance(other, str):
            other = LanguageTag.parse(other)
        return self.language == other.language

    def written(self) -> str:
        """The tag as the file had it (for round trips), or the normalised form."""
        return self.original or self.tag

    def __str__(self) -> str:
        return self.tag


@lru_cache(maxsize=1024)
def _parse(tag: str) -> LanguageTag:
    raw = tag
    cleaned = tag.strip().replace("_", "-")
    if not cleaned:
        raise LanguageTagError(raw, "empty language tag")
    # Java/POSIX locales may carry an encoding or modifier: ru_RU.UTF-8, az_AZ@latin.
    cleaned = cleaned.split(".", 1)[0].split("@", 1)[0]
    lowered = cleaned.lower()
    for alias, target in _ALIASES.items():
        if lowered == alias or lowered.startswith(alias + "-"):
            cleaned = target + cleaned[len(alias):]
            break
    if not langcodes.tag_is_valid(cleaned):
        raise LanguageTagError(raw)
    try:
        standard = langcodes.standardize_tag(cleaned, macro=True)
    except (ValueError, LookupError) as exc:  # pragma: no cover - langcodes' own rejection
        raise LanguageTagError(raw, str(exc)) from exc
    lang = langcodes.Language.get(standard)
    if not lang.language or lang.language == "und":
        raise LanguageTagError(raw, "names no language")
    if not lang.is_valid():
        raise LanguageTagError(raw, "names no registered language")
    return LanguageTag(
        language=lang.language,
        script=lang.script,
        region=lang.territory,
        original=raw,
    )


def parse_language(tag: str | LanguageTag) -> LanguageTag:
    """Accept either form; raise :class:`LanguageTagError` for nonsense."""
    return tag if isinstance(tag, LanguageTag) else _parse(tag)


def is_core(tag: LanguageTag | str) -> bool:
    return parse_language(tag).language in CORE_LANGUAGES
