"""Hostile XML, against every XML reader ahenk has: nothing fetched, opened, expanded or blown up.

One crafted file per attack and reader under ``tests/data/hostile/`` (made by
:mod:`tests.hardening.hostile`). Each is either refused with a located ahenk error or read
"neutrally": the entity, DTD or external subset is ignored and no text of it gets in.
"""

from __future__ import annotations

import errno
import http.server
import os
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from lxml import etree

from ahenk.errors import AhenkError, FormatError, ParseError, SchemaError
from ahenk.formats import registry
from tests.hardening.conftest import quiet_read, read_with, texts
from tests.hardening.hostile import (
    ATTACKS,
    BIG_ATTACKS,
    HOSTILE,
    PORT,
    SECRET_FILE,
    TEMPLATES,
    file_name,
    write_all,
)

#: What each attack must come to: "refused" (a located ParseError) or "neutral" (read, with
#: nothing of the entity or DTD in it). TMX streams and skips a unit holding an unexpanded
#: entity with a warning (strict mode: an error), see OVERRIDES.
EXPECTED = {
    "xxe_file": "refused",
    "xxe_http": "refused",
    "param_entity": "neutral",
    "remote_dtd": "neutral",
    "billion_laughs": "refused",
    "billion_laughs_attr": "refused",
    "quadratic_blowup": "refused",
    "deep_nesting": "refused",
    "huge_attr": "refused",
    "huge_text": "refused",
}
OVERRIDES = {
    ("xxe_file", "tmx"): "skipped",
    ("xxe_http", "tmx"): "skipped",
    # SRX (the stdlib's expat) refuses every document type declaration outright
    **{(attack, "srx"): "refused" for attack in EXPECTED},
}
XML_EXTENSIONS = {"tmx", "tbx", "xlf", "xliff", "sdlxliff", "mqxliff", "xml"}
CASES = [(attack, reader) for attack in ATTACKS for reader in TEMPLATES]
BIG_CASES = [(attack, reader) for attack in BIG_ATTACKS for reader in TEMPLATES]
LEAK_MARKERS = ("root:", "lol", "xxxxxxxxxx", "LEAKED")


def test_every_xml_reader_is_attacked():
    xml_readers = {h.name for h in registry.handlers()
                   if h.can_read and XML_EXTENSIONS & set(h.extensions)}
    assert xml_readers == set(TEMPLATES) - {"srx"}, "add a template to tests/hardening/hostile.py"


def test_committed_files_are_current(tmp_path):
    fresh = {p.name: p.read_bytes() for p in write_all(tmp_path)}
    committed = {p.name: p.read_bytes() for p in HOSTILE.iterdir() if p.is_file()}
    assert committed == fresh, "run: python -m tests.hardening.hostile"


def _check(attack: str, reader: str, path: Path) -> None:
    expected = OVERRIDES.get((attack, reader), EXPECTED[attack])
    if expected == "refused":
        with pytest.raises(ParseError) as info:
            read_with(reader, path)
        error = info.value
        assert error.path == os.fspath(path)
        assert error.line is not None, str(error)
        assert str(error).startswith(f"{path}:{error.line}")
        return
    result, messages = quiet_read(reader, path)
    found = texts(result)
    assert not [t for t in found for m in LEAK_MARKERS if m in t]
    if expected == "skipped":
        assert found == [], found
        assert any("entity" in m and f"{path}:" in m for m in messages), messages
        with pytest.raises(SchemaError) as info:  # strict mode refuses it, located
            read_with(reader, path, strict=True)
        assert info.value.line is not None
    else:
        assert "a" in found


@pytest.mark.parametrize(("attack", "reader"), CASES, ids=[f"{a}-{r}" for a, r in CASES])
def test_hostile_file(attack, reader):
    _check(attack, reader, HOSTILE / file_name(attack, reader))


