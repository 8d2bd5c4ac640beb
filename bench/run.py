"""`python -m bench.run` / `gisapp bench`: data, both servers, every case, one table and a JSON file.

Order of a tile case: gisapp cold and the SQL ceiling in alternating rounds (bench/rounds.py), then
gisapp with its tile cache, warm (If-None-Match), gzip, and tipg; the database is allowed to go quiet
between them so a slow server's leftovers never overlap the next.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import mapbox_vector_tile
from rich.console import Console
from sqlalchemy import Engine

from bench.ceiling import tile_query
from bench.config import (
    DEFAULT_CONCURRENCY,
    DEFAULT_DURATION_S,
    DEFAULT_PLOTS,
    DEFAULT_ROUNDS,
    DEFAULT_SEED,
    DEFAULT_WARMUP_S,
    ITEMS_CASE,
    LAYER_ID,
    RESULTS_DIR,
    BenchOptions,
    parse_cases,
)
from bench.dataset import BenchDatabase, prepare_dataset
from bench.loadgen import fetch_etags, measure_http, write_url_file, wrk_binary
from bench.lookup_cases import prepare_case
from bench.lookup_samples import build_lookup_workload
from bench.measurement import Measurement, Timing
from bench.officer import bearer_header, officer_password
from bench.pgstate import engine_for, server_facts, wait_until_idle
from bench.report import print_report, ratios, write_json
from bench.rounds import AlternatingRounds
from bench.samples import Tile, Workload, build_workload, sample_points
from bench.servers import Server, ensure_tipg_venv, running_servers, tipg_environment, tipg_settings
from gisapp.catalog import Layer, load_catalog
from gisapp.settings import Settings

BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}  # what a browser's map asks with


class _Session:
    """One run's state: where files go, what was measured so far, how to reach the database."""

    def __init__(self, options: BenchOptions, console: Console, settings: Settings) -> None:
        self.options, self.console, self.settings = options, console, settings
        self.stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.work_dir = RESULTS_DIR / self.stamp
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.results: list[Measurement] = []
        self.document: dict[str, Any] = {"started_utc": self.stamp, "options": asdict(self.options)}

    def record(self, measurement: Measurement) -> None:
        self.results.append(measurement)
        m = measurement
        self.console.print(
            f"  {m.case:<5} {m.server:<12} {m.rps:9.1f} req/s  p50 {m.p50_ms:8.1f} ms  "
            f"p99 {m.p99_ms:8.1f} ms  {m.mean_kb:8.1f} KB  errors {m.errors}"
        )


def run(options: BenchOptions, console: Console | None = None, settings: Settings | None = None) -> Path:
    """The whole benchmark; returns the JSON file written under bench/results/."""
    started = time.monotonic()
    session = _Session(options, console or Console(), settings or Settings())
    out = session.console
    if not out.is_terminal:  # piped or logged: rich would assume 80 columns and squeeze the table
        out.width = max(out.width, 120)
    wrk_binary()  # fail before the long parts when the load tool is missing
    tipg_bin = None
    if options.needs_tipg:
        with out.status("tipg's virtual environment (bench/.venv-tipg)…"):
            tipg_bin = ensure_tipg_venv(session.work_dir / "tipg-install.log")
    database, state, loaded = prepare_dataset(
        session.settings, out, plots=options.plots, seed=options.seed, reload=options.reload
    )
    session.document["dataset"] = asdict(state) | {"loaded_this_run": loaded}
    layer = load_catalog(session.settings.layers_dir).get(LAYER_ID)
    workload = build_workload(sample_points(database, options.seed), options.zooms)
    session.document["workload"] = workload.describe()
    tipg_env = tipg_environment(database, [p.name for p in layer.properties])
    if tipg_bin is not None:
        session.document["tipg"] = tipg_settings(tipg_bin, tipg_env)
    engine = engine_for(database)
    session.document["postgres"] = server_facts(engine) | {"cpus": str(os.cpu_count())}
    error: BaseException | None = None
    try:
        with running_servers(database, tipg_bin, tipg_env, session.work_dir) as servers:
            where = ", ".join(f"{name} on {server.base_url}" for name, server in servers.items())
            out.print(f"{where}; {options.concurrency} clients")
            if "tipg" in servers:
                session.document["tile_properties"] = _tile_properties(servers, workload)
            _run_cases(session, database, engine, layer, workload, servers)
            _run_lookup_cases(session, database, engine, servers["gisapp"])
    except (Exception, KeyboardInterrupt) as exc:
        error = exc
        session.document["error"] = repr(exc)
    finally:
        engine.dispose()
    path = _finish(session, started)
    if error is not None:
        raise error
    return path


