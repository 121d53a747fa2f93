"""Errors pickle whole, so one raised in a worker process (``ahenk check --jobs``) is raised in
the parent with the type, message and location the serial run gives it."""

from __future__ import annotations

import pickle

import pytest

from ahenk.errors import (
    AhenkError,
    EncodingError,
    FormatError,
    LanguageTagError,
    SchemaError,
    UsageError,
)


@pytest.mark.parametrize("error", [
    UsageError("--severity x: expected ID=LEVEL"),
    LanguageTagError("xx-!!"),  # an __init__ that takes other arguments than the message
    LanguageTagError("az", "no such region"),
    FormatError("unknown check 'nope' in the suppression", "memory.tmx", 12),
    SchemaError("<tu> without <tuv>", "memory.tmx", 3, 7),
    EncodingError("not UTF-8", "old.po"),
], ids=lambda e: type(e).__name__)
def test_error_pickles_whole(error: AhenkError):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (str(copy), copy.args, vars(copy)) == (str(error), error.args, vars(error))


def test_python_dash_m_runs_the_command() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ahenk", "checks", "list"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "term-missing" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "ahenk", "check", "/no/such/file.po"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "ahenk: error:" in bad.stderr
