"""OmegaT glossaries: languages required, encodings, grouping, what is written and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from ahenk.errors import EncodingError, FormatError, ParseError, UsageError
from ahenk.formats import get
from ahenk.termbase import Concept, Term, Termbase, TermStatus
from tests.conftest import shared_file
from tests.formats.termbase_views import AZ, EN, PAIR, sample

DATA = Path(__file__).resolve().parent.parent / "data" / "omegat-glossary"
OMEGAT = get("omegat-glossary")
GLOSSARIES = ("interop", "omegat", "glossaries")


def test_languages_are_required():
    with pytest.raises(UsageError, match="src_lang and tgt_lang"):
        OMEGAT.read(DATA / "synonyms.txt")
    with pytest.raises(UsageError, match="src_lang and tgt_lang"):
        OMEGAT.write(sample(), DATA / "never.txt", src_lang="en")
    assert not (DATA / "never.txt").exists()


def test_synonym_lines_group_into_one_concept():
    termbase = OMEGAT.read(DATA / "synonyms.txt", **PAIR)
    first, second = termbase.concepts
    assert [(t.text, t.lang.language, t.status) for t in first.terms] == [
        ("ceasefire", "en", TermStatus.PREFERRED), ("atəşkəs", "az", TermStatus.PREFERRED),
        ("truce", "en", TermStatus.ADMITTED)]
    assert first.note == "A halt | note"
    assert (second.terms[1].text, second.note, second.location.line) == ("dövlət", None, 6)


def test_writer_lines_preferred_first_no_rejected_terms(tmp_path):
    OMEGAT.write(sample(), tmp_path / "g.txt", **PAIR)
    lines = (tmp_path / "g.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Glossary in tab-separated format -*- coding: utf-8 -*-")
    assert lines[1:] == [
        "account\thesab\tA record of money held. | Pul qeydi: ə ğ ı İ ş. | Concept note with a "
        "second line",
        "user\tİstifadəçi",
        "user\tqoşulan",
        "Baku\tBakı",
    ]
    assert "istifadəci" not in (tmp_path / "g.txt").read_text(encoding="utf-8")  # deprecated


def test_tab_output_gets_a_bom(tmp_path):
    OMEGAT.write(sample(), tmp_path / "g.tab", **PAIR)
    assert (tmp_path / "g.tab").read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(OMEGAT.read(tmp_path / "g.tab", **PAIR)) == 3


def test_unwritable_terms_name_the_concept(tmp_path):
    bad = Termbase(concepts=[Concept("hash", terms=[Term("#tag", EN), Term("teq", AZ)])])
    with pytest.raises(FormatError, match="concept 'hash'.*'#'"):
        OMEGAT.write(bad, tmp_path / "x.txt", **PAIR)
    bad = Termbase(concepts=[Concept("tab", terms=[Term("a\tb", EN), Term("c", AZ)])])
    with pytest.raises(FormatError, match="concept 'tab'.*tab or line break"):
        OMEGAT.write(bad, tmp_path / "x.txt", **PAIR)


def test_legacy_tab_needs_its_encoding_named():
    with pytest.raises(EncodingError, match="encoding=") as info:
        OMEGAT.read(DATA / "legacy.tab", **PAIR)
    assert (info.value.line, info.value.column) == (1, 2)
    termbase = OMEGAT.read(DATA / "legacy.tab", encoding="cp1254", **PAIR)
    assert termbase.concepts[0].terms[0].text == "Günç"


def test_bad_lines_are_located_or_skipped_when_lenient():
    with pytest.raises(ParseError, match="no tab") as info:
        OMEGAT.read(DATA / "no_tab.txt", **PAIR)
    assert info.value.line == 1
    assert len(OMEGAT.read(DATA / "no_tab.txt", strict=False, **PAIR)) == 0


@pytest.mark.shared
def test_omegat_utf16le_glossary():
    termbase = OMEGAT.read(shared_file(*GLOSSARIES, "testUTF16LE.txt"), **PAIR)
    assert [(c.terms[0].text, c.terms[1].text, c.note) for c in termbase] == [
        ("UTF", "Unicode Transformation Format", "Comment #1"),
        ("LE", "Little Endian", "Comment #2"),
    ]


@pytest.mark.shared
@pytest.mark.parametrize("name", ["test-magiccomment-bom.tab", "test-magiccomment.tab",
                                  "empty.txt"])
def test_omegat_magic_comment_bom_and_empty_files(name):
    assert len(OMEGAT.read(shared_file(*GLOSSARIES, name), **PAIR)) == 0


@pytest.mark.shared
def test_omegat_tab_glossary_in_utf8():
    termbase = OMEGAT.read(shared_file(*GLOSSARIES, "test.tab"), **PAIR)
    assert [c.terms[0].text for c in termbase] == ["kde", "question", "地球システム", "손가락"]
    assert termbase.concepts[2].note.startswith("https://fr.wikipedia.org/")


@pytest.mark.shared
def test_omegat_csv_glossary_is_not_this_format():
    with pytest.raises(ParseError, match="no tab"):
        OMEGAT.read(shared_file(*GLOSSARIES, "test.csv"), **PAIR)
