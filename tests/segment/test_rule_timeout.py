"""A segmentation rule of a user's SRX file that runs away stops the run with a clear error
instead of hanging it (the shipped, tested rules run without the time bound)."""

import pytest

from ahenk import limits
from ahenk.errors import FormatError
from ahenk.segment import SrxSegmenter, parse_srx, shipped_srx_bytes


def user_rules():
    # the shipped rules as if they came from a user's file: same rules, another document
    data = shipped_srx_bytes().replace(b"<header ", b"<header x-copy=\"1\" ", 1)
    return parse_srx(data, "user.srx")


def test_runaway_user_rules_raise_a_format_error(monkeypatch):
    text = "Dr. Smith arrived. " * 20000  # ~380,000 characters in one paragraph
    monkeypatch.setattr(limits, "REGEX_TIMEOUT_SECONDS", 1e-6)
    segmenter = SrxSegmenter(user_rules())
    with pytest.raises(FormatError, match="took longer than .* on one paragraph"):
        list(segmenter.segment(text, "en"))


def test_user_rules_segment_normally_within_the_bound():
    segmenter = SrxSegmenter(user_rules())
    assert limits.REGEX_TIMEOUT_SECONDS >= 1.0
    assert len(list(segmenter.segment("Dr. Smith arrived. " * 2000, "en"))) == 2000


def test_shipped_rules_are_not_bounded(monkeypatch):
    monkeypatch.setattr(limits, "REGEX_TIMEOUT_SECONDS", 1e-6)
    assert len(list(SrxSegmenter().segment("Dr. Smith arrived. " * 2000, "en"))) == 2000
