import pytest

from ahenk.errors import LanguageTagError
from ahenk.model import LanguageTag

# (as written by some tool, normalised tag, language subtag)
CASES = [
    ("az-Latn-AZ", "az-Latn-AZ", "az"),  # Trados
    ("az-AZ", "az-AZ", "az"),  # memoQ, Phrase
    ("az_AZ", "az-AZ", "az"),  # Java / OmegaT locales
    ("AZ", "az", "az"),  # old TMX files
    ("aze", "az", "az"),  # ISO 639-2
    ("azj", "az", "az"),  # ISO 639-3 North Azerbaijani
    ("az-latn", "az-Latn", "az"),
    ("az-Cyrl-AZ", "az-Cyrl-AZ", "az"),
    ("ru-RU", "ru-RU", "ru"),
    ("rus", "ru", "ru"),
    ("RU", "ru", "ru"),
    ("ru_RU.UTF-8", "ru-RU", "ru"),
    ("en-US", "en-US", "en"),
    ("EN-gb", "en-GB", "en"),
    ("eng", "en", "en"),
    ("tr-TR", "tr-TR", "tr"),
]


@pytest.mark.parametrize(("written", "normal", "language"), CASES)
def test_normalises_and_keeps_original(written, normal, language):
    tag = LanguageTag.parse(written)
    assert tag.tag == normal
    assert tag.language == language
    assert tag.original == written
    assert tag.written() == written


def test_equality_ignores_spelling():
    assert LanguageTag.parse("az_AZ") == LanguageTag.parse("az-AZ")
    assert LanguageTag.parse("aze") == LanguageTag.parse("az")
    assert LanguageTag.parse("az-AZ") != LanguageTag.parse("az")
    assert LanguageTag.parse("az-AZ").same_language("azj")
    assert not LanguageTag.parse("az").same_language("tr")


@pytest.mark.parametrize("bad", ["", "  ", "xx-YY", "english", "12", "az--AZ", "und"])
def test_rejects_nonsense(bad):
    with pytest.raises(LanguageTagError) as info:
        LanguageTag.parse(bad)
    assert repr(bad) in str(info.value)
