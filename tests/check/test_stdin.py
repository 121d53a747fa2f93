"""Standard input as a file to check (``ahenk.check.stdin``), through the library: its name, the
spooled copy removed whatever happens, the readers' errors and warnings naming it."""

from __future__ import annotations

import io
import tempfile
import warnings
from pathlib import Path

import pytest

from ahenk.check import check_paths
from ahenk.check.stdin import STDIN_NAME, standard_input
from ahenk.errors import ParseError, UsageError

DATA = Path(__file__).resolve().parent / "data"
PO = DATA / "en-az.po"
TMX = DATA / "en-az-ru.tmx"
SYNTAX_ERROR_PO = DATA.parent.parent / "data" / "po" / "syntax_error.po"  # line 9 is broken
CHECKS = ("placeholder-mismatch", "untranslated")


@pytest.fixture
def spool_folder(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The temporary folder standard input is spooled to, empty before and after each test."""
    folder = tmp_path / "spool"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    assert list(folder.iterdir()) == []


def test_standard_input_checked_under_its_name(spool_folder):
    with check_paths(["-"], stdin=io.BytesIO(PO.read_bytes()), stdin_filename="po/az.po",
                     select=CHECKS) as report:
        assert report.files == ["po/az.po"]
        assert {(f.file, f.line) for f in report} == {("po/az.po", 15), ("po/az.po", 19)}
    with check_paths(["-"], stdin=io.BytesIO(PO.read_bytes()), select=CHECKS) as report:
        assert report.files == [STDIN_NAME] and {f.file for f in report} == {STDIN_NAME}


def test_standard_input_beside_files_and_a_file_named_dash(tmp_path, spool_folder):
    dash = tmp_path / "-"  # a file so named is a file: only the bare "-" is standard input
    dash.write_bytes(PO.read_bytes())
    with check_paths([str(TMX), "-", str(dash)], stdin=io.BytesIO(PO.read_bytes()),
                     tgt_lang="az", select=CHECKS) as report:
        assert report.files == [str(TMX), STDIN_NAME, str(dash)]


def test_a_streamed_memory_keeps_its_name_when_read_twice(spool_folder, monkeypatch):
    from ahenk.check import stream

    # no unit may wait for the file's languages: the memory is read through once for them first
    monkeypatch.setattr(stream, "DEFER_LIMIT", 0)
    with check_paths(["-"], stdin=io.BytesIO(TMX.read_bytes()), stdin_filename="tm/all.tmx",
                     select=("number-mismatch", "inline-code-mismatch")) as report:
        assert report.files == ["tm/all.tmx"]
        assert report.summary["findings"] and {f.file for f in report} == {"tm/all.tmx"}


def test_an_error_names_standard_input_and_the_copy_is_removed(spool_folder):
    for name in ("po/az.po", None):
        with pytest.raises(ParseError) as caught:
            check_paths(["-"], stdin=io.BytesIO(SYNTAX_ERROR_PO.read_bytes()),
                        stdin_filename=name, from_format="po")
        assert (caught.value.path, caught.value.line) == (name or STDIN_NAME, 9)
        assert str(caught.value).startswith(f"{name or STDIN_NAME}:9: PO syntax error")


def test_a_reader_warning_names_standard_input(spool_folder):
    data = PO.read_bytes().replace(b"charset=UTF-8", b"charset=NO-SUCH")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with check_paths(["-"], stdin=io.BytesIO(data), stdin_filename="po/az.po"):
            pass
    shown = [str(w.message) for w in seen]
    assert any(m.startswith("po/az.po:3: warning: unknown charset") for m in shown), shown


@pytest.mark.parametrize(("paths", "options", "says"), [
    (["-", "-"], {}, "only once"),
    (["-"], {"changed_since": "HEAD"}, "--changed-since"),
    ([str(PO)], {"stdin_filename": "po/az.po"}, "--stdin-filename"),
])
def test_refused_before_standard_input_is_read(paths, options, says, spool_folder):
    stdin = io.BytesIO(PO.read_bytes())
    with pytest.raises(UsageError, match=says):
        with standard_input(paths, stdin=stdin, **options):
            pass
    assert stdin.tell() == 0


def test_a_reader_of_standard_input_reopens_under_its_name(spool_folder):
    from ahenk.formats import registry

    with standard_input(["-"], "tm/all.tmx", io.BytesIO(TMX.read_bytes())) as inputs:
        spooled = inputs.paths[0]
        assert spooled != "-" and Path(spooled).name.endswith(".tmx")
        with inputs.named(spooled, registry.iter_units(spooled)) as reader:
            assert reader.origin == "tm/all.tmx"
            with reader.reopen() as again:
                assert again.origin == "tm/all.tmx"
                assert {unit.location.path for unit in again} == {"tm/all.tmx"}
