"""``ahenk tmx validate``: each planted problem found with its line; clean files stay clean.

The planted problems are listed in ``validate_cases.tsv`` (file, code, line, what), one small
scenario file per problem under ``tests/data/tmx/validate_*.tmx``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from ahenk.errors import ParseError
from ahenk.formats import tmx_dtd
from ahenk.model import Segment, Store, Unit, parse_language
from ahenk.tmxops import CODES, validate_tmx
from tests.conftest import shared_file

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "tmx"
CASES = list(csv.DictReader((HERE / "validate_cases.tsv").open(encoding="utf-8"),
                            delimiter="\t"))


def found(path: Path, **options) -> list[tuple[str, int | None]]:
    return [(p.code, p.location.line) for p in validate_tmx(path, **options)]


@pytest.fixture
def with_dtd():
    """Tests that expect DTD problems need the reference DTD in ../shared."""
    if tmx_dtd.find_dtd() is None:
        pytest.skip("tmx14.dtd not available (../shared absent)")


HAVE_DTD = tmx_dtd.find_dtd() is not None


def found_here(path: Path) -> list[tuple[str, int | None]]:
    """Problems with DTD validation where the DTD is available, else the semantic ones."""
    return found(path, check_dtd=HAVE_DTD)


def planted(name: str) -> list[tuple[str, int]]:
    return sorted((c["code"], int(c["line"])) for c in CASES if c["file"] == name
                  and (HAVE_DTD or c["code"] != "dtd-invalid"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['code']}@{c['file']}:{c['line']}"
                                             for c in CASES])
def test_planted_problem_is_found_with_its_line(case):
    if case["code"] == "dtd-invalid" and not HAVE_DTD:
        pytest.skip("tmx14.dtd not available (../shared absent)")
    assert (case["code"], int(case["line"])) in found_here(DATA / case["file"])


@pytest.mark.parametrize("name", sorted({c["file"] for c in CASES}))
def test_nothing_but_the_planted_problems(name):
    assert sorted(found_here(DATA / name)) == planted(name)


def test_every_code_is_planted_somewhere():
    planted = {c["code"] for c in CASES}
    assert set(CODES) - planted == {"dtd-skipped"}


@pytest.mark.parametrize("name", ["validate_clean.tmx", "merge_a.tmx", "merge_b.tmx"])
def test_clean_files_are_clean(name):
    assert found_here(DATA / name) == []


@pytest.mark.parametrize("parts", [
    ("interop", "okapi", "steps_aligner", "one_to_one1.tmx"),
    ("interop", "okapi", "filters_tmx", "compkit", "ImportTest2A.tmx"),
    ("interop", "omegat", "tmx", "test-save-tmx14.tmx"),
])
def test_clean_files_written_by_tools_are_clean(parts, with_dtd):
    assert found(shared_file(*parts)) == []


def test_a_file_ahenk_writes_is_clean(tmp_path):
    from ahenk.formats import tmx

    en, az = parse_language("en"), parse_language("az")
    store = Store([Unit(Segment(f"Sentence {i}.", en), [Segment(f"Cümlə {i}.", az)])
                   for i in range(20)])
    out = tmp_path / "ahenk.tmx"
    tmx.write(store, out, profile="omegat")
    assert found_here(out) == []


def test_problems_come_in_line_order(with_dtd):
    lines = [line for _, line in found(DATA / "validate_dtd_invalid.tmx")]
    assert lines == sorted(lines)


def test_messages_are_sentences_with_file_and_line(with_dtd):
    for problem in validate_tmx(DATA / "validate_duplicates.tmx"):
        assert problem.location.path.endswith("validate_duplicates.tmx")
        assert problem.message[0].islower() or problem.message[0] == "<"
        assert "line" in problem.message  # both name the earlier unit


def test_without_a_dtd_validation_is_skipped_with_a_note(monkeypatch):
    monkeypatch.setattr(tmx_dtd, "find_dtd", lambda explicit=None: None)
    problems = list(validate_tmx(DATA / "validate_dtd_invalid.tmx"))
    assert [p.code for p in problems] == ["dtd-skipped"]
    assert problems[0].severity.value == "info"


def test_an_explicit_dtd_that_does_not_exist_is_unusable(tmp_path):
    with pytest.raises(Exception, match="no such DTD file"):
        list(validate_tmx(DATA / "validate_clean.tmx", dtd=tmp_path / "missing.dtd"))


def test_malformed_xml_is_an_error_not_a_problem():
    with pytest.raises(ParseError) as info:
        list(validate_tmx(DATA / "malformed_mismatch.tmx", check_dtd=False))
    assert info.value.line is not None


def _big_tmx(path: Path, units: int, duplicate_at: int | None = None) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                  'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
                  'adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
        for i in range(units):
            i = 0 if i == duplicate_at else i
            out.write(f'<tu><tuv xml:lang="en"><seg>Sentence number {i} of a long '
                      f'memory.</seg></tuv><tuv xml:lang="az"><seg>Uzun yaddaşın {i} '
                      'nömrəli cümləsi.</seg></tuv></tu>\n')
        out.write("</body></tmx>\n")


def test_a_repeat_deep_in_a_generated_file_is_found(tmp_path):
    """Problems are yielded as units are read; the one planted repeat is the only one."""
    path = tmp_path / "big.tmx"
    _big_tmx(path, 5_000, duplicate_at=10)
    problems = validate_tmx(path, check_dtd=False)
    first = next(problems)
    assert (first.code, first.location.line) == ("duplicate-unit", 13)
    assert [p.code for p in problems] == []


def test_severities_are_declared_once():
    by_severity = defaultdict(list)
    for code, severity in CODES.items():
        by_severity[severity.value].append(code)
    assert "missing-source" in by_severity["error"]
    assert "duplicate-unit" in by_severity["warning"]


def test_an_explicit_dtd_gives_the_same_problems(with_dtd):
    path = DATA / "validate_dtd_invalid.tmx"
    assert found(path, dtd=tmx_dtd.find_dtd()) == found(path)
    assert ("dtd-invalid", 7) in found(path, dtd=tmx_dtd.find_dtd())


def test_srclang_all_is_not_missing(tmp_path):
    path = tmp_path / "all.tmx"
    text = (DATA / "validate_clean.tmx").read_text(encoding="utf-8")
    path.write_text(text.replace('srclang="en"', 'srclang="*all*"'), encoding="utf-8")
    assert found(path, check_dtd=False) == []
