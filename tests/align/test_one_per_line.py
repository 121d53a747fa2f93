"""``--one-per-line`` input: line k is sentence k, unless every file separates paragraphs by
blank lines (then those are paragraph breaks, not sentences)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ahenk.align.api import read_texts
from ahenk.cli import main

# Sentences of about the same length: without paragraphs the aligner pairs them 1:1 in order;
# the paragraphs say the target split the first English sentence and merged the next two.
EN = ["The committee met in the capital.", "It adopted the annual report.",
      "The session then closed."]
AZ = ["Komitə paytaxtda toplandı idi.", "Bu, iclasın ilk günü idi.",
      "İllik hesabat qəbul edildi və iclas bağlandı."]

# (source lines, target lines, expected sentences per side, expected paragraphs per side)
READ_CASES = [
    pytest.param(["a", "", "b", "c"], ["x", "", "y"],
                 (["a", "b", "c"], ["x", "y"]), ([0, 1, 1], [0, 1]), id="both-blank"),
    pytest.param(["", "a", "", "", "b", ""], ["x", "", "y"],
                 (["a", "b"], ["x", "y"]), ([0, 1], [0, 1]), id="runs-and-edges"),
    pytest.param(["a", "", "b"], ["x", "y", "z"],
                 (["a", "", "b"], ["x", "y", "z"]), (None, None), id="one-side-only"),
    pytest.param(["a", "b", ""], ["x", "", ""], (["a", "b", ""], ["x", "", ""]),
                 (None, None), id="trailing-blanks-are-no-separator"),
    pytest.param(["a", "b"], ["x", "y"], (["a", "b"], ["x", "y"]), (None, None),
                 id="vecalign-input"),
]


def write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return path


@pytest.mark.parametrize(("src", "tgt", "sentences", "paragraphs"), READ_CASES)
def test_blank_lines_separate_paragraphs_only_when_every_file_has_them(
        tmp_path, src, tgt, sentences, paragraphs):
    texts = read_texts([(write(tmp_path, "s.txt", src), "en"),
                        (write(tmp_path, "t.txt", tgt), "az")], one_per_line=True)
    assert tuple(t[0] for t in texts) == sentences
    assert tuple(t[1] for t in texts) == paragraphs


def align(tmp_path, src, tgt):
    result = CliRunner().invoke(main, ["align", str(write(tmp_path, "en.txt", src)),
                                       str(write(tmp_path, "az.txt", tgt)), "--src-lang", "en",
                                       "--tgt-lang", "az", "--one-per-line", "--format",
                                       "vecalign"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_paragraphs_from_blank_lines_anchor_the_alignment(tmp_path):
    assert align(tmp_path, EN, AZ) == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    # numbers count non-blank lines
    assert align(tmp_path, [EN[0], "", EN[1], EN[2]], [AZ[0], AZ[1], "", AZ[2]]) == [
        "[0]:[0, 1]", "[1, 2]:[2]"]


def test_a_blank_line_in_one_file_only_stays_an_empty_sentence(tmp_path):
    beads = align(tmp_path, [EN[0], "", EN[1], EN[2]], AZ)
    covered = [int(k) for bead in beads for k in bead.split(":")[0].strip("[]").split(", ") if k]
    assert covered == [0, 1, 2, 3]  # line numbers hold: the blank line is sentence 1


def test_three_files_with_blank_lines_use_the_paragraphs(tmp_path):
    ru = ["Комитет собрался в столице страны.", "Это был первый день.", "",
          "Доклад был принят, и сессия закрылась."]
    result = CliRunner().invoke(main, [
        "align", str(write(tmp_path, "en.txt", [EN[0], "", EN[1], EN[2]])),
        str(write(tmp_path, "az.txt", [AZ[0], AZ[1], "", AZ[2]])), "--src-lang", "en",
        "--tgt-lang", "az", "--third", str(write(tmp_path, "ru.txt", ru)), "--third-lang", "ru",
        "--one-per-line", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    units = json.loads(result.stdout)["units"]
    assert [u["indices"] for u in units] == [{"en": [0], "az": [0, 1], "ru": [0, 1]},
                                             {"en": [1, 2], "az": [2], "ru": [2]}]
