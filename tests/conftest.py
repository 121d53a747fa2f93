"""Shared fixtures. ``shared`` points at ../shared (reference files); tests using it skip
cleanly when the folder is absent, so the suite also runs from a plain clone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AHENK_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"reference files not available: {SHARED} is absent (set AHENK_SHARED)")
    return SHARED


def shared_file(*parts: str) -> Path:
    """Path of a file under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference file not available: {path}")
    return path
