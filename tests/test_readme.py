"""The README's examples are real: every ```console block is run and its output compared.

A block looks like::

    $ ahenk glossary stats glossaries/termbase.tsv
    <the exact standard output>

Commands run in the repository root through click's test runner (standard output only;
the exit code must be the one given by a trailing ``# exit N`` on the command line, else 0).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.cli import main

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples() -> list[tuple[str, int, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in BLOCK.findall(text):
        command, _, output = block.partition("\n")
        assert command.startswith("$ ahenk "), f"console block must start with '$ ahenk': {command}"
        exit_code = 0
        match = re.search(r"\s+# exit (\d)$", command)
        if match:
            exit_code = int(match.group(1))
            command = command[: match.start()]
        found.append((command[2:], exit_code, output))
    return found


@pytest.mark.parametrize(("command", "exit_code", "output"), examples(),
                         ids=[c for c, _, _ in examples()])
def test_readme_example(command, exit_code, output, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    args = [a.replace("/tmp/", f"{tmp_path}/") for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == exit_code, result.output
    stdout = result.stdout.replace(f"{tmp_path}/", "/tmp/")
    assert stdout == output, f"README example is stale: {command}"


def test_first_screen_has_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    assert blocks[:2] == ["make run\n", "make test\n"]
    assert text.index("make test") < 2500


def update_readme() -> None:
    """Rewrite every console block's output with what the command prints now (``make readme``)."""
    import os
    import tempfile

    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    os.chdir(ROOT)

    def refresh(match: re.Match[str]) -> str:
        command = match.group(1).partition("\n")[0]
        bare = re.sub(r"\s+# exit \d$", "", command)
        with tempfile.TemporaryDirectory() as tmp:
            args = [a.replace("/tmp/", f"{tmp}/") for a in shlex.split(bare[2:])[1:]]
            result = CliRunner().invoke(main, args)
            stdout = result.stdout.replace(f"{tmp}/", "/tmp/")
        command = f"{bare}  # exit {result.exit_code}" if result.exit_code else bare
        return f"```console\n{command}\n{stdout}```"

    path.write_text(BLOCK.sub(refresh, text), encoding="utf-8")


if __name__ == "__main__":
    update_readme()
