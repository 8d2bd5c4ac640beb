"""The ceiling: gisapp's own tile SQL straight against PostgreSQL, same concurrency, no HTTP.

Statements come from `gisapp.services.vector_tiles.tile_query`, the very SQL text and parameters
gisapp's tile path sends (whatever it builds today), and go through gisapp's own database client for
tiles (services/direct_reads.py), so the ceiling leaves out exactly what HTTP adds and no more. N
async connections run them in a loop for a fixed window, as often as asked (bench/rounds.py
alternates windows with gisapp's). Only queries that finish inside a window count, as with wrk.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field

import numpy as np
import psycopg

from bench.measurement import Measurement
from bench.samples import Tile
from gisapp.catalog import Layer
from gisapp.services.direct_reads import PLANNED_ONCE, DirectLink
from gisapp.services.driver_sql import DriverQuery
from gisapp.services.tile_matrix import tile_bounds
from gisapp.services.vector_tiles import tile_query as gisapp_tile_query

Query = DriverQuery
STATEMENT_TIMEOUT_MS = 60_000


def tile_query(layer: Layer, tile: Tile, *, extent: int, buffer: int) -> Query:
    """The driver SQL and parameters gisapp sends for a tile when it knows the layer's version
    (its usual case: the version comes from the LISTEN/NOTIFY feed)."""
    z, x, y = tile
    return gisapp_tile_query(layer, tile_bounds(z, y, x), extent=extent, buffer=buffer)


@dataclass
class CeilingWindow:
    """What one timed window did: latencies of the queries that finished inside it, bytes, errors."""

    latencies_s: list[float] = field(default_factory=list)
    bytes: int = 0
    errors: int = 0
    elapsed_s: float = 0.0


class CeilingClient:
    """`concurrency` connections, opened once and kept across windows (`async with`), so that a
    window after the first never pays for connecting or preparing the statements again."""

    def __init__(self, conninfo: str, queries: list[Query], concurrency: int) -> None:
        self._conninfo, self._queries, self._concurrency = conninfo, queries, concurrency
        self._links: list[DirectLink] = []  # gisapp's tile reads, one per connection

    async def __aenter__(self) -> CeilingClient:
        options = f"-c statement_timeout={STATEMENT_TIMEOUT_MS} {PLANNED_ONCE}"  # as gisapp's reads
        name = "gisapp-bench-ceiling"
        try:
            for _ in range(self._concurrency):
                connection = await psycopg.AsyncConnection.connect(
                    self._conninfo, autocommit=True, options=options, application_name=name
                )
                self._links.append(DirectLink(connection))
        except BaseException:
            await self.__aexit__()  # those already open must not outlive a failed start
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        links, self._links = self._links, []
        for link in links:
            await link.close()

    async def window(self, seconds: float) -> CeilingWindow:
        """Every connection runs the queries in turn for `seconds`; returns once all have stopped."""
        tally, order, queries = CeilingWindow(), itertools.cycle(range(len(self._queries))), self._queries
        started = time.perf_counter()
        deadline = started + seconds

        async def client(link: DirectLink) -> None:
            while time.perf_counter() < deadline:
                query = queries[next(order)]
                sent = time.perf_counter()
                try:
                    row = await link.fetch_row(query)
                except psycopg.Error:
                    if time.perf_counter() < deadline:
                        tally.errors += 1
                    continue
                finished = time.perf_counter()
                if finished <= deadline:
                    tally.latencies_s.append(finished - sent)
                    tally.bytes += len(row[0]) if row and row[0] else 0

        await asyncio.gather(*(client(link) for link in self._links))
        tally.elapsed_s = min(seconds, time.perf_counter() - started)
        return tally


def ceiling_measurement(case: str, windows: list[CeilingWindow]) -> Measurement:
    """One measurement from one or more windows: every latency kept, so percentiles are exact."""
    latencies = np.asarray([s for w in windows for s in w.latencies_s]) * 1000
    if latencies.size == 0:
        latencies = np.zeros(1)
    p50, p90, p99 = (float(v) for v in np.percentile(latencies, [50, 90, 99]))
    done = sum(len(w.latencies_s) for w in windows)
    return Measurement(
        case=case,
        server="ceiling",
        requests=done,
        duration_s=sum(w.elapsed_s for w in windows),
        p50_ms=p50,
        p99_ms=p99,
        mean_bytes=sum(w.bytes for w in windows) / max(1, done),
        errors=sum(w.errors for w in windows),
        detail={"p90_ms": round(p90, 2), "max_ms": round(float(latencies.max()), 2)},
    )
