"""The bench's ceiling client on a real database: gisapp's tile SQL through gisapp's tile reads."""

from __future__ import annotations

import uvloop

from bench.ceiling import CeilingClient, CeilingWindow, tile_query
from gisapp.catalog import load_catalog
from gisapp.services.driver_sql import DriverQuery
from gisapp.services.read_pool import libpq_url
from gisapp.settings import Settings


def test_windows_reuse_their_connections_and_statements(test_db_url: str, settings: Settings) -> None:
    layer = load_catalog(settings.layers_dir).find("growing_areas")
    assert layer is not None
    tiles = [(15, 26050, 14400), (12, 3256, 1800), (8, 203, 112)]  # (z, x, y) over northern Việt Nam
    queries = [tile_query(layer, t, extent=settings.tile_extent, buffer=settings.tile_buffer) for t in tiles]

    async def two_windows() -> list[CeilingWindow]:
        async with CeilingClient(libpq_url(test_db_url), queries, concurrency=2) as ceiling:
            return [await ceiling.window(0.3), await ceiling.window(0.3)]

    windows = uvloop.run(two_windows())
    for window in windows:  # the second window prepares nothing again, and so fails nothing
        assert window.errors == 0 and len(window.latencies_s) >= len(queries)


def test_the_ceiling_plans_as_gisapp_reads_do(test_db_url: str, settings: Settings) -> None:
    """Generic plans, like the read pool (direct_reads.PLANNED_ONCE): otherwise the ceiling would
    replan every z14-z15 tile that gisapp plans once, and flatter the ratio."""
    setting = DriverQuery("SELECT current_setting('plan_cache_mode')", {})

    async def plan_cache_mode() -> list[tuple[object, ...]]:
        async with CeilingClient(libpq_url(test_db_url), [setting], concurrency=1) as ceiling:
            return await ceiling._links[0].fetch_rows(setting)

    assert uvloop.run(plan_cache_mode()) == [("force_generic_plan",)]
