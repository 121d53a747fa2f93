"""wrong-language: Azerbaijani vs Turkish, English left in place, Cyrillic Azerbaijani."""

from __future__ import annotations

import pytest

from ahenk.check.checks.language import detect, detector, diagnose, judged_text
from tests.check.tables import rows

CASES = rows("language_cases.tsv")


@pytest.mark.parametrize(("line", "row"), CASES, ids=[f"line{n}" for n, _ in CASES])
def test_language_case(line, row):  # type: ignore[no-untyped-def]
    result = diagnose(row["text"], row["lang"])
    if row["expect"] == "ok":
        assert result is None, f"language_cases.tsv:{line}: {result}"
    elif row["expect"] == "short":
        assert result is None and not detect(row["text"])
    else:
        assert result is not None and result[0] == row["expect"], (
            f"language_cases.tsv:{line}: {result}")


def test_detector_is_built_once_with_four_languages():
    assert detector() is detector()
    from lingua import Language

    values = detector().compute_language_confidence_values("Ombudsman Bakıda çıxış edib.")
    assert {v.language for v in values} == {Language.ENGLISH, Language.AZERBAIJANI,
                                            Language.RUSSIAN, Language.TURKISH}


def test_names_and_codes_are_set_aside():
    assert judged_text("Human Rights Watch və Amnesty International birgə bəyanat yayıb "
                       "https://hrw.org %s 2024") == "Human və birgə bəyanat yayıb"


def test_script_tag_cyrillic_azerbaijani_expected():
    assert diagnose("Омбудсман Бакыда мәтбуат конфрансы кечириб.", "az", "Cyrl") is None
