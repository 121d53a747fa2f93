"""``ahenk check`` and ``ahenk checks``: exit codes 0 / 1 / 2, formats, select/ignore, -o."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ahenk.cli import main

DATA = Path(__file__).resolve().parent / "data"
PO = str(DATA / "en-az.po")
TMX = str(DATA / "en-az-ru.tmx")
TERMS = str(DATA / "termbase.tsv")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_findings_exit_1_and_clean_exit_0():
    assert run("check", PO).exit_code == 1
    result = run("check", PO, "--select", "unchanged")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_fail_on():
    # term-variant is a warning: fails only with --fail-on warning
    args = ("check", TMX, "--glossary", TERMS, "--select", "term-variant")
    assert run(*args).exit_code == 0
    assert run(*args, "--fail-on", "warning").exit_code == 1
    assert run(*args, "--fail-on", "info").exit_code == 1


def test_unusable_input_exit_2(tmp_path):
    for args in (("check", str(tmp_path / "none.po")),
                 ("check", PO, "--select", "no-such-check"),
                 ("check", PO, "--src-lang", "xx-!!")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("ahenk: error: ")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    assert run("check", str(bad)).exit_code == 2


def test_select_ignore_comma_and_repeat():
    result = run("check", PO, "--format", "json", "--select", "untranslated,placeholder-mismatch",
                 "--ignore", "untranslated")
    assert {f["check"] for f in json.loads(result.output)["findings"]} == {"placeholder-mismatch"}
    result = run("check", PO, "--format", "json", "--select", "untranslated", "--select",
                 "placeholder-mismatch")
    assert {f["check"] for f in json.loads(result.output)["findings"]} == {
        "untranslated", "placeholder-mismatch"}


def test_every_format_and_output_file(tmp_path):
    for fmt in ("text", "json", "junit", "sarif", "github", "html"):
        out = tmp_path / f"report.{fmt}"
        result = run("check", TMX, "--glossary", TERMS, "--format", fmt, "-o", str(out))
        assert result.exit_code == 1 and result.output == ""
        assert out.read_text(encoding="utf-8").strip()


def test_text_report_for_translators():
    result = run("check", TMX, "--glossary", TERMS, "--tgt-lang", "az")
    assert "en-az-ru.tmx:10: warning: «Susaya» looks like missing or wrong diacritics of «Şuşa»; " \
           "write «Şuşaya» [term-variant]" in result.output
    assert "expected: Şuşaya   found: Susaya" in result.output  # the inflection kept
    assert "unit:     visit" in result.output
    assert "Были" not in result.output  # --tgt-lang az: Russian targets not checked


def test_checks_list_and_explain():
    from ahenk.check import ids

    result = run("checks", "list")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()[1:]] == ids()
    result = run("checks", "explain", "term-variant")
    assert result.exit_code == 0 and "Xankəndi" in result.output
    assert run("checks", "explain", "nope").exit_code == 2


def test_report_streamed_to_standard_output_and_file(tmp_path, monkeypatch):
    from ahenk.check import check_paths, found
    from ahenk.report import names, render

    expected = {fmt: render(check_paths([TMX], TERMS), fmt) for fmt in names()}
    monkeypatch.setattr(found, "FINDINGS_IN_MEMORY", 1)  # findings on disk
    for fmt in names():
        assert run("check", TMX, "--glossary", TERMS, "--format", fmt).output == expected[fmt]
        out = tmp_path / f"report.{fmt}"
        assert run("check", TMX, "--glossary", TERMS, "--format", fmt, "-o", str(out)
                   ).exit_code == 1
        assert out.read_text(encoding="utf-8") == expected[fmt]


def test_output_file_kept_when_the_run_or_the_report_fails(tmp_path, monkeypatch):
    from ahenk import report
    from ahenk.errors import FormatError

    out = tmp_path / "report.txt"
    out.write_text("the last report\n", encoding="utf-8")
    assert run("check", str(tmp_path / "none.po"), "-o", str(out)).exit_code == 2

    def failing(report, stream):  # type: ignore[no-untyped-def]
        stream.write("half a report\n" * 1000)
        raise FormatError("cannot write this report")

    monkeypatch.setitem(report._WRITERS, "text", failing)
    result = run("check", TMX, "-o", str(out))
    assert result.exit_code == 2 and "cannot write this report" in result.output
    assert out.read_text(encoding="utf-8") == "the last report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]  # no temporary left


def test_standard_output_in_pieces_is_one_echo(capsys, monkeypatch):
    """click.echo strips ANSI codes from what is not a terminal: piece by piece as whole."""
    import click

    from ahenk.cli.check import _Echo

    monkeypatch.setattr(_Echo, "_PIECE", 8)
    text = "".join(f"line {n} \x1b[1mbold\x1b[0m «ş»\n" for n in range(50)) + "end \x1b[2m"
    click.echo(text, nl=False)
    whole = capsys.readouterr().out
    echo = _Echo()
    for start in range(0, len(text), 5):
        echo.write(text[start:start + 5])
    echo.finish()
    assert capsys.readouterr().out == whole and "\x1b" not in whole and whole.endswith("end ")


LEGACY_PO = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
             'msgid "Deleted 3 files"\nmsgstr "Удалено 4 файла"\n')


def test_encoding_reads_a_legacy_catalogue(tmp_path):
    po = tmp_path / "ru.po"
    po.write_bytes(LEGACY_PO.encode("cp1251"))  # no charset in the header
    refused = run("check", "--no-config", str(po), "--select", "number-mismatch")
    assert refused.exit_code == 2
    assert "ru.po:6:" in refused.output and "--encoding" in refused.output
    read = run("check", "--no-config", str(po), "--select", "number-mismatch",
               "--encoding", "cp1251", "--format", "json")
    assert read.exit_code == 1, read.output
    [finding] = json.loads(read.output)["findings"]
    assert finding["target"] == "Удалено 4 файла"
    # plain text in the same encoding, checked on its one side
    text = tmp_path / "ru.txt"
    text.write_bytes("Уполномоченный по правам человека посетил Шушу.\n".encode("cp1251"))
    assert run("check", "--no-config", str(text), "--src-lang", "ru").exit_code == 2
    result = run("check", "--no-config", str(text), "--src-lang", "ru", "--encoding", "cp1251",
                 "--glossary", TERMS)
    assert result.exit_code == 0, result.output


def test_encoding_from_config_and_unknown_refused(tmp_path):
    po = tmp_path / "ru.po"
    po.write_bytes(LEGACY_PO.encode("koi8-r"))
    (tmp_path / "ahenk.toml").write_text('encoding = "koi8-r"\n', encoding="utf-8")
    result = run("check", "--config", str(tmp_path / "ahenk.toml"), str(po),
                 "--select", "number-mismatch")
    assert result.exit_code == 1 and "Удалено 4 файла" in result.output
    assert run("check", str(po), "--encoding", "no-such-codec").exit_code == 2
    (tmp_path / "ahenk.toml").write_text('encoding = "no-such-codec"\n', encoding="utf-8")
    refused = run("check", "--config", str(tmp_path / "ahenk.toml"), str(po))
    assert refused.exit_code == 2 and "no-such-codec" in refused.output


def test_a_pipe_read_as_dev_stdin():
    """git show REV:az.po | ahenk check /dev/stdin --from po: a real pipe, a real process."""
    import os
    import subprocess
    import sys

    if not os.path.exists("/dev/stdin"):
        import pytest

        pytest.skip("no /dev/stdin on this system")
    ahenk = Path(sys.executable).with_name("ahenk")
    done = subprocess.run([str(ahenk), "check", "--no-config", "/dev/stdin", "--from", "po",
                           "--select", "placeholder-mismatch,untranslated", "--format", "json"],
                          input=Path(PO).read_bytes(), capture_output=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["units"] == 4 and len(report["findings"]) == 2


# -- `ahenk check -`: standard input, named by --stdin-filename -----------------------------

SYNTAX_ERROR_PO = DATA.parent.parent / "data" / "po" / "syntax_error.po"  # line 9 is broken
LINES_TXT = DATA.parent.parent / "data" / "text" / "lines.txt"  # three lines of plain text


def piped(data: bytes, *args: str, tmp: Path | None = None):  # type: ignore[no-untyped-def]
    """``ahenk check ARGS`` in a real process, *data* piped to its standard input; with *tmp*,
    that folder as its temporary folder."""
    import os
    import subprocess
    import sys

    ahenk = Path(sys.executable).with_name("ahenk")
    env = {**os.environ, "TMPDIR": str(tmp)} if tmp is not None else None
    return subprocess.run([str(ahenk), "check", "--no-config", *args], input=data,
                          capture_output=True, timeout=120, env=env)


def files_in(done) -> set[str]:  # type: ignore[no-untyped-def]
    return {finding["file"] for finding in json.loads(done.stdout)["findings"]}


def test_dash_reads_standard_input_reported_as_stdin(tmp_path):
    done = piped(Path(PO).read_bytes(), "-", "--select", "placeholder-mismatch,untranslated",
                 "--format", "json", tmp=tmp_path)
    assert done.returncode == 1, done.stderr
    assert files_in(done) == {"<stdin>"}  # the format sniffed: the content is PO
    assert json.loads(done.stdout)["summary"]["units"] == 4
    assert list(tmp_path.iterdir()) == []  # the spooled copy removed


def test_stdin_filename_names_the_findings_and_tells_the_format():
    done = piped(Path(PO).read_bytes(), "-", "--stdin-filename", "po/az.po",
                 "--select", "placeholder-mismatch,untranslated", "--format", "json")
    assert done.returncode == 1, done.stderr
    assert files_in(done) == {"po/az.po"}
    text = LINES_TXT.read_bytes()  # plain text is never sniffed: only a name or --from tells it
    for args in (("--stdin-filename", "notes/lines.txt"), ("--from", "text")):
        done = piped(text, "-", "--src-lang", "en", "--format", "json", *args)
        assert done.returncode == 0, (args, done.stderr)
        assert json.loads(done.stdout)["summary"]["units"] == 3


def test_a_memory_piped_in_is_sniffed():
    done = piped(Path(TMX).read_bytes(), "-", "--tgt-lang", "az", "--format", "json")
    assert done.returncode == 1, done.stderr
    assert files_in(done) == {"<stdin>"} and json.loads(done.stdout)["summary"]["units"] == 3


def test_standard_input_of_no_known_format_exit_2(tmp_path):
    for args in ((), ("--stdin-filename", "notes.md")):
        done = piped(LINES_TXT.read_bytes(), "-", "--src-lang", "en", *args, tmp=tmp_path)
        error = done.stderr.decode()
        assert done.returncode == 2 and done.stdout == b"", (args, error)
        assert error.startswith(f"ahenk: error: {'notes.md' if args else '<stdin>'}: ")
        assert "cannot tell the format" in error and "--from" in error
        assert "--stdin-filename" in error
        assert list(tmp_path.iterdir()) == []


def test_dash_twice_changed_since_or_a_name_without_dash_exit_2():
    data = Path(PO).read_bytes()
    for args, says in ((("-", "-"), "only once"),
                       (("-", PO, "-"), "only once"),
                       (("-", "--changed-since", "HEAD"), "--changed-since"),
                       ((PO, "--stdin-filename", "po/az.po"), "--stdin-filename")):
        done = piped(data, *args)
        assert done.returncode == 2, (args, done.stderr)
        assert says in done.stderr.decode()


def test_a_broken_catalogue_piped_in_is_located_by_its_name(tmp_path):
    data = SYNTAX_ERROR_PO.read_bytes()
    for args, name in ((("--stdin-filename", "po/az.po"), "po/az.po"),
                       (("--from", "po"), "<stdin>")):
        done = piped(data, "-", *args, tmp=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.decode().startswith(f"ahenk: error: {name}:9: PO syntax error: ")
        assert str(tmp_path) not in done.stderr.decode()
        assert list(tmp_path.iterdir()) == []  # removed on error too


def test_a_warning_about_standard_input_names_it():
    data = LEGACY_PO.replace("Language: ru", "Language: ru\\n\"\n\"Content-Type: text/plain; "
                             "charset=NO-SUCH").encode()
    done = piped(data, "-", "--stdin-filename", "po/ru.po")
    assert done.returncode == 1, done.stderr
    assert "ahenk: po/ru.po:4: warning: unknown charset 'NO-SUCH'" in done.stderr.decode()


def test_every_report_format_names_standard_input():
    data = Path(PO).read_bytes()
    for fmt in ("text", "json", "junit", "sarif", "github", "html"):
        named = CliRunner().invoke(main, ["check", "--no-config", "-", "--stdin-filename",
                                          "po/az.po", "--format", fmt], input=data)
        assert named.exit_code == 1, (fmt, named.output)
        assert "po/az.po" in named.output and "ahenk-stdin-" not in named.output
        anonymous = CliRunner().invoke(main, ["check", "--no-config", "-", "--format", fmt],
                                       input=data)
        assert anonymous.exit_code == 1, (fmt, anonymous.output)
        shown = {"junit": "&lt;stdin&gt;", "html": "&lt;stdin&gt;", "sarif": "%3Cstdin%3E"}
        assert shown.get(fmt, "<stdin>") in anonymous.output, fmt


def test_per_path_ignores_match_the_stdin_filename(tmp_path, monkeypatch):
    (tmp_path / "ahenk.toml").write_text('[per-path-ignores]\n"po/*.po" = ["all"]\n',
                                         encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = Path(PO).read_bytes()
    ignored = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "po/az.po"],
                                 input=data)
    assert ignored.exit_code == 0 and "2 ignored for their path" in ignored.output
    kept = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "other/az.po"],
                              input=data)
    assert kept.exit_code == 1 and "other/az.po:15: error" in kept.output
