import codecs
import os
import stat

import pytest

from ahenk.errors import EncodingError, FormatError
from ahenk.io import _is_special, atomic_write, decode, read_text, write_text


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Şuşa".encode(), "Şuşa"),
        (codecs.BOM_UTF8 + "Şuşa".encode(), "Şuşa"),
        (codecs.BOM_UTF16_LE + "Шуша".encode("utf-16-le"), "Шуша"),
        (codecs.BOM_UTF16_BE + "Шуша".encode("utf-16-be"), "Шуша"),
    ],
)
def test_decode_by_bom(data, text):
    assert decode(data) == text


def test_decode_error_names_line_and_column():
    data = "line one\nlin\xe9 two".encode("latin-1")
    with pytest.raises(EncodingError) as info:
        decode(data, "x.txt")
    err = info.value
    assert (err.path, err.line, err.column) == ("x.txt", 2, 4)
    assert str(err).startswith("x.txt:2:4: cannot decode bytes e9")


def test_read_text_missing_file(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        read_text(tmp_path / "nope.txt")


def test_atomic_write_replaces_only_when_complete(tmp_path):
    target = tmp_path / "out.txt"
    write_text(target, "old\n")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("new, half written")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temp file left
    write_text(target, "new\n")
    assert target.read_text() == "new\n"


def test_atomic_write_keeps_mode(tmp_path):
    target = tmp_path / "out.txt"
    write_text(target, "a")
    os.chmod(target, 0o640)
    write_text(target, "b")
    assert target.stat().st_mode & 0o777 == 0o640


def test_atomic_write_missing_folder(tmp_path):
    with pytest.raises(FormatError, match="output folder does not exist"):
        write_text(tmp_path / "no" / "out.txt", "x")


def test_atomic_write_to_a_pipe_or_device_writes_through_it(tmp_path):
    """-o /dev/null or a named pipe must not replace the device or the pipe with a file. The
    pipe stands for the device here: a regression must not replace this machine's /dev/null."""
    assert _is_special(os.devnull) and not _is_special(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    read = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with atomic_write(fifo, "wb", encoding=None, newline=None) as handle:
            handle.write(b"findings")
        assert os.read(read, 100) == b"findings"
    finally:
        os.close(read)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