def _run_cases(
    session: _Session,
    database: BenchDatabase,
    engine: Engine,
    layer: Layer,
    workload: Workload,
    servers: dict[str, Server],
) -> None:
    o = session.options
    if not o.needs_tipg:
        return
    default = servers.get("gisapp-cached", servers["gisapp"])  # gisapp as `make run` configures it
    for z, tiles in workload.tiles.items():
        case = f"z{z}"
        session.console.print(f"[bold]{case}[/]: {len(tiles)} distinct tiles")
        _against_ceiling(session, database, engine, layer, case, servers["gisapp"], tiles)
        if "gisapp-cached" in servers:
            cached = servers["gisapp-cached"]
            _http(session, engine, case, "gisapp-cached", cached, [cached.tile_path(*t) for t in tiles])
        paths = [default.tile_path(*t) for t in tiles]
        etags, how = fetch_etags(default.base_url, paths)
        _http(session, engine, case, "gisapp-warm", default, paths, etags, how)
        _http(session, engine, case, "gisapp-gzip", default, paths, headers=BROWSER_HEADERS)
        _http(session, engine, case, "tipg", servers["tipg"], [servers["tipg"].tile_path(*t) for t in tiles])
    if ITEMS_CASE in o.cases:
        session.console.print(f"[bold]{ITEMS_CASE}[/]: {len(workload.bboxes)} bboxes, limit=100")
        for name in ("gisapp", "tipg"):
            paths = [servers[name].items_url_path(b) for b in workload.bboxes]
            _http(session, engine, ITEMS_CASE, name, servers[name], paths)


def _against_ceiling(
    session: _Session,
    database: BenchDatabase,
    engine: Engine,
    layer: Layer,
    case: str,
    server: Server,
    tiles: list[Tile],
) -> None:
    """gisapp cold (tile cache off) and the ceiling on the same tiles, in alternating rounds."""
    o, settings = session.options, session.settings
    url_file = write_url_file(session.work_dir / f"{case}-gisapp.tsv", [server.tile_path(*t) for t in tiles])
    queries = [tile_query(layer, t, extent=settings.tile_extent, buffer=settings.tile_buffer) for t in tiles]
    timing = Timing(o.duration_s, o.warmup_s, o.concurrency)
    link = database.libpq_url
    pair = AlternatingRounds(
        case, server.base_url, url_file, link, queries, timing, o.rounds, engine, server.process.pid
    )
    gisapp, ceiling = pair.measure()
    session.record(gisapp)
    session.record(ceiling)
    session.console.print(f"  {case:<5} gisapp/ceiling per round: {gisapp.detail['round_ratios']}")
    session.console.print(f"  {'':<5} CPU µs per request, gisapp: {gisapp.detail['cpu_us']}")
    session.console.print(f"  {'':<5} CPU µs per query, ceiling: {ceiling.detail['cpu_us']}")
    wait_until_idle(engine)


def _run_lookup_cases(session: _Session, database: BenchDatabase, engine: Engine, server: Server) -> None:
    """Issue 5: lookups by code, point and name, and the overlap check (signed in as an officer)."""
    o = session.options
    if not o.lookup_cases:
        return
    workload = build_lookup_workload(database, o.seed)
    session.document["lookup_workload"] = workload.describe()
    officer: dict[str, str] = {}
    if "overlap_check" in o.lookup_cases:
        officer = bearer_header(server.base_url, officer_password(database, session.settings))
    for name in o.lookup_cases:
        headers = officer if name == "overlap_check" else {}
        case = prepare_case(name, workload, session.work_dir, server.base_url, headers)
        probe = case.probe
        session.console.print(
            f"[bold]{name}[/]: {case.requests} requests; of the first {probe['probed']}, "
            f"{probe['ok']} answered 200 and {probe['found']} found "
            + ("an overlap" if name == "overlap_check" else "their area")
        )
        timing = Timing(o.duration_s, o.warmup_s, o.concurrency)
        pid = server.process.pid
        measured = measure_http(name, "gisapp", server.base_url, case.url_file, timing, case.headers, pid)
        session.record(_with_detail(measured, **{f"probe_{k}": str(v) for k, v in probe.items()}))
        session.console.print(f"  {'':<5} CPU µs per request: {measured.detail['cpu_us']}")
        wait_until_idle(engine)


