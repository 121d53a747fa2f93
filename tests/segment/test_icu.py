"""ICU/Java → regex translation: what is rewritten, and what is refused with its location."""

from __future__ import annotations

import pytest
import regex

from ahenk.errors import ParseError
from ahenk.segment import SrxSegmenter, UntranslatableRegex, parse_srx, translate
from ahenk.segment.icu import FLAGS

# (ICU/Java pattern, text, should it match somewhere)
MEANINGS = [
    (r"\Q...\E", "a...b", True),
    (r"\Q...\E", "abc", False),
    (r"[\Q]-\E]", "-", True),
    (r"\x{41}", "A", True),
    (r"\x{1F600}", "\U0001f600", True),
    (r"\u00e7", "ç", True),
    (r"\uD83D\uDE00", "\U0001f600", True),
    (r"\0101", "A", True),
    (r"\cI", "\t", True),
    (r"\e", "\x1b", True),
    (r"a\hb", "a\u00a0b", True),
    (r"a\Hb", "a b", False),
    (r"\v", "\u2028", True),
    (r"a\Rb", "a\r\nb", True),
    (r"a\z", "a\n", False),
    (r"a\Z", "a\n", True),
    (r"(?<q>')x\k<q>", "'x'", True),
    (r"\p{javaLowerCase}", "ə", True),
    (r"\p{javaUpperCase}", "ə", False),
    (r"\p{IsL}", "ж", True),
    (r"\p{IsLatin}", "ə", True),
    (r"\p{IsLatin}", "ж", False),
    (r"\pL", "ж", True),
    (r"\p{Lu}", "İ", True),
    (r"[\p{L}&&[^rwn]]\.", "r.", False),
    (r"[\p{L}&&[^rwn]]\.", "s.", True),
    (r"((?i)jan|feb)\.", "JAN.", True),
    (r"((?i)jan|feb)\.", "FEB.", True),  # as in Java: the flag runs to the group's end
    (r"((?i)jan)feb", "JANFEB", False),
    (r"(?iu)ə", "Ə", True),
    (r"(?u)x", "x", True),
    (r"(?U:\w+)", "şəhər", True),
    (r"a++b", "aab", True),
    (r"(?>a|ab)c", "abc", False),
    (r"[]a]", "]", True),
    (r"[^]a]", "b", True),
]


@pytest.mark.parametrize(("pattern", "text", "matches"), MEANINGS, ids=[m[0] for m in MEANINGS])
def test_translation_keeps_the_meaning(pattern: str, text: str, matches: bool) -> None:
    compiled = regex.compile(translate(pattern), FLAGS)
    assert bool(compiled.search(text)) is matches


UNTRANSLATABLE = [
    r"(?w)\b",
    r"\b{w}",
    r"\p{NoSuchProperty}",
    r"\p{javaNoSuch}",
    r"(?c)a",
    r"\uD83D",
    r"\x{110000}",
    r"\y",
    "abc\\",
    r"(a",
]


@pytest.mark.parametrize("pattern", UNTRANSLATABLE)
def test_untranslatable_constructs_are_refused(pattern: str) -> None:
    with pytest.raises(UntranslatableRegex):
        translate(pattern)


SRX_WITH_BAD_RULE = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="x">
        <rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="no">
          <beforebreak>\\p{NoSuchProperty}</beforebreak>
        </rule>
      </languagerule>
    </languagerules>
    <maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules>
  </body>
</srx>
"""


def test_untranslatable_rule_is_a_parse_error_at_the_rule_line() -> None:
    doc = parse_srx(SRX_WITH_BAD_RULE.encode(), "bad.srx")
    with pytest.raises(ParseError) as info:
        SrxSegmenter(doc).segment("A. B.", "en")
    assert info.value.path == "bad.srx"
    assert info.value.line == 8
    assert "NoSuchProperty" in str(info.value)
    assert str(info.value).startswith("bad.srx:8: beforebreak")


def test_back_references_are_refused_not_mis_matched() -> None:
    data = SRX_WITH_BAD_RULE.replace(r"\p{NoSuchProperty}", r"(\w)\1\.").encode()
    with pytest.raises(ParseError, match="back references"):
        SrxSegmenter(parse_srx(data, "bad.srx")).segment("aa. B", "en")
