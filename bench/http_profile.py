"""Where an API request's time goes: py-spy samples one gunicorn worker while autocannon loads it.

Not part of the default run (`--only http_profile`). One worker serves /api/v1/people/?page_size=100
for the benchmark's client; py-spy records its stacks (Python frames only: the question is which layer
spends the time) for SAMPLE_SECONDS, and the summary groups the
samples by layer: the inclusive share of the request spent under each. The full collapsed stacks
(flamegraph.pl input) are kept in bench/results/http_profile.collapsed.
"""

import os
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.http_load import API_URL, AUTOCANNON, serve
from bench.probe_common import BASE_DIR, probe_env, run_probe

SAMPLE_SECONDS, WARM_UP_SECONDS, RATE = 10, 4, 200
PY_SPY = Path(BASE_DIR) / ".venv" / "bin" / "py-spy"
COLLAPSED = Path(BASE_DIR) / "bench" / "results" / "http_profile.collapsed"

# Layer -> what a frame's "function (file:line)" contains. A sample counts once for each layer on its
# stack, so the shares are inclusive and nest (the token lookup is inside DRF's initial()).
LAYERS = {
    "whole request (Django handler)": ("django/core/handlers/base.py",),
    "middleware before/after the view (outside DRF's dispatch)": None,  # computed below
    "DRF dispatch (view, auth, throttle, page, render)": ("dispatch (rest_framework/views.py",),
    "authentication: bearer token": ("perform_authentication (",),
    "  of which the token lookup (Redis, else PostgreSQL)": ("_load_access_token (",),
    "throttle (one Redis script call)": ("check_throttles (",),
    "permissions and scopes": ("check_permissions (",),
    "access rules and filters (queryset building)": ("filter_queryset (", "get_queryset ("),
    "page: SQL compile": ("as_sql (",),
    "page: database round trip and row decoding": ("django/db/backends/utils.py", "cursor_iter ("),
    "JSON rendering (orjson)": ("render (leadership/api/renderers.py",),
    "gunicorn: socket read/write": ("gunicorn/http/",),
}


def _layer_counts(stacks: Counter) -> tuple[int, dict[str, int]]:
    total = sum(stacks.values())
    counts = dict.fromkeys(LAYERS, 0)
    for stack, samples in stacks.items():
        for layer, needles in LAYERS.items():
            if needles and any(needle in stack for needle in needles):
                counts[layer] += samples
        if "django/core/handlers/base.py" in stack and "rest_framework/views.py" not in stack:
            counts["middleware before/after the view (outside DRF's dispatch)"] += samples
    return total, counts


def run(context) -> dict:
    if not PY_SPY.exists():
        raise RuntimeError(f"{PY_SPY} is missing: run `make setup` (py-spy is a dev dependency)")
    context.manage("seed_demo", "--people", str(context.scale))
    context.analyze()
    with tempfile.TemporaryDirectory() as folder:
        body = os.path.join(folder, "page.json")
        setup = run_probe(context, "http_setup", body, API_URL)
        env = {**probe_env(context), "BENCH_MINIMAL_BODY": body}
        raw = os.path.join(folder, "profile.txt")
        with serve(env, folder, workers=1) as (base, master):
            worker = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True,
                                    check=True).stdout.split()[0]
            load = subprocess.Popen(
                [str(AUTOCANNON), "--connections", "4",
                 "--duration", str(WARM_UP_SECONDS + SAMPLE_SECONDS + 2),
                 "--headers", f"Authorization=Bearer {setup['token']}", base + API_URL],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(WARM_UP_SECONDS)  # the first requests import modules and open connections
                subprocess.run([str(PY_SPY), "record", "--pid", worker, "--duration", str(SAMPLE_SECONDS),
                                "--rate", str(RATE), "--format", "raw", "--output", raw],
                               check=True, capture_output=True, timeout=SAMPLE_SECONDS + 60)
            finally:
                load.wait(timeout=SAMPLE_SECONDS + 60)
        stacks = Counter()
        with open(raw) as lines:
            for line in lines:
                stack, _, samples = line.rstrip().rpartition(" ")
                stacks[stack] += int(samples)
    COLLAPSED.parent.mkdir(exist_ok=True)
    COLLAPSED.write_text("".join(f"{stack} {samples}\n" for stack, samples in stacks.most_common()))
    total, counts = _layer_counts(stacks)
    request = counts["whole request (Django handler)"] or 1
    shares = {layer: round(100 * count / request, 1) for layer, count in counts.items()}
    return {"samples": total, "samples_in_requests": request, "share_of_request_percent": shares,
            "summary": [("samples (one worker, under load)", f"{request:,} in requests of {total:,}"),
                        *[(layer, f"{share} %") for layer, share in shares.items()]]}
