"""The language registry and the common interface every language module offers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ahenk.errors import LanguageTagError
from ahenk.lang import MODULES, Language, language_module


@pytest.mark.parametrize(("tag", "code"), [
    ("az", "az"), ("az-Latn-AZ", "az"), ("aze", "az"), ("ru_RU", "ru"), ("en-GB", "en"),
])
def test_dispatch_by_language_subtag(tag, code):
    assert language_module(tag).code == code
    assert type(language_module(tag)) is not Language


def test_unknown_language_falls_back_to_exact_folded_matching():
    de = language_module("de")
    assert type(de) is Language and de.code == "de"
    assert de.matches(["Menschenrechte"], ["MENSCHENRECHTE"])
    assert not de.matches(["Mensch"], ["Menschen"])


def test_nonsense_tag_is_an_error():
    with pytest.raises(LanguageTagError):
        language_module("not a language")


@pytest.mark.parametrize("code", MODULES)
def test_every_module_declares_its_code(code):
    assert language_module(code).code == code


def test_turkic_fold():
    az = language_module("az")
    assert az.fold("İNSAN HÜQUQLARI") == "insan hüquqları"
    assert az.fold("IŞIQ") == "ışıq"
    assert language_module("ru").fold("Ёлка") == "елка"
    assert language_module("en").fold("Ombudsman’s") == "ombudsman's"


@given(st.text(), st.sampled_from(["az", "ru", "en", "de"]))
def test_fold_keeps_offsets(text, code):
    assert len(language_module(code).fold(text)) == len(text)


@given(st.text(), st.sampled_from(["az", "ru", "en"]))
def test_tokens_are_where_they_say(text, code):
    for token in language_module(code).tokenize(text):
        assert text[token.start:token.end] == token.text


def test_tokens_keep_suffixes_joined_by_apostrophe_or_hyphen():
    az = language_module("az")
    assert [t.text for t in az.tokenize("BMT-nin, Azərbaycan-Ermənistan, COP29-da")] == [
        "BMT-nin", "Azərbaycan", "Ermənistan", "COP29-da"]
