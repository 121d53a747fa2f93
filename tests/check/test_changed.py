"""``--changed-since REV``: only entries added or changed since a git revision are reported.

Each test builds a throwaway git repository; the files are compared as units (key + target
text), so moved and re-wrapped entries are not "changed"."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.cli import main

DATA = Path(__file__).resolve().parent / "data"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: az\\n"\n\n'


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    return tmp_path


def commit(repo: Path, message: str = "c") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def changed(*args: str) -> list[tuple[str, str]]:
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [(f["unit"], f["lang"]) for f in json.loads(result.output)["findings"]]


def test_po_changed_and_added_entries_only(repo: Path):
    po = repo / "az.po"
    po.write_text(PO_HEAD + 'msgid "Deleted 3 files"\nmsgstr "4 fayl silindi"\n\n'
                  'msgid "Moved 5 files"\nmsgstr "6 fayl köçürüldü"\n\n'
                  'msgctxt "menu"\nmsgid "Sent 1 file"\nmsgstr "2 fayl göndərildi"\n',
                  encoding="utf-8")
    base = commit(repo)
    # "Deleted" moves to the end and is re-wrapped (same text); "Moved" gets a new target;
    # "Copied" is new; "Sent" keeps its msgctxt and target
    po.write_text(PO_HEAD + 'msgid "Moved 5 files"\nmsgstr "7 fayl köçürüldü"\n\n'
                  'msgid "Copied 7 files"\nmsgstr "8 fayl kopyalandı"\n\n'
                  'msgctxt "menu"\nmsgid "Sent 1 file"\nmsgstr "2 fayl göndərildi"\n\n'
                  'msgid ""\n"Deleted 3 files"\nmsgstr ""\n"4 fayl silindi"\n', encoding="utf-8")
    assert changed(str(po), "--select", "number-mismatch", "--changed-since", base) == [
        ("Moved 5 files", "az"), ("Copied 7 files", "az")]
    assert len(changed(str(po), "--select", "number-mismatch")) == 4
    commit(repo)
    assert changed(str(po), "--select", "number-mismatch", "--changed-since", "HEAD") == []
    result = CliRunner().invoke(main, ["check", "--no-config", str(po), "--select",
                                       "number-mismatch", "--changed-since", "HEAD"])
    assert result.exit_code == 0 and "4 on unchanged units" in result.output


def test_tmx_target_language_change(repo: Path):
    tmx = repo / "memory.tmx"
    shutil.copy(DATA / "en-az-ru.tmx", tmx)
    base = commit(repo)
    text = tmx.read_text(encoding="utf-8")
    tmx.write_text(text.replace("В 1992 году были перемещены 3,400 человек.",
                                "В 1992 году были перемещены 3,500 человек."), encoding="utf-8")
    assert changed(str(tmx), "--select", "number-mismatch", "--changed-since", base) == [
        ("displaced", "ru")]


def test_xliff_by_id_and_new_file(repo: Path):
    (repo / "l10n").mkdir()
    xlf = repo / "l10n" / "app.xlf"
    shutil.copy(DATA / "suppress" / "numbers.xlf", xlf)
    text = xlf.read_text(encoding="utf-8").replace("<note>ahenk: ignore=all</note>", "")
    xlf.write_text(text.replace("<note>ahenk: ignore number-mismatch</note>", ""),
                   encoding="utf-8")
    base = commit(repo)
    xlf.write_text(xlf.read_text(encoding="utf-8").replace("6 fayl", "9 fayl"), encoding="utf-8")
    assert changed(str(repo / "l10n"), "--select", "number-mismatch", "--changed-since",
                   base) == [("moved", "az")]
    # a file not in REV (here: untracked) is all new
    shutil.copy(xlf, repo / "l10n" / "new.xlf")
    found = changed(str(repo / "l10n" / "new.xlf"), "--select", "number-mismatch",
                    "--changed-since", base)
    assert len(found) == 3


def test_tsv_rows_keyed_by_source_not_position(repo: Path):
    tsv = repo / "pairs.tsv"
    tsv.write_text("en\taz\nDeleted 3 files\t4 fayl silindi\n", encoding="utf-8")
    base = commit(repo)
    tsv.write_text("en\taz\nCopied 7 files\t8 fayl kopyalandı\nDeleted 3 files\t4 fayl silindi\n",
                   encoding="utf-8")
    assert changed(str(tsv), "--select", "number-mismatch", "--changed-since", base) == [
        ("1", "az")]


def test_errors_exit_2(repo: Path, tmp_path_factory: pytest.TempPathFactory):
    po = repo / "az.po"
    po.write_text(PO_HEAD + 'msgid "Deleted 3 files"\nmsgstr "4 fayl silindi"\n',
                  encoding="utf-8")
    commit(repo)
    for rev, words in (("no-such-branch", "unknown revision 'no-such-branch'"),
                       ("--output=x", "not a revision")):
        result = CliRunner().invoke(main, ["check", "--no-config", str(po),
                                           f"--changed-since={rev}"])
        assert result.exit_code == 2 and words in result.output, result.output
    outside = tmp_path_factory.mktemp("not-a-repo") / "az.po"
    shutil.copy(po, outside)
    result = CliRunner().invoke(main, ["check", "--no-config", str(outside), "--changed-since",
                                       "HEAD"])
    assert result.exit_code == 2 and "not inside a git repository" in result.output


def test_old_version_read_in_the_given_encoding(repo: Path):
    po = repo / "ru.po"
    head = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
    po.write_bytes((head + 'msgid "Moved 5 files"\nmsgstr "Перемещено 6 файлов"\n').encode(
        "cp1251"))
    base = commit(repo)
    po.write_bytes((head + 'msgid "Moved 5 files"\nmsgstr "Перемещено 6 файлов"\n\n'
                    'msgid "Copied 7 files"\nmsgstr "Скопировано 8 файлов"\n').encode("cp1251"))
    assert changed(str(po), "--select", "number-mismatch", "--encoding", "cp1251",
                   "--changed-since", base) == [("Copied 7 files", "ru")]
