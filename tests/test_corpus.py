"""The shipped corpus is valid, and the validator finds what breaks the line-for-line contract."""

import shutil
from pathlib import Path

import pytest

from ahenk.corpus import corpus_stats, load_corpus, validate_corpus
from ahenk.errors import ParseError, SchemaError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


def test_shipped_corpus_is_clean():
    corpus = load_corpus(CORPUS)
    assert len(corpus.documents) == 5
    assert [t.language for t in corpus.languages] == ["en", "az", "ru"]
    assert validate_corpus(corpus) == []


def test_shipped_corpus_stats():
    stats = corpus_stats(load_corpus(CORPUS))
    assert set(stats) == {"en", "az", "ru"}
    for lang in stats.values():
        assert lang.documents == 5
        assert lang.paragraphs == stats["en"].paragraphs
    assert stats["en"].words > 5000


def test_english_is_the_seeds_byte_for_byte():
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not available: {SEEDS}")
    seeds = sorted(p.read_bytes() for p in SEEDS.glob("*.txt"))
    ours = sorted(p.read_bytes() for p in (CORPUS / "en").glob("*.txt"))
    assert ours == seeds


def test_translations_use_their_alphabets():
    corpus = load_corpus(CORPUS)
    for doc in corpus.documents:
        az = corpus.text(doc, "az")
        ru = corpus.text(doc, "ru")
        assert any(ch in az for ch in "əğışçöüİ"), doc.id
        assert sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in ru) > len(ru) / 3, doc.id


@pytest.fixture
def broken(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


def _codes(root):
    return sorted({p.code for p in validate_corpus(load_corpus(root))})


def test_finds_line_count_and_paragraph_mismatch(broken):
    doc = broken / "az" / "2023-01-15_ombudsman-letter-hrw.txt"
    lines = doc.read_text(encoding="utf-8").split("\n")
    del lines[2]  # a translator dropped a paragraph: everything below shifts
    doc.write_text("\n".join(lines), encoding="utf-8")
    problems = validate_corpus(load_corpus(broken))
    codes = {p.code for p in problems}
    assert {"line-count", "paragraph-mismatch"} <= codes
    first = next(p for p in problems if p.code == "paragraph-mismatch")
    assert first.location.path.endswith("az/2023-01-15_ombudsman-letter-hrw.txt")
    assert first.location.line == 3


def test_finds_encoding_problems(broken):
    doc = broken / "ru" / "2024-11-20_coe-commissioner-appeal.txt"
    doc.write_bytes(b"\xef\xbb\xbf" + doc.read_bytes().replace(b"\n", b"\r\n", 1))
    assert {"byte-order-mark", "line-ending"} <= set(_codes(broken))
    doc.write_bytes(b"\xd0\x9f\xff\n")
    problems = [p for p in validate_corpus(load_corpus(broken)) if p.code == "undecodable"]
    assert problems and problems[0].location.line == 1


def test_finds_wrong_script_and_untranslated(broken):
    az = broken / "az" / "2024-11-20_coe-commissioner-appeal.txt"
    en = broken / "en" / "2024-11-20_coe-commissioner-appeal.txt"
    lines = az.read_text(encoding="utf-8").split("\n")
    lines[0] = en.read_text(encoding="utf-8").split("\n")[0]  # English left in place
    lines[2] = "Омбудсмен"  # Cyrillic in an Azerbaijani text
    az.write_text("\n".join(lines), encoding="utf-8")
    assert {"untranslated-line", "wrong-script"} <= set(_codes(broken))


def test_missing_and_unlisted_files(broken):
    (broken / "ru" / "2025-01_ombudsman-interview-report.txt").rename(
        broken / "ru" / "2025-02_stray.txt")
    assert {"missing-file", "unlisted-file"} <= set(_codes(broken))


def test_manifest_errors_are_located(broken):
    manifest = broken / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('genre = "interview"', 'genre = "podcast"'), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_corpus(broken)
    line = text.splitlines()[info.value.line - 1]
    assert line == "[[document]]" and "podcast" in str(info.value)
    manifest.write_text(text.replace("date = 2020-10-08", "date = 2020-10-"), encoding="utf-8")
    with pytest.raises(ParseError) as info:
        load_corpus(broken)
    assert info.value.line is not None and "invalid TOML" in str(info.value)
