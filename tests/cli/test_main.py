"""``python -m ahenk``: the same command as the ``ahenk`` script, exit codes included."""

from __future__ import annotations

import subprocess
import sys


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "ahenk", "checks", "list"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "term-missing" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "ahenk", "check", "/no/such/file.po"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "ahenk: error:" in bad.stderr
