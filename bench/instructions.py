"""User-space instructions per tile request in one gisapp worker, counted by callgrind.

On the shared 2-core machine requests per second drift by a quarter within minutes (README.md,
"alternating rounds"); instruction counts do not: the same code, data and requests give the same
count to about 0.1 %. So this tells whether a change to the Python side of the tile path (the fast
path, the read pool, the app's front) made a tile cheaper, where a timed A/B could not. It counts
neither the kernel nor PostgreSQL, so the timed bench stays the judge of the targets.

    python -m bench.instructions --zoom 15 --requests 600

Needs the benchmark database (`make bench` loads it) and valgrind. One worker, cache off, requests
sent one at a time with `Accept-Encoding: identity`, after as many warm-up requests.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.config import DEFAULT_SEED
from bench.dataset import bench_database
from bench.samples import Tile, build_workload, sample_points
from bench.servers import HOST, Server, start_gisapp, stop, wait_ready
from gisapp.settings import Settings

READY_UNDER_VALGRIND_S = 600.0  # start-up (imports, catalog) runs about five times slower under valgrind
OK_STATUSES = (200, 204)


def callgrind_total(dump: Path) -> int:
    """The instruction count of one callgrind dump: its `totals:` line, else `summary:` (a dump asked
    for while running has `summary: 0` before the real totals)."""
    found: dict[str, int] = {}
    for line in dump.read_text(errors="replace").splitlines():
        key, _, value = line.partition(":")
        if key in ("totals", "summary") and value.strip():
            found[key] = int(value.split()[0])
    if not found:
        raise ValueError(f"{dump} has no totals line; is it a callgrind dump?")
    return found.get("totals", found.get("summary", 0))


def ask(port: int, paths: list[str], count: int) -> int:
    """Send `count` requests over one keep-alive connection, cycling through `paths`; the number
    that did not answer 200 or 204."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    failed = 0
    try:
        for i in range(count):
            connection.request("GET", paths[i % len(paths)], headers={"Accept-Encoding": "identity"})
            response = connection.getresponse()
            response.read()
            failed += response.status not in OK_STATUSES
    finally:
        connection.close()
    return failed


def _control(server: Server, *arguments: str) -> None:
    command = ["callgrind_control", *arguments, str(server.process.pid)]
    subprocess.run(command, check=True, capture_output=True)


def count_instructions(tiles: list[Tile], requests: int) -> tuple[float, int]:
    """Instructions per request and the number of failed requests, for these tiles."""
    settings = Settings()
    database = bench_database(settings)
    with tempfile.TemporaryDirectory(prefix="gisapp-callgrind-") as work:
        dump = Path(work) / "callgrind.out"
        valgrind = ("valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={dump}")
        server = start_gisapp(
            database, Path(work), "gisapp", {"GISAPP_TILE_CACHE_MB": "0"}, wrapper=valgrind, workers=1
        )
        try:
            wait_ready(server, "/healthz", READY_UNDER_VALGRIND_S)
            paths = [server.tile_path(*tile) for tile in tiles]
            ask(server.port, paths, requests)  # warm-up: statements prepared, pages cached
            _control(server, "--instr=on")
            failed = ask(server.port, paths, requests)
            _control(server, "--instr=off")
            _control(server, "--dump")
        finally:
            stop(server)
        return callgrind_total(dump.with_name(dump.name + ".1")) / requests, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zoom", type=int, default=15, help="zoom of the tiles asked for (default 15)")
    parser.add_argument("--requests", type=int, default=600, help="requests counted (default 600)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the sampled tiles")
    options = parser.parse_args()
    for tool in ("valgrind", "callgrind_control"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed: `make system-deps-bench` installs valgrind.")
    points = sample_points(bench_database(Settings()), options.seed)
    tiles = build_workload(points, (options.zoom,)).tiles[options.zoom]
    per_request, failed = count_instructions(tiles, options.requests)
    print(
        f"z{options.zoom}: {per_request:,.0f} user-space instructions per tile request in one worker "
        f"({options.requests} requests over {len(tiles)} tiles; {failed} not answered 200 or 204)"
    )
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
