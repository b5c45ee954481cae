"""API pull: one trust client pulls all its training records through the API, page_size 1000.

Also over HTTP: gunicorn (2 workers, bench/http_app.py) on 127.0.0.1, one client following `next`
and decoding every page, at page_size=1000 and at the default page size, against the same COPY.

Against (a) a plain psycopg2 COPY (SELECT ...) TO STDOUT of the same rows and columns (the
database's limit) and (b) a straightforward DRF endpoint (ModelSerializer, ListAPIView,
CursorPagination) over the same rows. All three run in one probe process (bench/api_pull_probe.py).
Aims: at least a quarter of the raw rows per second, and at least three times the straightforward
endpoint.

The two slow pulls (the straightforward endpoint, and HTTP at the default page size) stop after
SAMPLE_ROWS rows: keyset pages cost the same at any depth, so their rate over the first million rows
is their rate, and at national scale (7.5 million rows for one trust) each whole pull would take
half an hour. The portal's own pulls always go to the end and match COPY's rows.
"""

import json
import os
import tempfile
import time
import urllib.request

from bench import records
from bench.http_load import serve, workers_peak_rss_mb
from bench.probe_common import probe_env, run_probe

TRUST = "RDM"
SAMPLE_ROWS = 1_000_000


def run(context) -> dict:
    seeded = records.ensure(context)
    probe = run_probe(context, "api_pull_probe", TRUST, "1000", str(SAMPLE_ROWS), timeout=3 * 3600)
    token = probe.pop("token")
    probe_rss = probe.pop("peak_rss_mb")
    http = http_pulls(context, token)
    copy, plain, portal = probe["copy"], probe["straightforward"], probe["portal"]
    for name, pull in (("straightforward", plain), ("portal", portal)):
        if pull["complete"] and (pull["rows"] != copy["rows"] or pull["digest"] != copy["digest"]):
            raise AssertionError(f"{name} pulled {pull['rows']} rows, COPY read {copy['rows']} "
                                 f"(digests {pull['digest']} / {copy['digest']})")
    rate = {name: pull["rows"] / pull["seconds"] for name, pull in probe.items()}
    result = {
        "seed": seeded,
        "trust": TRUST,
        "rows": copy["rows"],
        **{f"{name}_seconds": round(pull["seconds"], 2) for name, pull in probe.items()},
        **{f"{name}_rows_per_second": round(rate[name]) for name in probe},
        **{f"{name}_bytes": pull["bytes"] for name, pull in probe.items()},
        "pages": portal["pages"],
        "probe_peak_rss_mb": round(probe_rss),
        "portal_to_copy_rate": round(rate["portal"] / rate["copy"], 3),
        "portal_to_straightforward_rate": round(rate["portal"] / rate["straightforward"], 2),
    }
    for name, pull in http.items():
        if pull["complete"] and pull["rows"] != copy["rows"]:
            raise AssertionError(f"HTTP {name} pulled {pull['rows']} rows, COPY read {copy['rows']}")
        result[f"http_{name}"] = pull
        result[f"http_{name}_to_copy_rate"] = round(pull["rows"] / pull["seconds"] / rate["copy"], 3)
    result["aim_quarter_of_copy"] = result["portal_to_copy_rate"] >= 0.25
    result["aim_three_times_straightforward"] = result["portal_to_straightforward_rate"] >= 3
    result["summary"] = [
        ("training records seeded", f"{seeded['records']:,}" + (
            f" in {seeded['seed_seconds']:.1f} s (audit trigger on for {seeded['audited_rows']:,}: "
            f"{seeded['audited_rows_per_second']:,} rows/s)" if seeded["seeded"] else "")),
        (f"{TRUST} client's rows, pages of 1000", f"{copy['rows']:,}, {portal['pages']} pages"),
        ("raw COPY TO STDOUT", f"{copy['seconds']:.2f} s, {rate['copy']:,.0f} rows/s"),
        ("straightforward DRF endpoint", f"{plain['seconds']:.2f} s, {rate['straightforward']:,.0f} rows/s"
                                         + _sampled(plain)),
        ("portal /api/v1/training/records/", f"{portal['seconds']:.2f} s, {rate['portal']:,.0f} rows/s"),
        ("  one page of 1000, in ms", _page_breakdown(portal)),
        *((f"HTTP gunicorn -w 2, {name}",
           f"{pull['seconds']:.2f} s, {pull['pages']} pages, {pull['rows'] / pull['seconds']:,.0f} rows/s, "
           f"{result[f'http_{name}_to_copy_rate']:.3f} of COPY" + _sampled(pull))
          for name, pull in http.items()),
        ("gunicorn worker peak RSS (HTTP pulls)", f"{http['page_size_1000']['worker_peak_rss_mb']} MB"),
        ("portal / COPY rate (aim >= 0.25)",
         f"{result['portal_to_copy_rate']:.2f}" + ("" if result["aim_quarter_of_copy"] else " NOT MET")),
        ("portal / straightforward (aim >= 3)",
         f"{result['portal_to_straightforward_rate']:.2f}x"
         + ("" if result["aim_three_times_straightforward"] else " NOT MET")),
    ]
    return result


def _page_breakdown(portal: dict) -> str:
    """A page's milliseconds: its SQL alone (PostgreSQL writing the JSON, and the socket), the
    client's json.loads, and the rest (Django, DRF, token, throttle, the driver, the test client)."""
    whole, decode = (1000 * portal[key] / portal["pages"] for key in ("seconds", "decode_seconds"))
    sql = 1000 * portal["page_sql_seconds"]  # already one page's
    return (f"{whole:.1f} = SQL {sql:.1f} ({portal['page_statements']} statements) + client decode "
            f"{decode:.1f} + the rest {whole - sql - decode:.1f}")


def _sampled(pull: dict) -> str:
    return "" if pull["complete"] else f" (first {pull['rows']:,} rows)"


def http_pulls(context, token: str) -> dict:
    """Full pulls over HTTP through gunicorn: page_size=1000, then the default page size."""
    with tempfile.TemporaryDirectory() as folder:
        body = os.path.join(folder, "minimal.json")
        with open(body, "w") as out:
            out.write("{}")  # bench/http_app.py's minimal view needs a body; unused here
        with serve({**probe_env(context), "BENCH_MINIMAL_BODY": body}, folder) as (base, master):
            url = base + "/api/v1/training/records/"
            _http_pull(url + "?page_size=10", token, pages=1)  # each worker's connections and imports
            _http_pull(url + "?page_size=10", token, pages=1)
            pulls = {"page_size_1000": _http_pull(url + "?page_size=1000", token),
                     "default_page_size": _http_pull(url, token, max_rows=SAMPLE_ROWS)}
            pulls["page_size_1000"]["worker_peak_rss_mb"] = round(workers_peak_rss_mb(master))
            return pulls


def _http_pull(url: str, token: str, pages: int | None = None, max_rows: int | None = None) -> dict:
    rows = count = size = 0
    started = time.perf_counter()
    while url and (pages is None or count < pages) and (max_rows is None or rows < max_rows):
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
        data = json.loads(body)
        rows, count, size, url = rows + len(data["results"]), count + 1, size + len(body), data["next"]
    return {"rows": rows, "pages": count, "bytes": size, "seconds": time.perf_counter() - started,
            "complete": url is None}
