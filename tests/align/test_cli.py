"""``ahenk align`` through click's CliRunner: formats, files, bad input, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from ahenk.cli import main
from ahenk.formats.registry import read

EN = "The Ombudsman met Aliyeva in Khankendi in 1991.\nIt cost 3,400 dollars.\nWhy?\n"
AZ = ("Ombudsman 1991-ci ildə Xankəndidə Əliyeva ilə görüşdü.\nBu 3 400 dollara başa gəldi.\n"
      "Niyə?\n")
RU = ("Омбудсмен встретился с Алиевой в Ханкенди в 1991 году.\nЭто стоило 3 400 долларов.\n"
      "Почему?\n")


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("en", EN), ("az", AZ), ("ru", RU)):
        paths[name] = tmp_path / f"text.{name}.txt"
        paths[name].write_text(text, "utf-8")
    return paths


def run(*args):
    return CliRunner().invoke(main, ["align", *map(str, args)], catch_exceptions=False)


def test_vecalign_output(files):
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line", "--format", "vecalign")
    assert result.exit_code == 0, result.output
    assert result.stdout == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"
    assert "3 beads, 0 below confidence 0.5" in result.stderr


def test_tsv_is_the_default(files):
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line")
    lines = result.stdout.splitlines()
    assert lines[0] == "source\ttarget\tconfidence\tbead"
    assert lines[2].startswith("It cost 3,400 dollars.\tBu 3 400 dollara başa gəldi.\t")


def test_json_output_carries_signature_and_beads(files, tmp_path):
    out = tmp_path / "out.json"
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line", "--format", "json", "-o", out)
    assert result.exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["signature"]["name"] == "ahenk"
    assert [b["src"] for b in data["beads"]] == [[0], [1], [2]]
    assert all(0.0 <= b["confidence"] <= 1.0 for b in data["beads"])


def test_html_page_is_self_contained_and_escapes_text(files, tmp_path):
    (files["en"]).write_text("A <script>alert(1)</script> & co.\n", "utf-8")
    (files["az"]).write_text("Bir & co.\n", "utf-8")
    out = tmp_path / "review.html"
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line", "--format", "html", "-o", out)
    assert result.exit_code == 0
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>alert(1)</script>" not in page
    assert "\\u003cscript\\u003ealert(1)" in page
    assert "Lowest confidence first" in page and 'type="search"' in page
    assert "http://" not in page and "https://" not in page  # nothing fetched from outside


def test_tmx_through_the_format_registry(files, tmp_path):
    out = tmp_path / "out.tmx"
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line", "--format", "tmx", "-o", out)
    assert result.exit_code == 0, result.output
    store = read(out)
    assert len(store) == 3
    assert store.units[1].target_for("az").text == "Bu 3 400 dollara başa gəldi."


def test_tmx_needs_an_output_file(files):
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--format", "tmx")
    assert result.exit_code == 2
    assert "-o FILE" in result.stderr


def test_three_languages_through_the_pivot(files, tmp_path):
    out = tmp_path / "three.tmx"
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--third", files["ru"], "--third-lang", "ru", "--one-per-line",
                 "--format", "tmx", "-o", out)
    assert result.exit_code == 0, result.output
    store = read(out)
    assert len(store) == 3
    assert store.units[2].target_for("ru").text == "Почему?"
    tsv = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
              "--third", files["ru"], "--third-lang", "ru", "--one-per-line")
    assert tsv.stdout.splitlines()[0] == "en\taz\tru\tconfidence"


def test_third_without_its_language(files):
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--third", files["ru"])
    assert result.exit_code == 2 and "go together" in result.stderr


def test_without_one_per_line_the_files_are_segmented(tmp_path):
    src = tmp_path / "en.txt"
    tgt = tmp_path / "az.txt"
    src.write_text("It rained in 1991. Then it stopped.\nWhy?\n", "utf-8")
    tgt.write_text("1991-ci ildə yağış yağdı. Sonra dayandı.\nNiyə?\n", "utf-8")
    result = run(src, tgt, "--src-lang", "en", "--tgt-lang", "az", "--format", "json")
    assert result.exit_code == 0, result.output
    beads = json.loads(result.stdout)["beads"]
    assert [(b["source"], b["target"]) for b in beads] == [
        ("It rained in 1991.", "1991-ci ildə yağış yağdı."),
        ("Then it stopped.", "Sonra dayandı."),
        ("Why?", "Niyə?"),
    ]


def test_glossary_adds_term_anchors(files, tmp_path):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("ID\tLanguage\tTerm\nc1\ten\tOmbudsman\nc1\taz\tOmbudsman\n", "utf-8")
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line", "--format", "json", "--glossary", glossary)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["signature"]["termbase_hash"] != "none"


@pytest.mark.parametrize(("src_text", "tgt_text", "message"), [
    ("", "Salam.\n", "the file is empty"),
    ("Hello.\n", "", "the file is empty"),
    ("\n\n", "Salam.\n", "only blank lines"),
])
def test_empty_input_is_a_clear_error(tmp_path, src_text, tgt_text, message):
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text(src_text, "utf-8")
    tgt.write_text(tgt_text, "utf-8")
    for flag in (["--one-per-line"], []):
        result = run(src, tgt, "--src-lang", "en", "--tgt-lang", "az", *flag)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("ahenk: error: ")
        assert message in result.stderr or "empty" in result.stderr


def test_undecodable_bytes_name_file_line_and_column(tmp_path, files):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Fine line.\nBad \xff byte.\n")
    result = run(bad, files["az"], "--src-lang", "en", "--tgt-lang", "az", "--one-per-line")
    assert result.exit_code == 2
    assert f"{bad}:2:5: cannot decode" in result.stderr


def test_missing_file(tmp_path, files):
    result = run(tmp_path / "nope.txt", files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_wildly_different_sizes_warn_on_stderr(tmp_path, files):
    big = tmp_path / "big.txt"
    big.write_text("".join(f"Sentence {k} is here.\n" for k in range(40)), "utf-8")
    result = run(big, files["az"], "--src-lang", "en", "--tgt-lang", "az", "--one-per-line",
                 "--format", "vecalign")
    assert result.exit_code == 0
    assert "ahenk: warning: the sides differ widely in size (40 vs 3 sentences)" in result.stderr
    beads = [line.split(":") for line in result.stdout.splitlines()]
    assert sum(len(json.loads(src)) for src, _ in beads) == 40  # every line, once
    assert sum(len(json.loads(tgt)) for _, tgt in beads) == 3
    assert "below confidence 0.5" in result.stderr


def test_gale_church_baseline_is_selectable(files):
    result = run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az",
                 "--one-per-line", "--aligner", "gale-church", "--format", "json")
    assert json.loads(result.stdout)["signature"]["name"] == "gale-church"


def test_html_review_script_is_valid_javascript(files, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the page's script is not syntax-checked")
    out = tmp_path / "review.html"
    run(files["en"], files["az"], "--src-lang", "en", "--tgt-lang", "az", "--one-per-line",
        "--format", "html", "-o", out)
    page = out.read_text("utf-8")
    script = page.split('<script>\n', 1)[1].split("</script>", 1)[0]
    data = page.split('id="alignment-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["beads"]
    js = tmp_path / "review.js"
    js.write_text(script, "utf-8")
    proc = subprocess.run([node, "--check", str(js)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_blank_line_paragraphs_join_hard_wrapped_lines(tmp_path):
    src = tmp_path / "en.txt"
    tgt = tmp_path / "az.txt"
    src.write_text("It rained in 1991 and\nthe river rose.\n\nWhy?\n", "utf-8")
    tgt.write_text("1991-ci ildə yağış yağdı və\nçay qalxdı.\n\nNiyə?\n", "utf-8")
    result = run(src, tgt, "--src-lang", "en", "--tgt-lang", "az", "--paragraphs", "blank",
                 "--format", "json")
    beads = json.loads(result.stdout)["beads"]
    assert [b["src"] for b in beads] == [[0], [1]]
    assert beads[0]["source"].replace("\n", " ") == "It rained in 1991 and the river rose."
