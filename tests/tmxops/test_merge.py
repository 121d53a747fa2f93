"""``ahenk tmx merge`` and ``dedupe``: which units are kept, in which order, written safely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ahenk.errors import ParseError, UsageError
from ahenk.formats import tmx
from ahenk.tmxops import dedupe_tmx, merge_tmx

DATA = Path(__file__).resolve().parent.parent / "data" / "tmx"


def tuids(path: Path) -> list[str | None]:
    return [unit.id for unit in tmx.iter_units(path)]


def pairs(path: Path) -> list[tuple[str, str]]:
    return [(u.source.text, u.target.text) for u in tmx.iter_units(path)]


def test_merge_keeps_identical_units_once_and_alternatives_newest_first(tmp_path):
    out = tmp_path / "merged.tmx"
    result = merge_tmx([DATA / "merge_a.tmx", DATA / "merge_b.tmx"], out)
    # b1 repeats a1 (identical text, other date): dropped. Letter has two translations: both
    # kept, together, the newer (b2, 2025-05) first. Court is new.
    assert tuids(out) == ["a1", "b2", "a2", "b3"]
    assert (result.read, result.written, result.dropped, result.alternatives) == (5, 4, 1, 1)


def test_merge_order_of_inputs_decides_which_identical_unit_survives(tmp_path):
    out = tmp_path / "merged.tmx"
    merge_tmx([DATA / "merge_b.tmx", DATA / "merge_a.tmx"], out)
    assert tuids(out) == ["b1", "b3", "b2", "a2"]


def test_merge_of_one_file_with_itself_is_that_file(tmp_path):
    out = tmp_path / "merged.tmx"
    result = merge_tmx([DATA / "merge_b.tmx", DATA / "merge_b.tmx"], out)
    assert tuids(out) == ["b1", "b2", "b3"] and result.dropped == 3


def test_merge_takes_the_first_header_and_a_profile(tmp_path):
    out = tmp_path / "merged.tmx"
    merge_tmx([DATA / "validate_clean.tmx", DATA / "merge_a.tmx"], out, profile="trados")
    header = tmx.read_header(out)
    assert header.source_lang.written() == "en-US"  # trados writes cultures
    assert {s.lang.written() for u in tmx.iter_units(out) for s in u.targets} >= {"az-Latn-AZ"}


@pytest.mark.parametrize(("keep", "by", "expected"), [
    ("first", "source+target", ["d1", "d2", "d4"]),
    ("newest", "source+target", ["d2", "d3", "d4"]),
    ("first", "source", ["d1", "d2"]),
    ("newest", "source", ["d3", "d4"]),  # d4 has only a creationdate, still newer than d2
])
def test_dedupe(tmp_path, keep, by, expected):
    out = tmp_path / "deduped.tmx"
    result = dedupe_tmx(DATA / "dedupe.tmx", out, keep=keep, by=by)
    assert tuids(out) == expected
    assert result.read == 4 and result.written == len(expected)
    assert result.dropped == 4 - len(expected)


def test_dedupe_keeps_everything_else_of_a_unit(tmp_path):
    out = tmp_path / "deduped.tmx"
    dedupe_tmx(DATA / "multilingual_az_ru_en.tmx", out)
    before = list(tmx.iter_units(DATA / "multilingual_az_ru_en.tmx"))
    after = list(tmx.iter_units(out))
    assert [u.notes[0].text for u in after if u.notes] == [u.notes[0].text for u in before
                                                           if u.notes]
    assert [len(u.targets) for u in after] == [len(u.targets) for u in before]


@pytest.mark.parametrize("call", [
    lambda d, o: merge_tmx([d / "merge_a.tmx", o], o),
    lambda d, o: dedupe_tmx(o, o),
])
def test_an_input_is_never_the_output(tmp_path, call):
    target = tmp_path / "memory.tmx"
    shutil.copy(DATA / "merge_b.tmx", target)
    before = target.read_bytes()
    with pytest.raises(UsageError, match="also an input"):
        call(DATA, target)
    assert target.read_bytes() == before


def test_the_same_file_by_another_name_is_refused(tmp_path):
    target = tmp_path / "memory.tmx"
    shutil.copy(DATA / "merge_b.tmx", target)
    (tmp_path / "link.tmx").symlink_to(target)
    with pytest.raises(UsageError):
        dedupe_tmx(tmp_path / "link.tmx", target)


def test_a_failed_merge_leaves_an_existing_output_alone(tmp_path):
    out = tmp_path / "merged.tmx"
    out.write_text("previous", encoding="utf-8")
    with pytest.raises(ParseError):
        merge_tmx([DATA / "merge_a.tmx", DATA / "malformed_mismatch.tmx"], out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["merged.tmx"]


def test_unknown_choices_are_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        dedupe_tmx(DATA / "dedupe.tmx", tmp_path / "o.tmx", keep="last")
    with pytest.raises(UsageError):
        dedupe_tmx(DATA / "dedupe.tmx", tmp_path / "o.tmx", by="target")
    with pytest.raises(UsageError):
        merge_tmx([], tmp_path / "o.tmx")
