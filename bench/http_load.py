"""HTTP: gunicorn (2 workers) under autocannon on 127.0.0.1, an API list page against a minimal view.

The API page is /api/v1/people/?page_size=100 with an RDM client's bearer token; the minimal view
(bench/http_app.py) returns a saved copy of that page's JSON through the same Django and gunicorn,
without the database or serialization. Each runs for DURATION seconds with CONNECTIONS
connections. Aim: the API at least half the minimal view's requests per second. The load generator
is autocannon, which `make setup` installs with the other npm packages (package.json), so this
benchmark never needs anything the setup does not install.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.probe_common import BASE_DIR, probe_env, run_probe

API_URL = "/api/v1/people/?page_size=100"
MINIMAL_URL = "/bench/minimal/"
DURATION, CONNECTIONS, WORKERS, WARM_UP_REQUESTS = 10, 8, 2, 100
AUTOCANNON = Path(BASE_DIR) / "node_modules" / ".bin" / "autocannon"

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

def _load(url: str, token: str | None) -> dict:
    """autocannon's JSON summary of DURATION seconds of load on one address, after a warm-up (the
    first requests to a worker import modules and open its database and Redis connections)."""
    args = [str(AUTOCANNON), "--json", "--connections", str(CONNECTIONS)]
    if token:
        args += ["--headers", f"Authorization=Bearer {token}"]
    subprocess.run([*args, "--amount", str(WARM_UP_REQUESTS), url], capture_output=True, check=True,
                   timeout=120)
    out = subprocess.run([*args, "--duration", str(DURATION), url], capture_output=True, text=True,
                         check=True, timeout=DURATION + 60).stdout
    report = json.loads(out)
    return {"requests_per_second": report["requests"]["average"], "non_2xx": report["non2xx"],
            "errors": report["errors"], "p50_ms": report["latency"]["p50"],
            "p99_ms": report["latency"]["p99"]}

def _per_request(rps: float) -> str:
    """Mean time a request takes under load: connections / rate (autocannon's own latency
    percentiles read seconds where a request takes milliseconds on this machine, so are not shown)."""
    return f"{CONNECTIONS * 1000 / rps:.1f} ms a request"


# The API page again under other connection settings (docs/performance.md, "Connections").
CONNECTION_VARIANTS = (
    ("connection kept, no health check", {"DATABASE_CONN_HEALTH_CHECKS": "false"}),
    ("new connection per request", {"DATABASE_CONN_MAX_AGE": "0"}),
)


def run(context) -> dict:
    if not AUTOCANNON.exists():
        raise RuntimeError(f"{AUTOCANNON} is missing: run `make setup` (npm ci installs autocannon)")
    context.manage("seed_demo", "--people", str(context.scale))
    context.analyze()
    with tempfile.TemporaryDirectory() as folder:
        body = os.path.join(folder, "page.json")
        setup = run_probe(context, "http_setup", body, API_URL)
        env = {**probe_env(context), "BENCH_MINIMAL_BODY": body}
        with serve(env, folder) as (base, master):
            sizes = {}
            for name, url, token in (("api", API_URL, setup["token"]), ("minimal", MINIMAL_URL, None)):
                request = urllib.request.Request(base + url, headers={
                    "Authorization": f"Bearer {token}"} if token else {})
                with urllib.request.urlopen(request, timeout=30) as response:
                    sizes[name] = len(response.read())
            results = {}
            for name, url, token in (("minimal", MINIMAL_URL, None), ("api", API_URL, setup["token"]),
                                     ("minimal_again", MINIMAL_URL, None)):
                results[name] = _load(base + url, token)
            worker_rss = workers_peak_rss_mb(master)
        variants = {}
        for label, overrides in CONNECTION_VARIANTS:
            with serve({**env, **overrides}, folder) as (base, _):
                variants[label] = _load(base + API_URL, setup["token"])
    minimal_rps = max(results["minimal"]["requests_per_second"],
                      results["minimal_again"]["requests_per_second"])
    ratio = results["api"]["requests_per_second"] / minimal_rps
    result = {"workers": WORKERS, "connections": CONNECTIONS, "duration_seconds": DURATION,
              "page_bytes": sizes, "page_rows": setup["rows"], **results,
              "api_to_minimal_rps": round(ratio, 2), "aim_half_of_minimal": ratio >= 0.5,
              "connection_variants": variants}
    # The least one API request costs beside the minimal view's: the minimal request's share of the
    # machine, plus the page's SQL, if everything else the API does in Python cost nothing.
    minimal_ms, api_rps = WORKERS * 1000 / minimal_rps, results["api"]["requests_per_second"]
    sql_ms = setup["page_sql_seconds"] * 1000
    result["page_statements"], result["page_sql_ms"] = setup["page_statements"], round(sql_ms, 2)
    result["api_to_minimal_ceiling"] = round(minimal_ms / (minimal_ms + sql_ms), 2)
    result["worker_peak_rss_mb"] = round(worker_rss)
    result["summary"] = [
        ("gunicorn workers, autocannon connections", f"{WORKERS}, {CONNECTIONS} for {DURATION} s each"),
        ("response size (API / minimal)", f"{sizes['api']:,} / {sizes['minimal']:,} bytes"),
        ("minimal Django JSON view", f"{minimal_rps:,.0f} req/s ({_per_request(minimal_rps)})"),
        (f"API {API_URL} (connection kept 60 s, health check)",
         f"{api_rps:,.0f} req/s ({_per_request(api_rps)}, non-2xx {results['api']['non_2xx']})"),
        ("API / minimal (aim >= 0.5)", f"{ratio:.2f}" + ("" if ratio >= 0.5 else " NOT MET")),
        *[(f"API, {label}", f"{variant['requests_per_second']:,.0f} req/s "
           f"({variant['requests_per_second'] / minimal_rps:.2f} of minimal, non-2xx {variant['non_2xx']})")
          for label, variant in variants.items()],
        ("the page's SQL alone, run again by one client",
         f"{sql_ms:.2f} ms a request ({setup['page_statements']} statements)"),
        ("API / minimal if the API's Python cost nothing", f"at most {result['api_to_minimal_ceiling']:.2f}"),
        ("gunicorn worker peak RSS", f"{worker_rss:.0f} MB"),
    ]
    return result


@contextmanager
def serve(env: dict, folder: str, workers: int = WORKERS):
    """gunicorn serving bench.http_app on a free port; yields (base URL, master process), stops it after."""
    port = _free_port()
    log_path = os.path.join(folder, "gunicorn.log")
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "bench.http_app:application",
         "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=BASE_DIR, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=open(log_path, "w"))
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + MINIMAL_URL, server)
        yield base, server
    except Exception:
        with open(log_path) as log:
            print(f"gunicorn log:\n{log.read()[-3000:]}", file=sys.stderr)
        raise
    finally:
        _stop(server)


def workers_peak_rss_mb(master) -> float:
    """The largest peak resident memory (VmHWM) among gunicorn's workers so far, in MB."""
    workers = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True,
                             check=False).stdout.split()
    peaks = [0.0]
    for pid in workers:
        with open(f"/proc/{pid}/status") as status:
            peaks += [int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")]
    return max(peaks)


def _stop(server) -> None:
    """Terminate gunicorn's process group (master and workers), then kill it if it lingers."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:
        server.wait()
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()

def _wait(url: str, server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in 60 s")
