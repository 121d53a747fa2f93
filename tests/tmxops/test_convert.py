"""``ahenk tmx convert``: round trips through every bilingual format the registry has."""

from __future__ import annotations

from pathlib import Path

import pytest

from ahenk.errors import UsageError
from ahenk.formats import registry, tmx
from ahenk.formats.registry import Kind
from ahenk.tmxops import convert_tmx

DATA = Path(__file__).resolve().parent.parent / "data" / "tmx"
BILINGUAL = [h for h in registry.handlers(Kind.BILINGUAL) if h.can_read and h.can_write]


def pairs(path: Path) -> list[tuple[str, str, str, str]]:
    return [(u.source.lang.language, u.source.text, u.target.lang.language, u.target.text)
            for u in tmx.iter_units(path)]


@pytest.mark.parametrize("handler", BILINGUAL, ids=[h.name for h in BILINGUAL])
def test_tmx_to_bilingual_and_back_keeps_text_and_languages(tmp_path, handler):
    middle = tmp_path / f"middle.{handler.extensions[0]}"
    back = tmp_path / "back.tmx"
    there = convert_tmx(DATA / "merge_b.tmx", middle, to_format=handler.name)
    assert (there.read, there.written, there.dropped) == (3, 3, 0)
    again = convert_tmx(middle, back, from_format=handler.name)
    assert again.written == 3
    assert pairs(back) == pairs(DATA / "merge_b.tmx")


@pytest.mark.parametrize("handler", BILINGUAL, ids=[h.name for h in BILINGUAL])
def test_multilingual_tmx_takes_the_target_language_asked_for(tmp_path, handler):
    middle = tmp_path / f"middle.{handler.extensions[0]}"
    result = convert_tmx(DATA / "validate_clean.tmx", middle, to_format=handler.name,
                         tgt_lang="ru")
    assert (result.written, result.dropped) == (1, 1)  # the second unit has no Russian
    store = registry.read(middle, handler.name)
    assert [u.target.text for u in store] == ["Омбудсмен получил 42 жалобы."]


def test_multilingual_tmx_needs_tgt_lang(tmp_path):
    with pytest.raises(UsageError, match="--tgt-lang"):
        convert_tmx(DATA / "validate_clean.tmx", tmp_path / "out.tsv")


def test_src_lang_picks_another_variant_as_the_source(tmp_path):
    out = tmp_path / "az-ru.tsv"
    convert_tmx(DATA / "validate_clean.tmx", out, src_lang="az", tgt_lang="ru")
    store = registry.read(out, "tsv")
    assert store.header.source_lang.language == "az"
    assert [(u.source.text, u.target.text) for u in store] == [
        ("Ombudsman 42 şikayət aldı.", "Омбудсмен получил 42 жалобы.")]


def test_bilingual_without_languages_takes_them_from_the_options(tmp_path):
    src = tmp_path / "plain.tsv"
    src.write_text("source\ttarget\nReport\tMəruzə\nLetter\t\n", encoding="utf-8")
    out = tmp_path / "out.tmx"
    with pytest.raises(UsageError, match="--src-lang"):
        convert_tmx(src, out)
    result = convert_tmx(src, out, src_lang="en", tgt_lang="az")
    assert pairs(out) == [("en", "Report", "az", "Məruzə")]
    assert result.dropped == 1  # Letter has no translation: not a TM entry


def test_languages_given_must_agree_with_the_file(tmp_path):
    src = tmp_path / "tagged.tsv"
    src.write_text("en\taz\nReport\tMəruzə\n", encoding="utf-8")
    with pytest.raises(UsageError, match="says 'ru'"):
        convert_tmx(src, tmp_path / "out.tmx", tgt_lang="ru")


def test_profile_goes_to_the_tmx_writer_only(tmp_path):
    src = tmp_path / "tagged.tsv"
    src.write_text("en-US\taz-AZ\nReport\tMəruzə\n", encoding="utf-8")
    out = tmp_path / "out.tmx"
    convert_tmx(src, out, profile="omegat")
    assert 'xml:lang="az-AZ"' in out.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="profile"):
        convert_tmx(DATA / "merge_b.tmx", tmp_path / "out.po", profile="omegat")


def test_tmx_to_tmx_changes_the_profile(tmp_path):
    out = tmp_path / "trados.tmx"
    result = convert_tmx(DATA / "merge_b.tmx", out, profile="trados")
    assert result.written == 3
    assert 'xml:lang="az-Latn-AZ"' in out.read_text(encoding="utf-8")


def test_one_side_must_be_tmx(tmp_path):
    src = tmp_path / "tagged.tsv"
    src.write_text("en\taz\nReport\tMəruzə\n", encoding="utf-8")
    with pytest.raises(UsageError, match="TMX on one side"):
        convert_tmx(src, tmp_path / "out.po")


def test_never_over_the_input(tmp_path):
    src = tmp_path / "in.tmx"
    src.write_bytes((DATA / "merge_b.tmx").read_bytes())
    with pytest.raises(UsageError, match="also an input"):
        convert_tmx(src, src, to_format="tmx")


def test_what_a_format_cannot_hold_is_reported_not_warned(tmp_path, recwarn):
    result = convert_tmx(DATA / "validate_clean.tmx", tmp_path / "out.po", tgt_lang="az")
    assert "po-spans-dropped" in [p.code for p in result.problems]
    assert not [w for w in recwarn if hasattr(w.message, "problem")]
