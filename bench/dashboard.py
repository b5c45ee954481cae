"""Dashboard growth: the dashboard API at 1x and 10x people. Aim: the 10x call at most twice as long.

Dashboards read the summary tables, whose size follows the number of organisations and measures,
not people; the refresh that fills them is what grows with the data, and it runs in Celery.

Above MAX_PEOPLE the 10x step is not run (at national scale it would be 15 million people, hours of
seeding on 2 cores): the calls are timed at the seeded scale alone, to compare with a smaller run.
"""

import json
import subprocess
import sys

from bench.run import BASE_DIR

MAX_PEOPLE = 2_000_000


def _probe(context) -> dict:
    result = subprocess.run([sys.executable, "bench/dashboard_probe.py"], cwd=BASE_DIR, env=context.env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"dashboard probe failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(context) -> dict:
    n = context.scale
    context.manage("seed_demo", "--people", str(n))
    small = _probe(context)
    if 10 * n > MAX_PEOPLE:
        return {"small": small, "summary": [
            ("people", f"{small['people']:,} (10x not run above {MAX_PEOPLE:,})"),
            *[(f"{name} dashboard API, median", f"{small[f'{name}_seconds'] * 1000:.1f} ms")
              for name in ("trust", "footprint")],
            ("refresh (Celery, nightly)", f"{small['refresh_seconds']:.2f} s"),
        ]}
    context.manage("seed_demo", "--people", str(10 * n))
    large = _probe(context)
    result = {"small": small, "large": large}
    for name in ("trust", "footprint"):
        result[f"{name}_ratio_10x_to_1x"] = round(large[f"{name}_seconds"] / small[f"{name}_seconds"], 2)
    result["within_target"] = all(result[f"{name}_ratio_10x_to_1x"] <= 2 for name in ("trust", "footprint"))
    result["summary"] = [
        ("people at 1x / 10x", f"{small['people']:,} / {large['people']:,}"),
        *[(f"{name} dashboard API, median", f"{small[f'{name}_seconds'] * 1000:.1f} ms at 1x, "
           f"{large[f'{name}_seconds'] * 1000:.1f} ms at 10x ({result[f'{name}_ratio_10x_to_1x']}x)")
          for name in ("trust", "footprint")],
        ("refresh (Celery, nightly)", f"{small['refresh_seconds']:.2f} s at 1x, "
                                      f"{large['refresh_seconds']:.2f} s at 10x"),
        ("10x within twice the 1x time", "yes" if result["within_target"] else "NO"),
    ]
    return result
