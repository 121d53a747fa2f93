"""Encodings, line ends, normalisation forms and control characters, across every reader.

Each case is read right, or refused with an ahenk error naming the file and line. The table is
meant to be extended: (case id, encoding written, BOM, declared encoding, line end, expected).
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from ahenk.errors import FormatError
from ahenk.formats import registry
from tests.hardening.conftest import quiet_read, texts
from tests.hardening.hostile import TEMPLATES

AZ = "Şuşa İğdır ılıq"  # windows-1254 holds these (not ə)
RU = "Шуша ёлка Ёж"
BOTH = "Şuşa İğdır ılıq əks — Шуша ёлка"

_XML = {name: TEMPLATES[name][1].replace("{A}", "u1") for name in
        ("tmx", "xliff", "xliff2", "tbx", "tbx-v3")}


def _document(reader: str, text: str, declared: str | None, eol: str) -> str:
    """A small file of *reader*'s format holding *text* as a target, term or line."""
    if reader in _XML:
        declaration = f'<?xml version="1.0" encoding="{declared}"?>' if declared else \
            '<?xml version="1.0"?>'
        return declaration + eol + _XML[reader].replace("{X}", text).replace("><", ">" + eol + "<")
    if reader == "po":
        charset = declared or "UTF-8"
        lines = ['msgid ""', 'msgstr ""', f'"Content-Type: text/plain; charset={charset}\\n"',
                 '"Language: az\\n"', "", 'msgid "one"', f'msgstr "{text}"', ""]
    elif reader in ("csv", "termbase-csv"):
        lines = ["en,az", f"one,{text}"] if reader == "csv" else \
            ["Language,Term", "en,one", f"az,{text}"]
    elif reader in ("tsv", "termbase-tsv"):
        lines = ["en\taz", f"one\t{text}"] if reader == "tsv" else \
            ["ID\tLanguage\tTerm", "c1\ten\tone", f"c1\taz\t{text}"]
    elif reader == "omegat-glossary":
        lines = [f"one\t{text}"]
    else:  # text
        lines = ["one.", f"{text}."]
    return eol.join(lines) + eol


SUFFIX = {"tbx-v3": ".tbx", "xliff2": ".xlf", "text": ".txt", "omegat-glossary": ".utf8",
          "termbase-csv": ".csv", "termbase-tsv": ".tsv"}
OPTIONS = {"csv": {"src_lang": "en", "tgt_lang": "az"}, "tsv": {"src_lang": "en", "tgt_lang": "az"},
           "omegat-glossary": {"src_lang": "en", "tgt_lang": "az"}, "text": {"src_lang": "az"},
           "po": {"src_lang": "en"}}
READERS = [h.name for h in registry.handlers() if h.can_read]
#: Readers that take the encoding from the file itself (XML declaration, PO charset); the others
#: are told with ``encoding=`` (a CSV or text file cannot say).
SELF_DECLARING = set(_XML) | {"po"}

# (id, text, bytes encoding, BOM, declared, eol, expected: "read" | "refused")
CASES = [
    ("utf8", BOTH, "utf-8", b"", None, "\n", "read"),
    ("utf8-bom", BOTH, "utf-8", codecs.BOM_UTF8, None, "\n", "read"),
    ("utf16le-bom", BOTH, "utf-16-le", codecs.BOM_UTF16_LE, None, "\n", "read"),
    ("utf16be-bom", BOTH, "utf-16-be", codecs.BOM_UTF16_BE, None, "\n", "read"),
    ("cp1254-declared", AZ, "cp1254", b"", "windows-1254", "\n", "read"),
    ("cp1251-declared", RU, "cp1251", b"", "windows-1251", "\n", "read"),
    ("cp1251-declared-utf8", RU, "cp1251", b"", None, "\n", "refused"),
    ("crlf", BOTH, "utf-8", b"", None, "\r\n", "read"),
    ("mixed-eol", BOTH, "utf-8", b"", None, "MIXED", "read"),
    ("nfd", unicodedata.normalize("NFD", BOTH), "utf-8", b"", None, "\n", "read"),
]


def _write(tmp_path: Path, reader: str, case: tuple) -> tuple[Path, dict]:
    _id, text, encoding, bom, declared, eol, _expected = case
    options = dict(OPTIONS.get(reader, {}))
    if eol == "MIXED":
        body = _document(reader, text, declared, "\n")
        lines = body.split("\n")
        body = "".join(line + ("\r\n", "\n", "\r")[i % 3]
                       for i, line in enumerate(lines[:-1])) + lines[-1]
    else:
        body = _document(reader, text, declared, eol)
    if bom and reader in _XML:
        body = body.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding='
                            f'"{encoding.upper().replace("-LE", "").replace("-BE", "")}"?>')
    if declared and reader not in SELF_DECLARING:
        options["encoding"] = declared
    path = tmp_path / f"case{SUFFIX.get(reader, '.' + reader)}"
    path.write_bytes(bom + body.encode(encoding))
    return path, options


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("reader", READERS)
def test_encoding_case(reader, case, tmp_path):
    path, options = _write(tmp_path, reader, case)
    text, expected = case[1], case[6]
    if expected == "refused":
        with pytest.raises(FormatError) as info:
            quiet_read(reader, path, **options)
        assert info.value.path == str(path)
        assert info.value.line is not None, str(info.value)
        return
    result, _ = quiet_read(reader, path, **options)
    found = texts(result)
    assert text in found or text + "." in found, (found, text)


@pytest.mark.parametrize("reader", READERS)
def test_nfd_is_kept_as_written(reader, tmp_path):
    """Reading never normalises: NFD text stays NFD (matching compares normalised forms)."""
    nfd = unicodedata.normalize("NFD", BOTH)
    path, options = _write(tmp_path, reader, ("nfd", nfd, "utf-8", b"", None, "\n", "read"))
    found = texts(quiet_read(reader, path, **options)[0])
    assert any(t.rstrip(".") == nfd for t in found)
    assert not any(t.rstrip(".") == unicodedata.normalize("NFC", BOTH) for t in found)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b"], ids=["NUL", "SOH", "ESC"])
@pytest.mark.parametrize("reader", READERS)
def test_control_characters(reader, char, tmp_path):
    """XML cannot hold them: refused with file and line. Other formats read them as text."""
    path, options = _write(tmp_path, reader, ("ctl", f"a{char}b", "utf-8", b"", None, "\n",
                                              "read"))
    try:
        result, _ = quiet_read(reader, path, **options)
    except FormatError as error:
        assert error.path == str(path) and error.line is not None, str(error)
        assert reader in _XML or char == "\x00", f"{reader} refused {char!r}: {error}"
        return
    assert reader not in _XML, f"{reader} read a character XML 1.0 cannot hold"
    assert any(f"a{char}b" in t for t in texts(result))
