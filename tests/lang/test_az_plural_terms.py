"""A term recorded in the plural (itkin düşmüş şəxslər) also matches its singular forms."""

import pytest

from ahenk.lang import az
from ahenk.lang.az import plural_stem

# (term word, surface, matches?)
CASES = [
    ("şəxslər", "şəxsin", True),
    ("şəxslər", "şəxslərin", True),
    ("şəxslər", "şəxs", True),
    ("qaçqınlar", "qaçqına", True),
    ("hüquqlar", "hüququ", True),
    ("şəxslər", "şəxsiyyət", False),  # derivation, not inflection
    ("dollar", "dolu", False),  # -lar that is not a plural suffix
    ("insanlar", "insanlıq", False),
]


@pytest.mark.parametrize(("word", "surface", "expected"), CASES)
def test_plural_term_words(word, surface, expected):
    assert az.LANGUAGE._inflected(word, surface) is expected


def test_plural_stem_needs_harmony_and_length():
    assert plural_stem("şəxslər") == "şəxs"
    assert plural_stem("şəxslar") is None  # suffix against harmony
    assert plural_stem("dollar") is None  # stem too short to be sure
