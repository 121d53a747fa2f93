"""The shipped rules: valid SRX 2.0, Java-compatible, exported byte for byte."""

from __future__ import annotations

import hashlib

import pytest
from lxml import etree

from ahenk.segment import SrxSegmenter, export_srx, shipped_rules, shipped_srx_bytes
from tests.conftest import shared_file


def _schema() -> etree.XMLSchema:
    xsd = etree.parse(str(shared_file("interop", "schemas", "omegat", "srx20.xsd")))
    # The schema imports xml.xsd from w3.org for xml:lang, which the rules never use; drop
    # the import so validation needs no network.
    for node in xsd.getroot().findall("{http://www.w3.org/2001/XMLSchema}import"):
        node.getparent().remove(node)
    return etree.XMLSchema(xsd)


@pytest.mark.shared
def test_shipped_rules_are_valid_against_the_srx20_schema() -> None:
    schema = _schema()
    document = etree.fromstring(shipped_srx_bytes())
    assert schema.validate(document), schema.error_log


@pytest.mark.shared
def test_the_schema_check_can_fail() -> None:
    document = etree.fromstring(shipped_srx_bytes().replace(b'cascade="yes"', b'cascade="maybe"'))
    assert not _schema().validate(document)


def test_shipped_rules_cover_en_az_ru_through_aliases() -> None:
    segmenter = SrxSegmenter()
    assert segmenter.rule_names("en-US") == ("en", "common")
    assert segmenter.rule_names("aze") == ("az", "common")
    assert segmenter.rule_names("az_AZ") == ("az", "common")
    assert segmenter.rule_names("az-Latn-AZ") == ("az", "common")
    assert segmenter.rule_names("rus") == ("ru", "common")


def test_shipped_rules_use_no_variable_length_lookbehind() -> None:
    """Java (OmegaT, Okapi) accepts bounded lookbehind only; keep the file portable."""
    for language_rule in shipped_rules().language_rules.values():
        for rule in language_rule.rules:
            for pattern in (rule.before, rule.after):
                for body in _lookbehinds(pattern):
                    assert not any(q in body for q in ("*", "+", "{2,}")), (rule.line, body)


def test_shipped_rules_spell_out_unicode_spaces_and_word_ends() -> None:
    """Java reads \\s as ASCII (and \\b too since Java 19) where ICU and ahenk read Unicode:
    the file writes [\\s\\p{Z}] and (?![\\p{L}\\p{M}\\p{N}]) so OmegaT breaks where ahenk does."""
    for language_rule in shipped_rules().language_rules.values():
        for rule in language_rule.rules:
            for pattern in (rule.before, rule.after):
                rest = pattern.replace("[\\s\\p{Z}]", "").replace("[^\\s\\p{Z}", "[^")
                assert "\\s" not in rest and "\\b" not in rest, (rule.line, pattern)


def _lookbehinds(pattern: str) -> list[str]:
    found, i = [], pattern.find("(?<")
    while i >= 0:
        depth, j = 0, i
        while j < len(pattern):
            depth += pattern[j] == "(" and pattern[j - 1] != "\\"
            depth -= pattern[j] == ")" and pattern[j - 1] != "\\"
            if depth == 0:
                break
            j += 1
        found.append(pattern[i : j + 1])
        i = pattern.find("(?<", i + 1)
    return found


def test_export_writes_the_shipped_bytes(tmp_path) -> None:
    target = tmp_path / "ahenk.srx"
    export_srx(target)
    assert target.read_bytes() == shipped_srx_bytes()
    assert SrxSegmenter().signature().rules_hash == hashlib.sha256(target.read_bytes()).hexdigest()
