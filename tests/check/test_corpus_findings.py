"""Run over the English originals with the client's termbase, the checks report the real
inconsistencies the published texts contain — and nothing else; so they do over the built
trilingual memory seen from the Azerbaijani originals and from the Russian translations.

Each row below was read in its document and confirmed as a real problem of the text.
"""

from pathlib import Path

import pytest

from ahenk.check.runner import check_paths

ROOT = Path(__file__).resolve().parents[2]

# (document, line, check id, what is found)
EXPECTED = {
    ("2020-10-08_ngo-statement-amnesty", 16, "term-forbidden", "Novela Jafarova"),
    ("2023-01-15_ombudsman-letter-hrw", 55, "term-forbidden", "MPM"),  # twice on the line
    ("2024-11-20_coe-commissioner-appeal", 4, "term-forbidden",
     "High Commissioner for Human Rights"),
    ("2024-11-20_coe-commissioner-appeal", 4, "term-forbidden", "Ihlam Aliyev"),
    ("2025-01_ombudsman-interview-report", 33, "term-forbidden", "Ombudsman Institute"),
    ("2025-01_ombudsman-interview-report", 36, "term-forbidden", "Ombudsman Institute"),
    ("2025-01_ombudsman-interview-report", 42, "term-forbidden", "Ombudsman Institute"),
    ("2025-01_ombudsman-interview-report", 48, "term-forbidden", "Ombudsman Institute"),
    ("2025-05-01_ombudsman-letter-amnesty", 10, "term-forbidden", "Agnes Callamard"),
}


def test_english_originals_report_their_real_inconsistencies():
    paths = sorted((ROOT / "corpus" / "en").glob("*.txt"))
    report = check_paths(paths, glossary=ROOT / "glossaries" / "termbase.tsv", src_lang="en")
    found = {(Path(f.file).stem, f.line, f.check_id, f.found) for f in report.findings}
    assert found == EXPECTED
    mpm = [f for f in report.findings if f.found == "MPM"]
    assert len(mpm) == 2 and all(f.severity.value == "error" for f in mpm)
    assert all(f.expected for f in report.findings)  # every finding suggests the preferred term


# The built trilingual memory seen from the Azerbaijani originals (--src-lang az): what the
# English and Russian translations do not render as the termbase says. Each row was read in
# its unit. (line in tmx/en-az-ru.tmx, check, what is found)
FROM_AZERBAIJANI = {
    "en": {
        (166, "term-missing", None),  # qanuni hərbi obyektlər: "legitimate military facilities"
        (218, "term-forbidden", "Novela Jafarova"),
        (504, "term-missing", None),  # mina partlayışının qurbanı: "hit by landmines"
        (673, "term-missing", None),  # MPM qrupu: "the MPM team", the wrong abbreviation
        (673, "term-forbidden", "MPM"),  # twice in the unit
        (829, "term-forbidden", "High Commissioner for Human Rights"),
        (829, "term-forbidden", "Ihlam Aliyev"),
        (1817, "term-forbidden", "Ombudsman Institute"),
        (1908, "term-missing", None),  # müraciətləri: "the concerns", appeals not rendered
        (1921, "term-missing", None),  # the sector's name without "Sector for"
        (1934, "term-forbidden", "Ombudsman Institute"),
        (2116, "term-forbidden", "Ombudsman Institute"),
        (2337, "term-forbidden", "Ombudsman Institute"),
        (2519, "term-missing", None),  # the English page keeps the Azerbaijani title
        (2571, "unchanged", "01-05-2025 272 dəfə oxunub"),  # the view counter, in Azerbaijani
        (2597, "term-forbidden", "Agnes Callamard"),
    },
    "ru": {
        (23, "double-space", None),  # the Azerbaijani dateline has two spaces
        (686, "term-missing", None),  # saxlanılan şəxslər: «содержащимся там лицам»
        (1908, "term-missing", None),  # müraciətləri: «проблем», appeals not rendered
        (2623, "brackets", None),  # the Russian adds (COP29)
    },
}





# The same memory seen from the Russian translations (--src-lang ru): Russian is no original
# here, so what is left is where the Russian says more than the originals or they deviate from
# the termbase. Each row was read in its unit. (line in tmx/en-az-ru.tmx, check, found)
FROM_RUSSIAN = {
    "en": {
        (23, "double-space", None),  # the English dateline's spaced no-break spaces
        (88, "term-missing", None),  # «международного права прав человека»: "international
        #                              human rights", the originals leave law implied
        (166, "term-missing", None),  # «законные военные цели»: "legitimate military facilities"
        (218, "term-forbidden", "Novela Jafarova"),
        (673, "term-forbidden", "MPM"),
        (673, "term-missing", None),  # «группой НПМ»: "the MPM team", the wrong abbreviation
        (829, "term-forbidden", "High Commissioner for Human Rights"),
        (829, "term-forbidden", "Ihlam Aliyev"),
        (1817, "term-forbidden", "Ombudsman Institute"),
        (1921, "term-missing", None),  # the sector's name without "Sector for"
        (1934, "term-forbidden", "Ombudsman Institute"),
        (2116, "term-forbidden", "Ombudsman Institute"),
        (2337, "term-forbidden", "Ombudsman Institute"),
        (2519, "term-missing", None),  # the English page keeps the Azerbaijani title
        (2597, "term-forbidden", "Agnes Callamard"),
    },
    "az": {
        (23, "double-space", None),  # the Azerbaijani dateline has several spaces
        (88, "term-missing", None),  # «международного права прав человека»: beynəlxalq insan
        #                              hüquqları, law implied (hüquq is law and right)
        (2623, "brackets", None),  # the Azerbaijani adds (UNFCCC)
    },
}


# Letters that mark each direction's sources as written in their own language.
SOURCE_LETTERS = {"az": "ə", "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюяё"}


@pytest.mark.parametrize(("src", "expected_by_target"), [("az", FROM_AZERBAIJANI),
                                                          ("ru", FROM_RUSSIAN)])
def test_translations_seen_from_another_language(src, expected_by_target):
    for tgt, expected in expected_by_target.items():
        report = check_paths([ROOT / "tmx" / "en-az-ru.tmx"],
                             glossary=ROOT / "glossaries" / "termbase.tsv", src_lang=src,
                             tgt_lang=tgt)
        assert {f.lang for f in report.findings} == {tgt}
        sources = {f.source for f in report.findings if f.check_id == "term-missing"}
        assert sources and all(set(text.lower()) & set(SOURCE_LETTERS[src]) for text in sources)
        found = {(f.line, f.check_id, f.found) for f in report.findings}
        assert found == expected, tgt
