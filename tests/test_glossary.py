"""Library functions behind `ahenk glossary` on the shipped termbase."""

from pathlib import Path

import pytest

from ahenk.errors import UsageError
from ahenk.glossary import convert_glossary, load_termbase, termbase_stats, validate_glossary

TERMBASE = Path(__file__).resolve().parent.parent / "glossaries" / "termbase.tsv"


def test_shipped_termbase_is_valid_and_large_enough():
    assert validate_glossary(TERMBASE, languages=["en", "az", "ru"]) == []
    stats = termbase_stats(load_termbase(TERMBASE))
    assert stats.concepts >= 150
    for lang in ("en", "az", "ru"):
        assert stats.by_language[lang]["preferred"] == stats.concepts


def test_shipped_termbase_records_what_the_client_rejects():
    tb = load_termbase(TERMBASE)
    npm = next(c for c in tb if any(t.text == "NPM" for t in c.terms))
    assert [t.text for t in npm.rejected("en")] == ["MPM"]
    assert npm.preferred("az").text == "Milli Preventiv Mexanizm"
    assert npm.preferred("ru").text == "Национальный превентивный механизм"
    khankendi = next(c for c in tb if c.preferred("en") and c.preferred("en").text == "Khankendi")
    assert khankendi.preferred("az").text == "Xankəndi"
    assert "Степанакерт" in [t.text for t in khankendi.rejected("ru")]


@pytest.mark.parametrize("suffix", ["tbx", "tbx3.tbx", "csv", "tsv"])
def test_convert_round_trips_every_term(tmp_path, suffix):
    out = tmp_path / f"termbase.{suffix}"
    to = "tbx-v3" if suffix == "tbx3.tbx" else None
    original, _ = convert_glossary(TERMBASE, out, to_format=to)
    again = load_termbase(out, to)
    key = lambda tb: sorted((c.id, t.lang.language, t.text, t.status.value)  # noqa: E731
                            for c in tb for t in c.terms)
    assert key(again) == key(original)


def test_convert_routes_options_to_the_side_that_takes_them(tmp_path):
    out = tmp_path / "en-ru.utf8"
    convert_glossary(TERMBASE, out, src_lang="en", tgt_lang="ru")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Glossary in tab-separated format")
    assert any(line.startswith("Khankendi\tХанкенди") for line in lines)
    assert not any("\tСтепанакерт" in line for line in lines)  # forbidden: never offered
    with pytest.raises(UsageError, match="layout"):
        convert_glossary(TERMBASE, tmp_path / "x.tbx", layout="wide")


def test_convert_refuses_to_overwrite_its_input(tmp_path):
    copy = tmp_path / "tb.tsv"
    copy.write_bytes(TERMBASE.read_bytes())
    with pytest.raises(UsageError, match="same file"):
        convert_glossary(copy, copy)
    assert copy.read_bytes() == TERMBASE.read_bytes()
