"""``ahenk tm``: exit codes and output through the command line (click's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ahenk.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"
TMX = DATA / "tmx" / "multilingual_az_ru_en.tmx"


def run(*args, env=None):
    return CliRunner().invoke(main, ["tm", *[str(a) for a in args]], env=env,
                              catch_exceptions=False)


def imported(db) -> str:
    result = run("import", TMX, DATA / "po" / "az_plural_context.po", "--db", db)
    assert result.exit_code == 0, result.output
    return result.output


def test_import_reports_per_file(db):
    output = imported(db)
    assert "multilingual_az_ru_en.tmx: 4 added, 0 already there" in output
    assert "az_plural_context.po: 3 added, 0 already there, 1 empty skipped" in output
    assert "4 already there" in run("import", TMX, "--db", db).output


def test_lookup_prints_score_target_and_marks(db):
    imported(db)
    result = run("lookup", "The Ombudsman's first report", "--src", "en", "--tgt", "az",
                 "--db", db, "--min", "50")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[0].endswith("%")
    assert lines[1] == "  en: The Ombudsman's [-İlkin-] {+first+} report"
    assert lines[2] == "  az: Ombudsmanın ilkin məruzəsi — İlkin"


def test_lookup_shows_number_difference(tmp_path):
    bitext = tmp_path / "memory.tsv"
    bitext.write_text("en\taz\nArticle 12 applies.\t12-ci maddə tətbiq olunur.\n", "utf-8")
    db = tmp_path / "tm.sqlite"
    assert run("import", bitext, "--db", db).exit_code == 0
    result = run("lookup", "Article 14 applies.", "--src", "en", "--tgt", "az", "--db", db)
    assert result.exit_code == 0
    assert " 99%" in result.output and "numbers: 12 → 14" in result.output
    assert "12-ci maddə tətbiq olunur." in result.output


def test_lookup_without_match_exits_1(db):
    imported(db)
    result = run("lookup", "Nothing like it", "--src", "en", "--tgt", "az", "--db", db)
    assert result.exit_code == 1 and "no match of 75% or more" in result.output


def test_lookup_json(db):
    imported(db)
    result = run("lookup", "Open %d", "--src", "en", "--tgt", "az", "--db", db,
                 "--format", "json")
    data = json.loads(result.output)
    assert data["signature"].startswith("tm:")
    assert data["matches"][0]["target"] == "%s faylını aç"
    assert data["matches"][0]["score"] == 99


def test_concordance_finds_inflected_forms(db):
    imported(db)
    result = run("concordance", "омбудсмен", "--lang", "ru", "--db", db)
    assert result.exit_code == 0
    assert "ru: Первоначальный доклад [Омбудсмена]" in result.output
    assert "en: The Ombudsman's İlkin report" in result.output
    result = run("concordance", "Ombudsman", "--lang", "az", "--db", db, "--format", "json")
    [hit] = json.loads(result.output)["hits"]
    assert hit["text"][slice(*hit["spans"][0])] == "Ombudsmanın"


def test_concordance_without_hit_exits_1(db):
    imported(db)
    assert run("concordance", "landmine", "--lang", "en", "--db", db).exit_code == 1


def test_export_and_info(db, tmp_path):
    imported(db)
    out = tmp_path / "out.tmx"
    result = run("export", out, "--db", db)
    assert result.exit_code == 0 and "7 entries written (tmx)" in result.output
    assert out.read_text("utf-8").count("<tu ") + out.read_text("utf-8").count("<tu>") == 7
    result = run("export", tmp_path / "out.po", "--db", db)
    assert result.exit_code == 2 and "--src and --tgt" in result.output
    result = run("info", "--db", db)
    assert "7 entries" in result.output and "en → az: 5" in result.output


def test_missing_memory_exits_2(tmp_path):
    result = run("lookup", "x", "--src", "en", "--tgt", "az", "--db", tmp_path / "none.sqlite")
    assert result.exit_code == 2 and "no translation memory" in result.output


def test_unreadable_input_exits_2(tmp_path):
    result = run("import", DATA / "tmx" / "not_tmx_root.tmx", "--db", tmp_path / "tm.sqlite",
                 "--from", "tmx")
    assert result.exit_code == 2 and "ahenk: error:" in result.output


def test_default_db_and_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("import", TMX).exit_code == 0
    assert (tmp_path / ".ahenk" / "tm.sqlite").is_file()
    other = tmp_path / "team.sqlite"
    assert run("import", TMX, env={"AHENK_TM_DB": str(other)}).exit_code == 0
    assert other.is_file()


def test_lookup_marks_keep_punctuation_spacing(tmp_path):
    bitext = tmp_path / "memory.tsv"
    bitext.write_text("en\taz\nArticle 12, paragraph 3 (on visits) applies.\t"
                      "12-ci maddənin 3-cü bəndi tətbiq olunur.\n", "utf-8")
    db = tmp_path / "tm.sqlite"
    assert run("import", bitext, "--db", db).exit_code == 0
    result = run("lookup", "Article 14, paragraph 3 (on prisons) applies.", "--src", "en",
                 "--tgt", "az", "--db", db, "--min", "50")
    assert result.output.splitlines()[1] == (
        "  en: Article [-12-] {+14+}, paragraph 3 (on [-visits-] {+prisons+}) applies.")


def _dated_tmx(path, target, date):
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
        'creationtoolversion="1"/><body>'
        f'<tu creationdate="{date}"><tuv xml:lang="en"><seg>The committee met.</seg></tuv>'
        f'<tuv xml:lang="az"><seg>{target}</seg></tuv></tu></body></tmx>\n', "utf-8")
    return path


def test_import_update_delete_and_stats(tmp_path):
    db = tmp_path / "tm.sqlite"
    old = _dated_tmx(tmp_path / "old.tmx", "Komitə toplandı.", "20200101T000000Z")
    new = _dated_tmx(tmp_path / "new.tmx", "Komitə iclas keçirdi.", "20240101T000000Z")
    assert "1 added" in run("import", old, "--db", db).output
    result = run("import", new, "--db", db, "--update")
    assert result.output == f"{new}: 1 added, 0 already there, 1 replaced, 0 outdated\n"
    result = run("import", old, "--db", db, "--update")
    assert result.output == f"{old}: 0 added, 0 already there, 0 replaced, 1 outdated\n"
    result = run("stats", "--db", db)
    assert result.output.splitlines()[:6] == [
        "1 entries", "  en → az: 1",
        "created: 2024-01-01T00:00:00Z – 2024-01-01T00:00:00Z",
        "sources with several translations: 0", "origins:", "  new.tmx: 1"]
    data = json.loads(run("stats", "--db", db, "--format", "json").output)
    assert data["origins"] == [{"origin": "new.tmx", "entries": 1}]
    result = run("delete", "--db", db, "--origin", "new.tmx", "--dry-run")
    assert result.output == "1 entry would be deleted (dry run)\n"
    result = run("delete", "--db", db, "--origin", "new.tmx", "--before", "2025-01-01")
    assert result.exit_code == 0 and result.output == "1 entry deleted\n"
    assert run("stats", "--db", db).output.startswith("0 entries\n")


def test_delete_refuses_no_selection_and_bad_dates(tmp_path):
    db = tmp_path / "tm.sqlite"
    assert run("import", TMX, "--db", db).exit_code == 0
    result = run("delete", "--db", db)
    assert result.exit_code == 2 and "name the entries to delete" in result.output
    result = run("delete", "--db", db, "--since", "yesterday")
    assert result.exit_code == 2 and "--since 'yesterday'" in result.output
    result = run("delete", "--db", tmp_path / "none.sqlite", "--id", "1")
    assert result.exit_code == 2 and "no translation memory" in result.output