@pytest.mark.parametrize(("attack", "reader"), BIG_CASES, ids=[f"{a}-{r}" for a, r in BIG_CASES])
def test_hostile_big_file(attack, reader, big_files):
    _check(attack, reader, big_files / file_name(attack, reader))


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-big")
    write_all(folder, BIG_ATTACKS)
    return folder


REGISTRY_FILES = sorted(p for p in HOSTILE.iterdir() if p.is_file() and p.suffix != ".srx")


@pytest.mark.parametrize("path", REGISTRY_FILES, ids=lambda p: p.name)
def test_detection_then_read_gives_only_ahenk_errors(path):
    """Through the registry (format chosen by extension and content), as the CLI reads."""
    try:
        quiet_read_any(path)
    except AhenkError as error:
        assert isinstance(error, FormatError) and error.path == os.fspath(path)


def quiet_read_any(path: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        registry.read(path)


# -- nothing is fetched ----------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY xxe "LEAKED"><!ENTITY % x "">')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback_server():
    """An HTTP server on 127.0.0.1 that records every request (loopback only, stopped after)."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.timeout = 1
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.hits
    server.shutdown()
    server.server_close()


def _pointing_at(tmp_path: Path, port: int, old: str = "", new: str = "") -> list[tuple[str, Path]]:
    out = []
    for attack, reader in CASES:
        data = (HOSTILE / file_name(attack, reader)).read_bytes()
        if f":{PORT}/".encode() not in data and (not old or old.encode() not in data):
            continue
        data = data.replace(f"127.0.0.1:{PORT}/".encode(), f"127.0.0.1:{port}/".encode())
        if old:
            data = data.replace(old.encode(), new.encode())
        path = tmp_path / file_name(attack, reader)
        path.write_bytes(data)
        out.append((reader, path))
    return out


def _read_all(files: list[tuple[str, Path]]) -> None:
    for reader, path in files:
        try:
            quiet_read(reader, path)
        except AhenkError:
            pass


def test_no_request_reaches_a_server_the_files_name(loopback_server, tmp_path):
    port, hits = loopback_server
    files = _pointing_at(tmp_path, port)
    assert len(files) >= 3 * len(TEMPLATES)
    _read_all(files)
    time.sleep(0.1)
    assert hits == []
    # the detector works: a real fetch of the same URL is recorded
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/control", timeout=5) as response:
        response.read()
    assert hits == ["/control"]


def test_no_socket_is_opened(monkeypatch, tmp_path):
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError(errno.ENETUNREACH, "network use is forbidden in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    _read_all(_pointing_at(tmp_path, PORT))
    assert attempts == []
    with pytest.raises(OSError):  # the guard works
        socket.create_connection(("127.0.0.1", PORT), timeout=1)
    assert attempts


# -- nothing is opened on the local disk -----------------------------------------------------


class _FifoTrap:
    """A FIFO that notices when anything opens it for reading (and then lets it read nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:  # ENXIO: no reader has it open
                if exc.errno != errno.ENXIO:
                    raise
                time.sleep(0.0005)
                continue
            self.opened += 1
            os.close(fd)
            time.sleep(0.005)

    def stop(self) -> int:
        time.sleep(0.05)
        self._stop.set()
        self._thread.join(5)
        return self.opened


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_no_local_file_is_opened(tmp_path):
    trap = _FifoTrap(tmp_path / "secret.fifo")
    try:
        files = _pointing_at(tmp_path, PORT, f"file://{SECRET_FILE}", f"file://{trap.path}")
        assert len(files) >= 2 * len(TEMPLATES)
        _read_all(files)
    finally:
        opened = trap.stop()
    assert opened == 0
    # the trap works: a parser that loads external entities opens it
    trap = _FifoTrap(tmp_path / "control.fifo")
    try:
        document = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{trap.path}">]><r>&x;</r>'
        etree.fromstring(document.encode(), etree.XMLParser(resolve_entities=True))
    finally:
        assert trap.stop() >= 1
