"""The case-table reader (ahenk.segment.cases): marks, paragraphs, notes, comments."""

from __future__ import annotations

from ahenk.segment.cases import read_case_tables, read_cases


def test_a_line_gives_its_text_its_segments_per_paragraph_and_its_note(tmp_path) -> None:
    table = tmp_path / "cases_en.tsv"
    table.write_text(
        "# a comment\n\nOne. ‖ Two.¶Three.\tthe note\nNo note here.\n", encoding="utf-8"
    )
    first, second = read_cases(table, "en")
    assert (first.id, first.text, first.note) == ("en:3", "One. Two.\nThree.", "the note")
    assert first.paragraphs == (("One. Two.", ("One.", "Two.")), ("Three.", ("Three.",)))
    assert first.expected == ("One.", "Two.", "Three.")
    assert (second.id, second.expected, second.note) == ("en:4", ("No note here.",), "")


def test_tables_are_found_by_name_and_keyed_by_language(tmp_path) -> None:
    (tmp_path / "cases_az.tsv").write_text("Bir. ‖ İki.\n", encoding="utf-8")
    (tmp_path / "notes.tsv").write_text("ignored\n", encoding="utf-8")
    tables = read_case_tables(tmp_path)
    assert list(tables) == ["az"]
    assert tables["az"][0].lang == "az"
