import pytest
from hypothesis import given
from hypothesis import strategies as st

from ahenk.lang import capitalize, fold, lower, upper

# (text, language, lower, upper) — the Turkic pairs are the point of this table.
CASES = [
    ("İlham", "az", "ilham", "İLHAM"),
    ("IŞIQ", "az", "ışıq", "IŞIQ"),
    ("Işıq", "az", "ışıq", "IŞIQ"),
    ("istiqlal", "az", "istiqlal", "İSTİQLAL"),
    ("İNSAN HÜQUQLARI", "az", "insan hüquqları", "İNSAN HÜQUQLARI"),
    ("Qarabağ", "az", "qarabağ", "QARABAĞ"),
    ("Xankəndi", "az", "xankəndi", "XANKƏNDİ"),
    ("ŞUŞA", "az-Latn-AZ", "şuşa", "ŞUŞA"),
    ("Istanbul", "tr", "ıstanbul", "ISTANBUL"),
    ("Ilham", "en", "ilham", "ILHAM"),
    ("Шуша", "ru", "шуша", "ШУША"),
    ("Ёлка", "ru", "ёлка", "ЁЛКА"),
]


@pytest.mark.parametrize(("text", "lang", "low", "up"), CASES)
def test_lower_upper(text, lang, low, up):
    assert lower(text, lang) == low
    assert upper(text, lang) == up


def test_python_lower_is_wrong_for_dotted_capital_i():
    # the reason this module exists: str.lower() leaves a combining dot behind
    assert "İ".lower() == "i\u0307"
    assert lower("İ", "az") == "i"


def test_fold_meets_dotted_pairs_but_keeps_dotless_distinct():
    assert fold("İlham", "az") == fold("ilham", "az")
    assert fold("IŞIQ", "az") == fold("ışıq", "az")
    assert fold("ışıq", "az") != fold("işiq", "az")
    assert fold("  Human   Rights ", "en") == "human rights"
    assert fold("e\u0301", "en") == fold("\u00e9", "en")  # NFC


def test_capitalize_leaves_the_rest():
    assert capitalize("ilham Əliyev", "az") == "İlham Əliyev"
    assert capitalize("iPhone", "en") == "IPhone"
    assert capitalize("", "az") == ""


@given(st.text(alphabet="AIİıiəƏŞşxX \u0307\u00a0\tЖж.", max_size=30))
def test_fold_is_the_turkic_mapping_then_casefold(text: str) -> None:
    """fold's fast path (str.replace) against the mapping spelt out: I→ı and İ→i, then
    casefold, an i with a combining dot made i."""
    import unicodedata

    reference = " ".join(unicodedata.normalize("NFC", text).split())
    reference = reference.translate(str.maketrans({"I": "ı", "İ": "i"})).casefold()
    assert fold(text, "az") == reference.replace("i\u0307", "i")
