"""Run the benchmarks against a scratch database: `make bench`, or `python bench/run.py --help`.

Each benchmark is a module in bench/ with `run(context) -> dict`, listed in BENCHMARKS. It gets a
freshly migrated database of its own (`portal_bench` on the configured server), so it never
touches the dev data. Results go to bench/results/latest.json and a table on stdout.
"""

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
# BENCH_DATABASE lets engineers sharing one server run side by side without dropping each other's.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "portal_bench")
# Later: api_pull, export_memory, http (one module each).
BENCHMARKS = ["seed", "dashboard", "reminder_sweep", "api_pull", "export_memory", "http_load"]

sys.path.insert(0, str(BASE_DIR))


@dataclass
class Context:
    """What a benchmark gets: the scratch database, an environment for subprocesses, the scale."""

    database_url: str
    env: dict[str, str]
    scale: int
    options: dict = field(default_factory=dict)

    @contextmanager
    def connect(self):
        """A connection to the scratch database: commits on success, always closed."""
        import psycopg2

        connection = psycopg2.connect(self.database_url)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load, as autovacuum would in a while."""
        import psycopg2

        connection = psycopg2.connect(self.database_url)
        connection.autocommit = True
        try:
            connection.cursor().execute("ANALYZE")
        finally:
            connection.close()

    def manage(self, *args: str) -> tuple[float, str]:
        """Run manage.py against the scratch database; returns (wall seconds, stdout)."""
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env,
                                capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return elapsed, result.stdout


def configured_database_url() -> str:
    """DATABASE_URL, or the private server's (started if need be), as the settings resolve it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django
    from django.conf import settings

    django.setup()
    return settings.DATABASE_URL


def create_scratch_database(server_url: str) -> str:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(server_url)
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        name = sql.Identifier(BENCH_DATABASE)
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    admin.close()
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def drop_scratch_database(server_url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                       .format(sql.Identifier(BENCH_DATABASE)))
    admin.close()


def describe_host(context: Context) -> dict:
    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (server_version,) = cursor.fetchone()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR,
                            capture_output=True, text=True, check=False).stdout.strip()
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "postgresql": server_version, "platform": platform.platform(), "commit": commit}


def print_table(results: dict) -> None:
    rows = [(name, label, value) for name, result in results["benchmarks"].items()
            for label, value in result.get("summary", [])]
    widths = [max(len(str(row[i])) for row in [("Benchmark", "Measure", "Value"), *rows])
              for i in range(3)]
    for row in [("Benchmark", "Measure", "Value"), tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100_000,
                        help="people to seed (default 100000; national scale is 1500000)")
    parser.add_argument("--only", action="append", choices=BENCHMARKS,
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--keep-database", action="store_true",
                        help=f"leave the {BENCH_DATABASE} database for inspection")
    args = parser.parse_args()

    server_url = configured_database_url()
    print(f"Creating and migrating the scratch database {BENCH_DATABASE}...", flush=True)
    database_url = create_scratch_database(server_url)
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=BASE_DIR,
                   env=env, check=True)
    context = Context(database_url=database_url, env=env, scale=args.scale)
    results = {"started_at": datetime.now(UTC).isoformat(timespec="seconds"),
               "scale": args.scale, "host": describe_host(context), "benchmarks": {}}
    try:
        for name in args.only or BENCHMARKS:
            print(f"Running {name}...", flush=True)
            results["benchmarks"][name] = importlib.import_module(f"bench.{name}").run(context)
    finally:
        if not args.keep_database:
            drop_scratch_database(server_url)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print()
    print_table(results)
    print(f"\nWritten to {(RESULTS_DIR / 'latest.json').relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
