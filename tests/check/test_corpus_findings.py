"""Run over the English originals with the client's termbase, the checks report the real
inconsistencies the published texts contain — and nothing else.

Each row below was read in its document and confirmed as a real problem of the English text.
"""

from pathlib import Path

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
