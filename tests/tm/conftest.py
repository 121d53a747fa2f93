"""Fixtures for the translation-memory tests: a fresh store per test, on every backend.

``store`` is parametrised over ``sqlite`` (a file in the test's temporary folder) and
``postgresql`` (a throwaway cluster on loopback started once per session by
:mod:`tests.tm.pgcluster`; its tests skip with the reason when no server can be started).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ahenk.tm import TMStore, open_store

from . import pgcluster

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    reason = pgcluster.unavailable()
    if reason:
        pytest.skip(f"PostgreSQL backend not tested: {reason}")
    cluster = pgcluster.Cluster()
    try:
        url = cluster.start()
    except Exception as exc:  # noqa: BLE001 - any failure to start is a reason to skip
        cluster.stop()
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"PostgreSQL backend not tested: cannot start a server ({exc}; "
                    f"{detail.decode(errors='replace').strip()[:200]})")
    yield url
    cluster.stop()


def fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A URL or path of an empty memory on *backend*."""
    if backend == "sqlite":
        return str(tmp_path / "tm.sqlite")
    url = request.getfixturevalue("pg_server")
    from ahenk.tm.postgres import PostgresStore

    with PostgresStore(url) as store:
        store.drop()
    return url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty memory's --db value, on each backend."""
    return fresh_url(request.param, tmp_path, request)


@pytest.fixture
def store(db: str) -> Iterator[TMStore]:
    with open_store(db) as memory:
        yield memory