def _http(
    session: _Session,
    engine: Engine,
    case: str,
    label: str,
    server: Server,
    paths: list[str],
    etags: list[str | None] | None = None,
    note: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    """One wrk measurement of `paths` on `server`, recorded as `label`; then wait for a quiet database."""
    o = session.options
    url_file = write_url_file(session.work_dir / f"{case}-{label}.tsv", paths, etags)
    timing = Timing(o.duration_s, o.warmup_s, o.concurrency)
    measured = measure_http(case, label, server.base_url, url_file, timing, headers, server.process.pid)
    session.record(_with_detail(measured, etags=note) if note else measured)
    wait_until_idle(engine)


def _with_detail(m: Measurement, **extra: str) -> Measurement:
    return replace(m, detail={**m.detail, **extra})


def _tile_properties(servers: dict[str, Server], workload: Workload) -> dict[str, dict[str, list[str]]]:
    """Property names each server puts in the same tile (deepest zoom sampled): a fairness check."""
    if not workload.tiles:
        return {}
    tile = workload.tiles[max(workload.tiles)][0]
    found: dict[str, dict[str, list[str]]] = {}
    for server in (servers["gisapp"], servers["tipg"]):
        response = httpx.get(server.base_url + server.tile_path(*tile), timeout=60)
        layers = mapbox_vector_tile.decode(response.content) if response.status_code == 200 else {}
        found[server.name] = {
            name: sorted({k for f in layer["features"] for k in f["properties"]})
            for name, layer in layers.items()
        }
    return found


def _finish(session: _Session, started: float) -> Path:
    elapsed = time.monotonic() - started
    document = session.document
    document["total_s"] = round(elapsed, 1)
    document["finished_utc"] = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    document["results"] = [m.as_dict() for m in session.results]
    document["ratios"] = ratios(session.results)
    o = session.options
    title = f"gisapp vs tipg vs SQL ceiling — {o.plots:,} plots, {o.concurrency} clients, {o.duration_s:g} s"
    found = print_report(session.console, session.results, title) if session.results else []
    document["targets"] = [t.as_dict() for t in found]
    path = write_json(RESULTS_DIR / f"{session.stamp}.json", document)
    session.console.print(_load_summary(document.get("dataset", {})))
    session.console.print(f"results: {path}\ntotal run time: {elapsed / 60:.1f} min ({elapsed:.0f} s)")
    return path


def _load_summary(dataset: dict[str, Any]) -> str:
    timings = dict(dataset.get("timings_s", {}))
    if not timings:
        return "data: not loaded"
    total = timings.pop("total", 0.0)
    steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings.items())
    when = "this run" if dataset.get("loaded_this_run") else f"{dataset.get('loaded_at')}, reused"
    return f"data: {dataset.get('rows', 0):,} plots loaded in {total:.0f} s ({steps}; {when})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--plots", type=int, default=DEFAULT_PLOTS, help="growing areas in gisapp_bench")
    parser.add_argument("--duration", type=float, default=DEFAULT_DURATION_S, help="seconds per case")
    parser.add_argument("--warmup", type=float, default=DEFAULT_WARMUP_S, help="warm-up seconds per case")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY, help="concurrent clients")
    parser.add_argument("--cases", default="all", help="all, or e.g. z6,z12,items,lookup")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the data and the samples")
    parser.add_argument("--reload", action="store_true", help="reload the data even when it is present")
    parser.add_argument(
        "--rounds", type=int, default=DEFAULT_ROUNDS, help="rounds in which gisapp and the ceiling alternate"
    )
    args = parser.parse_args(argv)
    options = BenchOptions(
        plots=args.plots,
        duration_s=args.duration,
        warmup_s=args.warmup,
        concurrency=args.concurrency,
        cases=parse_cases(args.cases),
        seed=args.seed,
        reload=args.reload,
        rounds=args.rounds,
    )
    try:
        run(options)
    except KeyboardInterrupt:
        raise SystemExit("interrupted: servers stopped, partial results written") from None


if __name__ == "__main__":
    main()
