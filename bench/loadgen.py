"""HTTP load with wrk (Debian's `wrk`): a Lua script cycles through a URL list and reports JSON.

wrk keeps the client's CPU cost low, which matters on a 2-core machine where client, servers and
PostgreSQL share the cores. One wrk thread drives all connections; every run is bounded by `-d`.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from bench.config import BENCH_DIR
from bench.cpu_split import CpuSplit, cpu_detail, snapshot
from bench.measurement import Measurement, Timing
from bench.pooled import LatencySample, pooled_percentiles

LUA_SCRIPT = BENCH_DIR / "wrk" / "cycle.lua"
REQUEST_TIMEOUT_S = 60
ETAG_PROBES = 8
MARKER = "BENCH_JSON "
INSTALL_HINT = "wrk is missing: sudo apt-get install -y wrk"
SUMMED = (
    *("duration_us", "requests", "bytes", "body_bytes", "responses", "s2xx", "s3xx", "http_errors"),
    *("connect", "read", "write", "timeout"),
)


def wrk_binary() -> str:
    """wrk's path; `scripts/system-deps.sh --bench` installs it when missing (as root)."""
    found = shutil.which("wrk")
    if not found:
        subprocess.run([str(BENCH_DIR / "system-deps.sh")], check=False)
        found = shutil.which("wrk")
    if not found:
        raise RuntimeError(INSTALL_HINT)
    return found


def write_url_file(path: Path, paths: Sequence[str], etags: Sequence[str | None] | None = None) -> Path:
    """One request per line, `path` or `path<TAB>etag`, in the order wrk cycles through them."""
    lines = [p if not etags or not etags[i] else f"{p}\t{etags[i]}" for i, p in enumerate(paths)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_post_file(path: Path, target: str, bodies: Sequence[str]) -> Path:
    """One POST per line, `path<TAB><TAB>body`; each body is one line of JSON (no tabs, no newlines)."""
    if any("\n" in b or "\t" in b for b in bodies):
        raise ValueError("POST bodies must be single-line JSON without tabs")
    path.write_text("".join(f"{target}\t\t{body}\n" for body in bodies), encoding="utf-8")
    return path


WrkFigures = dict[str, Any]


def run_wrk(
    base_url: str,
    url_file: Path,
    seconds: float,
    concurrency: int,
    headers: Mapping[str, str] | None = None,
    quantiles: int = 0,
) -> WrkFigures:
    """One wrk run; its Lua `done()` prints the figures as one JSON line. `headers` go on every request;
    `quantiles` evenly spaced latency quantiles come back too when asked (to pool runs)."""
    duration = max(1, math.ceil(seconds))
    command = [
        wrk_binary(),
        "-t1",
        f"-c{concurrency}",
        f"-d{duration}s",
        f"--timeout={REQUEST_TIMEOUT_S}s",
        *(part for name, value in (headers or {}).items() for part in ("-H", f"{name}: {value}")),
        "-s",
        str(LUA_SCRIPT),
        base_url,
        "--",
        str(url_file),
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=duration + REQUEST_TIMEOUT_S + 30,
        env=os.environ | {"BENCH_QUANTILES": str(quantiles)},
    )
    for line in result.stdout.splitlines():
        if line.startswith(MARKER):
            figures: WrkFigures = json.loads(line[len(MARKER) :])
            return figures
    raise RuntimeError(f"wrk gave no figures (exit {result.returncode}): {result.stderr or result.stdout}")


def measure_http(
    case: str,
    server: str,
    base_url: str,
    url_file: Path,
    timing: Timing,
    headers: Mapping[str, str] | None = None,
    server_pid: int | None = None,
) -> Measurement:
    """Warm-up (figures dropped), then the timed window; with `server_pid`, where the CPU went in it
    (bench/cpu_split.py)."""
    if timing.warmup_s > 0:
        run_wrk(base_url, url_file, timing.warmup_s, timing.concurrency, headers)
    before = snapshot() if server_pid is not None else None
    run = run_wrk(base_url, url_file, timing.seconds, timing.concurrency, headers)
    measured = wrk_measurement(case, server, [run])
    if before is None:
        return measured
    split = CpuSplit()
    split.add(before, snapshot(), int(run["requests"]), server_pid=server_pid)
    return replace(measured, detail={**measured.detail, **cpu_detail(split)})


def wrk_measurement(case: str, server: str, runs: Sequence[WrkFigures]) -> Measurement:
    """One measurement from one or more wrk runs of the same requests: counts add up; percentiles
    are wrk's own for one run and pooled from the runs' quantiles for several."""
    total = {key: sum(run[key] for run in runs) for key in SUMMED}
    socket_errors = int(total["connect"] + total["read"] + total["write"] + total["timeout"])
    if len(runs) == 1:
        p50, p90, p99 = (runs[0][f"p{p}_us"] / 1000 for p in (50, 90, 99))
    else:
        samples = [LatencySample([us / 1000 for us in r["quantiles_us"]], int(r["requests"])) for r in runs]
        p50, p90, p99 = pooled_percentiles(samples, (50, 90, 99))
    return Measurement(
        case=case,
        server=server,
        requests=int(total["requests"]),
        duration_s=total["duration_us"] / 1e6,
        p50_ms=p50,
        p99_ms=p99,
        mean_bytes=total["body_bytes"] / max(1, int(total["responses"])),
        errors=int(total["http_errors"]) + socket_errors,
        detail={
            "2xx": int(total["s2xx"]),
            "3xx": int(total["s3xx"]),
            "http_errors": int(total["http_errors"]),
            "socket_errors": socket_errors,
            "timeouts": int(total["timeout"]),
            "p90_ms": round(p90, 2),
            "max_ms": round(max(run["max_us"] for run in runs) / 1000, 2),
            "mean_response_bytes_with_headers": round(total["bytes"] / max(1, total["requests"]), 1),
        },
    )


def fetch_etags(base_url: str, paths: Sequence[str]) -> tuple[list[str | None], str]:
    """ETag per path; when the first few agree (one ETag per layer version), reuse it for all. Asked
    without gzip, as wrk asks: the gzip coding of a tile has an ETag of its own."""
    identity = {"Accept-Encoding": "identity"}
    with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_S, headers=identity) as client:
        probes = [client.get(p).headers.get("etag") for p in paths[:ETAG_PROBES]]
        if len(set(probes)) == 1 and probes[0]:
            return [probes[0]] * len(paths), "one ETag shared by the layer"
        with ThreadPoolExecutor(8) as pool:
            found = list(pool.map(lambda p: client.get(p).headers.get("etag"), paths))
    missing = sum(tag is None for tag in found)
    return found, f"one ETag per tile ({missing} without ETag)" if missing else "one ETag per tile"
