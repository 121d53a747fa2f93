"""A throwaway PostgreSQL cluster on loopback, for the tests and the benchmark.

``Cluster.start()`` runs Debian's ``initdb`` into a temporary folder (as the ``postgres`` user
when we are root, since initdb refuses root), starts the server with ``pg_ctl`` on a free
loopback port with its socket in that folder, and creates a database; ``stop()`` stops it and
removes the folder. :func:`unavailable` says why no cluster can be started, or returns None.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parent.parent.name)
                      if Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return ["__no_user__"]
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-c"]


def unavailable() -> str | None:
    """Why a cluster cannot be started here, or None when it can."""
    if _bin_dir() is None:
        return "PostgreSQL server binaries not installed (apt-get install postgresql)"
    if _run_as() == ["__no_user__"]:
        return "running as root and there is no 'postgres' user to run initdb as"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg 3 is not installed (pip install 'ahenk[postgres]')"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.dir: Path | None = None
        self.port = 0
        self.bin = _bin_dir()

    def _cmd(self, *args: str) -> list[str]:
        prefix = _run_as()
        command = [str(self.bin / args[0]), *args[1:]]
        if prefix[:1] == ["su"]:
            return [*prefix, " ".join(_quote(c) for c in command)]
        return [*prefix, *command]

    def start(self, database: str = "ahenk_test") -> str:
        """Start the cluster; returns the URL of a fresh database in it."""
        self.dir = Path(tempfile.mkdtemp(prefix="ahenk-pg-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        data = self.dir / "data"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
        subprocess.run(self._cmd("initdb", "-D", str(data), "-U", "ahenk", "--auth=trust",
                                 "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"), **quiet)
        self.port = _free_port()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories={self.dir} -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off")
        subprocess.run(self._cmd("pg_ctl", "-D", str(data), "-o", options, "-w", "-t", "60",
                                 "-l", str(self.dir / "log"), "start"), **quiet)
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        return self.url(database)

    def url(self, database: str) -> str:
        return f"postgresql://ahenk@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if self.dir is None:
            return
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate",
                                 "-w", "stop"), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
