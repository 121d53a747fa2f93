"""Writes never lose data: atomic replacement survives SIGKILL; inputs are never overwritten
unasked, and a backup is kept when asked."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.cli import main
from ahenk.errors import UsageError
from ahenk.formats import tmx
from ahenk.io import (
    allow_overwrite,
    atomic_write,
    backup_path,
    clean_stale_temps,
    read_text,
    write_text,
)

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _temps(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name}.ahenk-*.tmp"))


# -- SIGKILL in the middle of a write ---------------------------------------------------------

_SLOW_WRITER = textwrap.dedent("""
    import sys, time
    from ahenk.io import atomic_write
    with atomic_write(sys.argv[1]) as handle:
        for i in range(10_000):
            handle.write("new line %d\\n" % i * 100)
            if i == 2:
                handle.flush()
                print("STARTED", flush=True)
            time.sleep(0.01)
""")


def test_sigkill_midway_leaves_previous_file_intact(tmp_path):
    target = tmp_path / "out.txt"
    write_text(target, "previous content\n")
    child = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target)],
                             stdout=subprocess.PIPE, env=ENV, text=True)
    assert child.stdout.readline().strip() == "STARTED"
    leftovers = _temps(tmp_path, "out.txt")
    assert leftovers and leftovers[0].stat().st_size > 0  # it really was writing
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert target.read_text() == "previous content\n"
    # what is left is named as a temporary file, and the next write removes it
    assert _temps(tmp_path, "out.txt") == leftovers
    write_text(target, "next\n")
    assert target.read_text() == "next\n"
    assert _temps(tmp_path, "out.txt") == []


def test_stale_temp_of_a_live_writer_is_kept(tmp_path):
    live = tmp_path / f".out.txt.ahenk-{os.getppid()}-abc.tmp"  # our parent is alive
    dead = tmp_path / ".out.txt.ahenk-999999999-abc.tmp"
    other = tmp_path / ".other.txt.ahenk-999999999-abc.tmp"
    for path in (live, dead, other):
        path.write_text("x")
    assert clean_stale_temps(tmp_path / "out.txt") == [dead]
    assert live.exists() and other.exists()


def _big_termbase(path: Path, concepts: int) -> None:
    lines = ["ID\tLanguage\tTerm\tAdministrative Status"]
    for i in range(concepts):
        lines += [f"c{i}\ten\tterm number {i}\tpreferred", f"c{i}\taz\ttermin {i}\tpreferred"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_sigkill_during_glossary_convert_keeps_previous_output(tmp_path):
    """A real CLI command, killed while its temporary output exists."""
    source = tmp_path / "big.tsv"
    _big_termbase(source, 60_000)
    target = tmp_path / "out.tbx"
    target.write_bytes(b"<previous/>\n")
    caught = False
    for _attempt in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", "from ahenk.cli import main; main()", "glossary", "convert",
             str(source), str(target)], env=ENV, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while child.poll() is None and time.monotonic() < deadline:
            if _temps(tmp_path, "out.tbx"):
                child.send_signal(signal.SIGKILL)
                caught = True
                break
            time.sleep(0.0005)
        child.wait(30)
        if caught:
            break
        # finished before we saw the window: the output is complete, start again
        assert target.read_bytes().rstrip().endswith(b"</martif>")
        target.write_bytes(b"<previous/>\n")
    if not caught:
        pytest.skip("the write finished before the temporary file could be seen")
    assert target.read_bytes() == b"<previous/>\n"
    assert all(p.name.startswith(".out.tbx.ahenk-") for p in _temps(tmp_path, "out.tbx"))


# -- inputs are never overwritten unasked -----------------------------------------------------


@pytest.fixture
def inputs(tmp_path):
    shutil.copy(ROOT / "tests/data/po/basic.po" if (ROOT / "tests/data/po/basic.po").exists()
                else next((ROOT / "tests/data/po").glob("*.po")), tmp_path / "a.po")
    shutil.copy(next((ROOT / "tests/data/termbase-tsv").glob("long.tsv")), tmp_path / "terms.tsv")
    shutil.copy(ROOT / "tests/data/tmx/merge_a.tmx", tmp_path / "a.tmx")
    (tmp_path / "src.txt").write_text("One sentence. Two sentences.\n")
    (tmp_path / "tgt.txt").write_text("Bir cümlə. İki cümlə.\n")
    return tmp_path


def _commands(d: Path) -> dict[str, tuple[list, Path]]:
    return {
        "glossary convert": (["glossary", "convert", d / "terms.tsv", d / "terms.tsv"],
                             d / "terms.tsv"),
        "glossary convert via symlink": (["glossary", "convert", d / "terms.tsv",
                                          d / "link.tsv"], d / "terms.tsv"),
        "check -o": (["check", d / "a.po", "--tgt-lang", "az", "-o", d / "a.po"], d / "a.po"),
        "tmx merge -o": (["tmx", "merge", d / "a.tmx", "-o", d / "a.tmx"], d / "a.tmx"),
        "tmx convert": (["tmx", "convert", d / "a.tmx", d / "a.tmx"], d / "a.tmx"),
        "align -o": (["align", d / "src.txt", d / "tgt.txt", "--src-lang", "en", "--tgt-lang",
                      "az", "-o", d / "src.txt"], d / "src.txt"),
    }


COMMANDS = list(_commands(Path(".")))


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_refuses_to_overwrite_an_input(name, inputs):
    (inputs / "link.tsv").symlink_to(inputs / "terms.tsv")
    args, victim = _commands(inputs)[name]
    before = victim.read_bytes()
    result = run(*args)
    assert result.exit_code == 2, (name, result.output, result.exception)
    assert "input" in result.output
    assert victim.read_bytes() == before
    assert not backup_path(victim).exists()


def test_tm_export_refuses_to_overwrite_its_database(inputs):
    db = inputs / "mem.db"
    assert run("tm", "import", inputs / "a.tmx", "--db", db).exit_code == 0
    before = db.read_bytes()
    result = run("tm", "export", db, "--db", db, "--to", "tmx")
    assert result.exit_code == 2 and db.read_bytes() == before


def test_library_refuses_to_overwrite_an_input_then_keeps_a_backup(tmp_path):
    path = tmp_path / "a.tmx"
    shutil.copy(ROOT / "tests/data/tmx/merge_a.tmx", path)
    before = path.read_bytes()
    store = tmx.read(path)
    with pytest.raises(UsageError, match="refusing to overwrite"):
        tmx.write(store, path)
    assert path.read_bytes() == before
    with allow_overwrite(path):
        tmx.write(store, path)
    assert backup_path(path).read_bytes() == before
    assert path.read_bytes() != before and tmx.read(path).units


def test_files_ahenk_wrote_itself_can_be_rewritten(tmp_path):
    path = tmp_path / "out.txt"
    write_text(path, "one\n")
    assert read_text(path) == "one\n"
    write_text(path, "two\n")
    assert read_text(path) == "two\n"
    assert not backup_path(path).exists()


def test_a_changed_input_may_be_written(tmp_path):
    """Once the user changed the file after ahenk read it, it is no longer the input read."""
    path = tmp_path / "a.txt"
    path.write_text("one\n")
    read_text(path)
    time.sleep(0.01)
    path.write_text("changed by the user\n")
    with atomic_write(path) as handle:
        handle.write("three\n")
    assert path.read_text() == "three\n"
