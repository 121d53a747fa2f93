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


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``ahenk check`` keeps a cache beside the configuration by default: the tests' runs keep
    theirs in a temporary folder instead of the checkout (tests of the cache set their own)."""
    saved = os.environ.get("AHENK_CACHE_DIR")
    os.environ["AHENK_CACHE_DIR"] = str(tmp_path_factory.mktemp("ahenk-cache"))
    yield
    if saved is None:
        os.environ.pop("AHENK_CACHE_DIR", None)
    else:
        os.environ["AHENK_CACHE_DIR"] = saved
