"""Run the benchmarks against a scratch database: `make bench`, or `python bench/run.py --help`.

Each benchmark is a module in bench/ with `run(context) -> dict`, listed in BENCHMARKS. It gets a
freshly migrated database of its own (`portal_bench` on the configured server), so it never
touches the dev data. Results go to bench/results/latest.json and a table on stdout.
"""

import argparse
import hashlib
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
# BENCH_DATABASE lets two runs share one server without dropping each other's scratch database.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "portal_bench")
BENCHMARKS = ["seed", "dashboard", "reminder_sweep", "api_pull", "export_memory", "http_load"]
# Run only when named with --only: a profile, not a ratio.
OPTIONAL = ["http_profile"]

sys.path.insert(0, str(BASE_DIR))


@dataclass
class Context:
    """What a benchmark gets: the scratch database, an environment for subprocesses, the scale."""

    database_url: str
    env: dict[str, str]
    scale: int
    options: dict = field(default_factory=dict)
    # Peak resident memory of the last manage.py run, in MB.
    last_peak_rss_mb: float = 0.0

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
        """Run manage.py against the scratch database; returns (wall seconds, stdout).

        Its peak resident memory goes to last_peak_rss_mb (wait4 gives this one child's rusage).
        """
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            process = subprocess.Popen([sys.executable, "manage.py", *args], cwd=BASE_DIR,
                                       env=self.env, stdout=out, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            if process.returncode != 0:
                raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{err.read().decode()}")
            self.last_peak_rss_mb = usage.ru_maxrss / 1024  # Linux: kilobytes
            return elapsed, out.read().decode()


def configured_database_url() -> str:
    """DATABASE_URL, or the private server's (started if need be), as the settings resolve it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django
    from django.conf import settings

    django.setup()
    return settings.DATABASE_URL


def migrations_fingerprint() -> str:
    """A hash of every migration file: the migrated template is reused while this is unchanged."""
    digest = hashlib.sha256()
    for migration in sorted(BASE_DIR.glob("*/migrations/*.py")):
        digest.update(str(migration.relative_to(BASE_DIR)).encode() + b"\0" + migration.read_bytes())
    return digest.hexdigest()[:16]


def create_scratch_database(server_url: str) -> tuple[str, float]:
    """A fresh scratch database copied from a migrated template; returns (its URL, seconds migrating).

    Migrating from nothing takes minutes; CREATE DATABASE ... TEMPLATE copies the migrated files in
    seconds. The template (portal_bench_template) is migrated again when a migration changes.
    """
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(server_url)
    template = f"{BENCH_DATABASE}_template"
    fingerprint = migrations_fingerprint()
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    migrating = 0.0
    with admin.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                       [template])
        row = cursor.fetchone()
        if row is None or row[0] != fingerprint:
            print(f"Migrating the template database {template} (once per set of migrations)...", flush=True)
            template_name = sql.Identifier(template)
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(template_name))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(template_name))
            template_url = urlunsplit(parts._replace(path=f"/{template}"))
            started = time.perf_counter()
            subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=BASE_DIR,
                           env={**os.environ, "DATABASE_URL": template_url}, check=True)
            migrating = time.perf_counter() - started
            cursor.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(template),
                                                                         sql.Literal(fingerprint)))
        name = sql.Identifier(BENCH_DATABASE)
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(name, sql.Identifier(template)))
    admin.close()
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}")), migrating


def existing_scratch_database(server_url: str) -> str:
    import psycopg2

    admin = psycopg2.connect(server_url)
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE])
        found = cursor.fetchone()
    admin.close()
    if not found:
        raise SystemExit(f"No {BENCH_DATABASE} database to reuse: run once with --keep-database.")
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{BENCH_DATABASE}"))


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
        cursor.execute("SHOW shared_buffers")
        (shared_buffers,) = cursor.fetchone()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR,
                            capture_output=True, text=True, check=False).stdout.strip()
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "postgresql": server_version, "shared_buffers": shared_buffers,
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "platform": platform.platform(), "commit": commit}


def write_results(results: dict) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


def database_megabytes(context: Context) -> int:
    with context.connect() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        (size,) = cursor.fetchone()
    return round(size / 2**20)


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
    parser.add_argument("--only", action="append", choices=BENCHMARKS + OPTIONAL,
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--keep-database", action="store_true",
                        help=f"leave the {BENCH_DATABASE} database for inspection or --reuse-database")
    parser.add_argument("--reuse-database", action="store_true",
                        help=f"run in the {BENCH_DATABASE} database a kept run left, seeded as it is "
                             "(at national scale the seeding takes a quarter of an hour)")
    args = parser.parse_args()

    run_started = time.perf_counter()
    server_url = configured_database_url()
    if args.reuse_database:
        print(f"Reusing the scratch database {BENCH_DATABASE}...", flush=True)
        database_url, migrating_seconds = existing_scratch_database(server_url), 0.0
    else:
        print(f"Creating the scratch database {BENCH_DATABASE}...", flush=True)
        database_url, migrating_seconds = create_scratch_database(server_url)
    env = {**os.environ, "DATABASE_URL": database_url}
    context = Context(database_url=database_url, env=env, scale=args.scale)
    results = {"started_at": datetime.now(UTC).isoformat(timespec="seconds"),
               "scale": args.scale, "host": describe_host(context),
               "template_migrate_seconds": round(migrating_seconds, 1), "benchmarks": {}}
    try:
        for name in args.only or BENCHMARKS:
            print(f"Running {name}...", flush=True)
            started = time.perf_counter()
            results["benchmarks"][name] = importlib.import_module(f"bench.{name}").run(context)
            seconds = round(time.perf_counter() - started, 1)
            results["benchmarks"][name]["wall_seconds"] = seconds
            results["benchmarks"][name].setdefault("summary", []).append(("wall time", f"{seconds} s"))
            print(f"  {name} took {seconds} s", flush=True)
            write_results(results)  # a long run that fails later keeps what it measured
        results["database_megabytes"] = database_megabytes(context)
    finally:
        if not args.keep_database:
            drop_scratch_database(server_url)
    write_results(results)
    results["wall_seconds"] = round(time.perf_counter() - run_started, 1)
    print()
    print_table(results)
    print(f"\nDatabase at the end: {results['database_megabytes']:,} MB")
    print(f"Whole run: {results['wall_seconds']} s"
          + (f" (of which {migrating_seconds:.0f} s migrating the template)" if migrating_seconds else ""))
    print(f"\nWritten to {(RESULTS_DIR / 'latest.json').relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
