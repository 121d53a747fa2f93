"""SRX 2.0 loading and semantics: rule order, cascade, maprules, empty patterns, bad files."""

from __future__ import annotations

import html
import re

import pytest

from ahenk.errors import ParseError, SchemaError, UsageError
from ahenk.segment import SrxSegmenter, load_srx, parse_srx
from tests.conftest import shared_file


def srx(rules: dict[str, str], maps: list[tuple[str, str]], cascade: bool = False) -> bytes:
    body = "".join(
        f'<languagerule languagerulename="{name}">{text}</languagerule>'
        for name, text in rules.items()
    )
    mapping = "".join(
        f'<languagemap languagepattern="{p}" languagerulename="{n}"/>' for p, n in maps
    )
    return (
        '<?xml version="1.0"?><srx xmlns="http://www.lisa.org/srx20" version="2.0">'
        f'<header segmentsubflows="yes" cascade="{"yes" if cascade else "no"}"/>'
        f"<body><languagerules>{body}</languagerules><maprules>{mapping}</maprules></body></srx>"
    ).encode()


def rule(breaks: bool, before: str = "", after: str = "") -> str:
    parts = (f"<beforebreak>{before}</beforebreak>" if before else "") + (
        f"<afterbreak>{after}</afterbreak>" if after else ""
    )
    return f'<rule break="{"yes" if breaks else "no"}">{parts}</rule>'


def texts(data: bytes, text: str, lang: str = "en") -> list[str]:
    return [s.text for s in SrxSegmenter(parse_srx(data, "t.srx")).segment(text, lang)]


STOP = rule(True, r"\.", r"\s")
NO_MR = rule(False, r"\bMr\.", r"\s")


def test_first_matching_rule_decides() -> None:
    assert texts(srx({"a": NO_MR + STOP}, [(".*", "a")]), "Mr. X. Y.") == ["Mr. X.", "Y."]
    assert texts(srx({"a": STOP + NO_MR}, [(".*", "a")]), "Mr. X. Y.") == ["Mr.", "X.", "Y."]


def test_no_matching_rule_means_no_break() -> None:
    assert texts(srx({"a": rule(True, "!", r"\s")}, [(".*", "a")]), "A. B! C") == ["A. B!", "C"]


def test_empty_before_or_after_matches_everywhere() -> None:
    data = srx({"a": rule(False, "", "[0-9]") + rule(True, r"\.")}, [(".*", "a")])
    assert texts(data, "One. Two 01.07.2014.") == ["One.", "Two 01.07.2014."]


def test_without_cascade_only_the_first_matching_map_applies() -> None:
    data = srx({"en": NO_MR, "all": STOP}, [("en.*", "en"), (".*", "all")])
    assert texts(data, "Mr. X. Y.") == ["Mr. X. Y."]
    assert texts(data, "Mr. X. Y.", "ru") == ["Mr.", "X.", "Y."]


def test_cascade_concatenates_every_matching_map_in_order() -> None:
    data = srx({"en": NO_MR, "all": STOP}, [("en.*", "en"), (".*", "all")], cascade=True)
    assert texts(data, "Mr. X. Y.") == ["Mr. X.", "Y."]
    assert SrxSegmenter(parse_srx(data)).rule_names("en-GB") == ("en", "all")
    assert SrxSegmenter(parse_srx(data)).rule_names("ru") == ("all",)


@pytest.mark.parametrize("tag", ["en", "EN", "en-US", "en_US", "eng", "en-Latn-GB"])
def test_maprules_match_every_spelling_of_a_tag(tag: str) -> None:
    data = srx({"en": STOP}, [("EN.*", "en")])
    assert texts(data, "A. B.", tag) == ["A.", "B."]


def test_a_language_without_rules_is_a_usage_error() -> None:
    data = srx({"en": STOP}, [("EN.*", "en")])
    with pytest.raises(UsageError, match="no segmentation rules for language 'az'"):
        texts(data, "A. B.", "az")


@pytest.mark.parametrize(
    ("data", "error", "line"),
    [
        (b"<srx", ParseError, 1),
        (b"<?xml version='1.0'?>\n<tmx version='1.4'/>", SchemaError, 2),
        (
            b'<srx xmlns="http://www.lisa.org/srx20" version="1.0"><header/><body/></srx>',
            SchemaError,
            1,
        ),
        (b'<!DOCTYPE srx [<!ENTITY a "b">]><srx/>', ParseError, 1),
        (srx({"a": '<rule break="maybe"/>'}, [(".*", "a")]), SchemaError, 1),
        (srx({"a": STOP}, [(".*", "nope")]), SchemaError, 1),
    ],
)
def test_invalid_srx_is_a_located_error(data: bytes, error: type, line: int) -> None:
    with pytest.raises(error) as info:
        parse_srx(data, "x.srx")
    assert info.value.path == "x.srx"
    assert info.value.line == line


REFERENCE_FILES = [
    "languagetool_segment_srx_2017_copy_in_changwoo-SrxTest.srx",
    "okapi_alternate-default.srx",
    "okapi_defaultSegmentation.srx",
    "okapi_default_icu4j.srx",
    "okapi_gcaligner_default.srx",
    "omegat_defaultRules.srx",
]


@pytest.mark.shared
@pytest.mark.parametrize("name", REFERENCE_FILES)
@pytest.mark.parametrize("lang", ["en", "ru", "de"])
def test_reference_srx_files_load_and_apply(name: str, lang: str) -> None:
    segmenter = SrxSegmenter(load_srx(shared_file("interop", "srx", name)))
    text = "Mr. Holmes is from the U.K. Is Dr. Watson there? Yes! Both are here."
    segments = segmenter.segment(text, lang)
    if lang != "de":  # some files give German (through "Default") no break rules at all
        assert len(segments) >= 2
    assert all(text[s.start : s.end] == s.text for s in segments)


@pytest.mark.shared
def test_languagetool_rules_on_the_changwoo_korean_sample() -> None:
    srx_file = shared_file(
        "interop", "srx", "languagetool_segment_srx_2017_copy_in_changwoo-SrxTest.srx"
    )
    text = shared_file("interop", "srx", "changwoo-SrxTest_test.txt").read_text(encoding="utf-8")
    segments = SrxSegmenter(load_srx(srx_file)).segment(text, "ko")
    assert "이게 뭐지?" in [s.text for s in segments]
    assert "Richard M. Stallman 이렇게 말했다." in [s.text for s in segments]


@pytest.mark.shared
def test_okapi_trados_rules_reproduce_the_trados_gold_output() -> None:
    """Okapi's tradosSegmentation.srx on TradosTest.html gives Trados' own segments."""
    folder = ("interop", "okapi", "libraries_lib-segmentation")
    rules = load_srx(shared_file(*folder, "tradosSegmentation.srx"))
    page = shared_file(*folder, "TradosTest.html").read_text(encoding="utf-8")
    gold = shared_file(*folder, "TradosTest.tmx.txt").read_text(encoding="utf-8").splitlines()[1:]
    blocks = re.findall(r"<(?:p|h1|h2)>(.*?)</(?:p|h1|h2)>", page, re.S)
    paragraphs = [html.unescape(" ".join(re.sub(r"<[^>]+>", "", b).split())) for b in blocks]
    segmenter = SrxSegmenter(rules)
    got = [s.text for p in paragraphs for s in segmenter.segment(p, "en")]
    assert got == [re.sub(r"</?\d+>", "", line) for line in gold]
