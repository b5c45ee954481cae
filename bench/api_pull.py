"""API pull: one trust client pulls all its training records through the API, page_size 1000.

Against (a) a plain psycopg2 COPY (SELECT ...) TO STDOUT of the same rows and columns (the
database's limit) and (b) a straightforward DRF endpoint (ModelSerializer, ListAPIView,
CursorPagination) over the same rows. All three run in one probe process (bench/api_pull_probe.py).
Aims: at least a quarter of the raw rows per second, and at least three times the straightforward
endpoint.
"""

from bench import records
from bench.probe_common import run_probe

TRUST = "RDM"


def run(context) -> dict:
    seeded = records.ensure(context)
    probe = run_probe(context, "api_pull_probe", TRUST, "1000")
    copy, plain, portal = probe["copy"], probe["straightforward"], probe["portal"]
    for name, pull in (("straightforward", plain), ("portal", portal)):
        if pull["rows"] != copy["rows"] or pull["digest"] != copy["digest"]:
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
        "portal_to_copy_rate": round(rate["portal"] / rate["copy"], 3),
        "portal_to_straightforward_rate": round(rate["portal"] / rate["straightforward"], 2),
    }
    result["aim_quarter_of_copy"] = result["portal_to_copy_rate"] >= 0.25
    result["aim_three_times_straightforward"] = result["portal_to_straightforward_rate"] >= 3
    result["summary"] = [
        ("training records seeded", f"{seeded['records']:,}" + (
            f" in {seeded['seed_seconds']:.1f} s (audit trigger on for {seeded['audited_rows']:,}: "
            f"{seeded['audited_rows_per_second']:,} rows/s)" if seeded["seeded"] else "")),
        (f"{TRUST} client's rows, pages of 1000", f"{copy['rows']:,}, {portal['pages']} pages"),
        ("raw COPY TO STDOUT", f"{copy['seconds']:.2f} s, {rate['copy']:,.0f} rows/s"),
        ("straightforward DRF endpoint", f"{plain['seconds']:.2f} s, {rate['straightforward']:,.0f} rows/s"),
        ("portal /api/v1/training/records/", f"{portal['seconds']:.2f} s, {rate['portal']:,.0f} rows/s"),
        ("portal / COPY rate (aim >= 0.25)",
         f"{result['portal_to_copy_rate']:.2f}" + ("" if result["aim_quarter_of_copy"] else " NOT MET")),
        ("portal / straightforward (aim >= 3)",
         f"{result['portal_to_straightforward_rate']:.2f}x"
         + ("" if result["aim_three_times_straightforward"] else " NOT MET")),
    ]
    return result
