"""The four cases of issue 5 against gisapp: code, point and name lookups, and the overlap check.

Each case is one request file for wrk (see `lookup_samples.py` for what is asked). Before the timed
runs a few requests of each case are sent once, to record that the samples really find what they
were drawn from (a benchmark of empty answers would flatter the figures).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.loadgen import write_post_file, write_url_file
from bench.lookup_samples import CHECK_PATH, LookupWorkload

PROBES = 20
# case: (what the issue calls it, p99 target in ms at 16 clients)
TARGETS: dict[str, tuple[str, float]] = {
    "lookup_point": ("point lookup", 25.0),
    "lookup_code": ("code lookup", 10.0),
    "lookup_name": ("name search", 50.0),
    "overlap_check": ("overlap check of one new polygon", 20.0),
}


@dataclass(frozen=True)
class LookupCase:
    name: str
    url_file: Path
    requests: int
    headers: Mapping[str, str]
    probe: dict[str, int]  # of the first PROBES requests: answered 200, and found something


def prepare_case(
    name: str, workload: LookupWorkload, work_dir: Path, base_url: str, headers: Mapping[str, str]
) -> LookupCase:
    """The request file of one case, and the probe of its first requests."""
    target = work_dir / f"{name}-gisapp.tsv"
    if name == "overlap_check":
        url_file = write_post_file(target, CHECK_PATH, workload.check_bodies)
        probe = _probe_checks(base_url, workload.check_bodies[:PROBES], headers)
        return LookupCase(name, url_file, len(workload.check_bodies), headers, probe)
    paths = {
        "lookup_code": workload.code_paths,
        "lookup_point": workload.point_paths,
        "lookup_name": workload.name_paths,
    }[name]
    return LookupCase(
        name, write_url_file(target, paths), len(paths), headers, _probe_lookups(base_url, paths)
    )


def _probe_lookups(base_url: str, paths: list[str]) -> dict[str, int]:
    ok = found = 0
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for path in paths[:PROBES]:
            response = client.get(path)
            ok += response.status_code == 200
            found += response.status_code == 200 and bool(response.json()["features"])
    return {"probed": min(PROBES, len(paths)), "ok": ok, "found": found}


def _probe_checks(base_url: str, bodies: list[str], headers: Mapping[str, str]) -> dict[str, int]:
    ok = overlaps = 0
    sent = {**headers, "Content-Type": "application/geo+json"}
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for body in bodies:
            response = client.post(CHECK_PATH, content=body, headers=sent)
            ok += response.status_code == 200
            problems = response.json().get("problems", []) if response.status_code == 200 else []
            overlaps += any(p.get("check") == "overlap" for p in problems)
    return {"probed": len(bodies), "ok": ok, "found": overlaps}
