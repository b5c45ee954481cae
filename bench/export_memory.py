"""Export memory: a full CSV export of the training records (scale * 10; 1,000,000 by default).

The portal's export of all training records is /api/v1/training/records/export/ (a CSV that
PostgreSQL writes chunk by chunk and the portal streams), pulled here by a client of RDM's NHS England
region, which sees every seeded record. Peak RSS
(getrusage ru_maxrss) and time of that process, against a process doing the raw
COPY (...) TO STDOUT WITH CSV of the same rows and columns. Aims: peak memory under 300 MB, time
within four times the raw COPY.
"""

from bench import records
from bench.probe_common import run_probe


def run(context) -> dict:
    seeded = records.ensure(context)
    region = seeded["region"]
    copy = run_probe(context, "export_probe", "copy", region)
    portal = run_probe(context, "export_probe", "portal", region)
    if portal["rows"] != copy["rows"]:
        raise AssertionError(f"portal exported {portal['rows']} rows, COPY {copy['rows']}")
    ratio = portal["seconds"] / copy["seconds"]
    result = {
        "client": region, "rows": copy["rows"], "portal": portal, "copy": copy,
        "time_ratio_portal_to_copy": round(ratio, 1),
        "aim_under_300_mb": portal["peak_rss_mb"] < 300,
        "aim_within_4x_copy": ratio <= 4,
    }
    result["summary"] = [
        ("rows exported (all seeded records)", f"{copy['rows']:,} by a {region} (region) client"),
        ("raw COPY ... WITH CSV", f"{copy['seconds']:.1f} s, peak RSS {copy['peak_rss_mb']:.0f} MB"),
        ("portal /api/v1/training/records/export/",
         f"{portal['seconds']:.1f} s, {portal['chunks']} chunks, peak RSS {portal['peak_rss_mb']:.0f} MB"),
        ("peak memory under 300 MB", "yes" if result["aim_under_300_mb"] else "NO"),
        ("portal / COPY time (aim <= 4)",
         f"{ratio:.1f}x" + ("" if result["aim_within_4x_copy"] else " NOT MET")),
    ]
    return result
