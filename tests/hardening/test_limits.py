"""The documented limits of ahenk.limits, applied by the readers."""

from __future__ import annotations

import warnings

import pytest

from ahenk.errors import FormatError, SchemaError
from ahenk.formats import registry, tmx
from ahenk.limits import MAX_SEGMENT_CHARS
from tests.hardening.hostile import TEMPLATES

LONG = "a" * (MAX_SEGMENT_CHARS + 1)


def _tmx(tmp_path, text):
    path = tmp_path / "long.tmx"
    path.write_text(TEMPLATES["tmx"][1].replace("{A}", "u1").replace("{X}", text)
                    .replace("</body>", '<tu><tuv xml:lang="en"><seg>ok</seg></tuv></tu></body>'),
                    encoding="utf-8")
    return path


def test_streaming_tmx_skips_a_unit_over_the_limit_with_a_located_warning(tmp_path):
    path = _tmx(tmp_path, LONG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        units = list(tmx.iter_units(path))
    assert [u.source.text for u in units] == ["ok"]
    assert any("segment-too-long" in str(w.message) and f"{path}:1" in str(w.message)
               for w in caught)
    with pytest.raises(SchemaError, match="longer than ahenk's maximum"):
        list(tmx.iter_units(path, strict=True))


def test_a_segment_at_the_limit_is_read(tmp_path):
    units = list(tmx.iter_units(_tmx(tmp_path, "a" * MAX_SEGMENT_CHARS)))
    assert len(units[0].source.text) == MAX_SEGMENT_CHARS


@pytest.mark.parametrize("reader", ["xliff", "xliff2", "tbx", "tbx-v3"])
def test_other_readers_refuse_the_file(reader, tmp_path):
    suffix, template = TEMPLATES[reader]
    path = tmp_path / f"long{suffix}"
    path.write_text(template.replace("{A}", "u1").replace("{X}", LONG), encoding="utf-8")
    with pytest.raises(FormatError, match="longer than ahenk's maximum") as info:
        registry.read(path, reader)
    assert info.value.path == str(path)


def test_po_segment_over_the_limit_is_refused_with_its_line(tmp_path):
    path = tmp_path / "long.po"
    path.write_text(f'msgid ""\nmsgstr ""\n"Language: az\\n"\n\nmsgid "x"\nmsgstr "{LONG}"\n',
                    encoding="utf-8")
    with pytest.raises(FormatError) as info:
        registry.read(path)
    assert info.value.line == 5


def test_whole_document_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "a.xlf"
    path.write_text(TEMPLATES["xliff"][1].replace("{A}", "u1").replace("{X}", "a"))
    monkeypatch.setenv("AHENK_MAX_DOCUMENT_BYTES", "100")
    with pytest.raises(FormatError, match="ahenk reads at most 100 bytes") as info:
        registry.read(path)
    assert info.value.path == str(path)
    monkeypatch.setenv("AHENK_MAX_DOCUMENT_BYTES", "0")  # no limit
    assert len(registry.read(path)) == 1


def test_size_limit_holds_for_a_pipe(tmp_path, monkeypatch):
    import os
    import threading

    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as out:
            try:
                for _ in range(64):
                    out.write(b"line\n" * 1000)
            except BrokenPipeError:
                pass

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    monkeypatch.setenv("AHENK_MAX_DOCUMENT_BYTES", "10000")
    with pytest.raises(FormatError, match="at most 10,000 bytes"):
        registry.read(fifo, "text", src_lang="en")
    thread.join(5)
