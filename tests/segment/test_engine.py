"""The segmenter's contract: spans tile the input, paragraphs always break, locations, signature."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ahenk.errors import EncodingError, LanguageTagError, UsageError
from ahenk.segment import SrxSegmenter, get_segmenter, segment, segment_file

ALPHABET = st.sampled_from(
    list("aAzZəƏıİжЖ .!?…«»\"'()-,;:0123456789\n\t\r\u2029 ") + ["p.m.", "т. е.", "Dr."]
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    text=TEXTS, lang=st.sampled_from(["en", "az", "ru"]), mode=st.sampled_from(["line", "blank"])
)
def test_segments_tile_the_input(text: str, lang: str, mode: str) -> None:
    segments = segment(text, lang, paragraphs=mode)
    covered = []
    last_end = 0
    for seg in segments:
        assert seg.start >= last_end
        assert seg.text == text[seg.start : seg.end]
        assert seg.text and not seg.text[0].isspace() and not seg.text[-1].isspace()
        covered.extend(range(seg.start, seg.end))
        last_end = seg.end
    non_space = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert [i for i in covered if not text[i].isspace()] == non_space


def test_line_mode_breaks_at_every_line_and_blank_mode_only_at_blank_lines() -> None:
    text = "The Council of\nEurope met.\n\nNext paragraph"
    assert [s.text for s in segment(text, "en", paragraphs="line")] == [
        "The Council of",
        "Europe met.",
        "Next paragraph",
    ]
    assert [s.text for s in segment(text, "en", paragraphs="blank")] == [
        "The Council of\nEurope met.",
        "Next paragraph",
    ]


def test_both_modes_agree_on_one_paragraph_per_line_with_blank_lines() -> None:
    text = "Heading\n\nFirst. Second.\n\nThird.\n"
    assert [s.text for s in segment(text, "en", paragraphs="line")] == [
        s.text for s in segment(text, "en", paragraphs="blank")
    ]


def test_line_column_and_paragraph_locate_the_start() -> None:
    text = "Title\r\nOne. Two.\nÜç. Dörd."
    got = [(s.text, s.line, s.column, s.paragraph) for s in segment(text, "az")]
    assert got == [
        ("Title", 1, 1, 0),
        ("One.", 2, 1, 1),
        ("Two.", 2, 6, 1),
        ("Üç.", 3, 1, 2),
        ("Dörd.", 3, 5, 2),
    ]


def test_unknown_or_invalid_language_is_refused() -> None:
    with pytest.raises(LanguageTagError):
        segment("A.", "not a language")
    with pytest.raises(UsageError, match="'de'"):
        segment("A.", "de")


def test_unknown_paragraph_mode_is_refused() -> None:
    with pytest.raises(UsageError):
        SrxSegmenter(paragraphs="sentence")  # type: ignore[arg-type]


def test_segment_needs_text() -> None:
    with pytest.raises(TypeError):
        segment(b"bytes", "en")  # type: ignore[arg-type]


def test_signature_names_rules_hash_and_mode() -> None:
    sig = get_segmenter(paragraphs="blank").signature()
    assert str(sig).startswith("ahenk-srx|rules:ahenk.srx|hash:sha256:")
    assert "|paragraphs:blank|" in str(sig)
    assert len(sig.rules_hash) == 64


def test_compiled_rules_are_cached_per_language() -> None:
    segmenter = SrxSegmenter()
    assert segmenter.prepare("az") is segmenter.prepare("az_AZ")


def test_segment_file_reads_bom_and_reports_bad_bytes(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes("\ufeffBir. İki.".encode("utf-8"))
    result = segment_file(good, "az")
    assert [s.text for s in result.segments] == ["Bir.", "İki."]
    assert result.segments[0].start == 0
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"One.\nTw\xffo.")
    with pytest.raises(EncodingError) as info:
        segment_file(bad, "en")
    assert (info.value.line, info.value.column) == (2, 3)


def test_rules_file_changes_are_picked_up(tmp_path) -> None:
    rules = tmp_path / "r.srx"
    template = (
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0">'
        '<header segmentsubflows="yes" cascade="no"/>'
        '<body><languagerules><languagerule languagerulename="a"><rule break="yes">'
        "<beforebreak>{}</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule></languagerules>"
        '<maprules><languagemap languagepattern=".*" languagerulename="a"/></maprules></body></srx>'
    )
    rules.write_text(template.format("!"))
    assert [s.text for s in segment("A! B. C", "en", rules=rules)] == ["A!", "B. C"]
    rules.write_text(template.format("\\."))
    import os

    os.utime(rules, (1, 1))
    assert [s.text for s in segment("A! B. C", "en", rules=rules)] == ["A! B.", "C"]
