"""The ceiling: gisapp's own tile SQL straight against PostgreSQL, same concurrency, no HTTP.

Statements come from `gisapp.services.vector_tiles.tile_query`, the very SQL text and parameters
gisapp's tile path sends (whatever it builds today); N async connections (uvloop) run them in a loop
for a fixed window. Only queries that finish inside the window count, as with wrk.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import psycopg
import uvloop

from bench.measurement import Measurement, Timing
from bench.samples import Tile
from gisapp.catalog import Layer
from gisapp.services.tile_matrix import tile_bounds
from gisapp.services.vector_tiles import tile_query as gisapp_tile_query

Query = tuple[str, dict[str, Any]]
STATEMENT_TIMEOUT_MS = 60_000


def tile_query(layer: Layer, tile: Tile, *, extent: int, buffer: int) -> Query:
    """The driver SQL and parameters gisapp sends for a tile when it knows the layer's version
    (its usual case: the version comes from the LISTEN/NOTIFY feed)."""
    z, x, y = tile
    query = gisapp_tile_query(layer, tile_bounds(z, y, x), extent=extent, buffer=buffer)
    return query.sql, query.params


@dataclass
class _Tally:
    latencies_s: list[float] = field(default_factory=list)
    bytes: int = 0
    errors: int = 0


async def _window(
    connections: list[psycopg.AsyncConnection[Any]], queries: list[Query], seconds: float
) -> tuple[_Tally, float]:
    tally, order = _Tally(), itertools.cycle(range(len(queries)))
    started = time.perf_counter()
    deadline = started + seconds

    async def client(connection: psycopg.AsyncConnection[Any]) -> None:
        cursor = connection.cursor()  # one cursor, statements prepared: as lean as gisapp's tile reader
        while time.perf_counter() < deadline:
            sql, params = queries[next(order)]
            sent = time.perf_counter()
            try:
                await cursor.execute(sql, params, prepare=True)
                row = await cursor.fetchone()
            except psycopg.Error:
                if time.perf_counter() < deadline:
                    tally.errors += 1
                continue
            finished = time.perf_counter()
            if finished <= deadline:
                tally.latencies_s.append(finished - sent)
                tally.bytes += len(row[0]) if row and row[0] else 0

    await asyncio.gather(*(client(c) for c in connections))
    return tally, min(seconds, time.perf_counter() - started)


async def _run(
    conninfo: str, queries: list[Query], seconds: float, warmup_s: float, concurrency: int
) -> tuple[_Tally, float]:
    options = f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
    connections = [
        await psycopg.AsyncConnection.connect(
            conninfo, autocommit=True, options=options, application_name="gisapp-bench-ceiling"
        )
        for _ in range(concurrency)
    ]
    try:
        if warmup_s > 0:
            await _window(connections, queries, warmup_s)
        return await _window(connections, queries, seconds)
    finally:
        for connection in connections:
            await connection.close()


def measure_ceiling(case: str, conninfo: str, queries: list[Query], timing: Timing) -> Measurement:
    tally, elapsed = uvloop.run(_run(conninfo, queries, timing.seconds, timing.warmup_s, timing.concurrency))
    latencies = np.asarray(tally.latencies_s) * 1000 if tally.latencies_s else np.zeros(1)
    p50, p90, p99 = (float(v) for v in np.percentile(latencies, [50, 90, 99]))
    done = len(tally.latencies_s)
    return Measurement(
        case=case,
        server="ceiling",
        requests=done,
        duration_s=elapsed,
        p50_ms=p50,
        p99_ms=p99,
        mean_bytes=tally.bytes / max(1, done),
        errors=tally.errors,
        detail={"p90_ms": round(p90, 2), "max_ms": round(float(latencies.max()), 2)},
    )
