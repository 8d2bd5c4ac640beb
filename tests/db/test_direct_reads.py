"""Tiles read straight through libpq (services/direct_reads.py) give the very bytes psycopg's cursor
gives, and share their connections with lookups' cursors, on both event loops the app may run on."""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar

import morecantile
import psycopg
import pytest
import uvloop
from psycopg.errors import DivisionByZero

from gisapp.catalog import load_catalog
from gisapp.services import direct_reads
from gisapp.services.driver_sql import DriverQuery
from gisapp.services.read_pool import PooledReader, libpq_url
from gisapp.services.tile_matrix import tile_bounds
from gisapp.services.vector_tiles import tile_query, versioned_tile_query
from gisapp.settings import Settings

TMS = morecantile.tms.get("WebMercatorQuad")
T = TypeVar("T")
Runner = Callable[[Awaitable[T]], T]
LOOPS = {"asyncio": asyncio.run, "uvloop": uvloop.run}  # the server runs on uvloop


@pytest.fixture(params=list(LOOPS))
def run(request: pytest.FixtureRequest) -> Runner[Any]:
    return LOOPS[request.param]  # type: ignore[return-value]


def one_pool(test_db_url: str, settings: Settings) -> PooledReader:
    return PooledReader(test_db_url, settings.model_copy(update={"tile_pool_size": 1}))


def tile_queries(test_db_url: str, settings: Settings) -> list[DriverQuery]:
    """A tile of every kind over a real growing area: cells (overview), simplified, full detail."""
    layer = load_catalog(settings.layers_dir).find("growing_areas")
    assert layer is not None
    with psycopg.connect(libpq_url(test_db_url)) as connection:
        found = connection.execute(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM growing_areas "
            "WHERE status = 'issued' ORDER BY id LIMIT 1) AS one"
        ).fetchone()
    assert found is not None
    queries = []
    for z in (8, 12, 15):
        tile = TMS.tile(found[0], found[1], z)
        bounds = tile_bounds(z, tile.y, tile.x)
        queries.append(tile_query(layer, bounds, extent=settings.tile_extent, buffer=settings.tile_buffer))
        queries.append(
            versioned_tile_query(
                layer, bounds, None, extent=settings.tile_extent, buffer=settings.tile_buffer
            )
        )
    return queries


def test_direct_rows_are_the_cursors_rows(test_db_url: str, settings: Settings, run: Runner[Any]) -> None:
    queries = tile_queries(test_db_url, settings)
    with psycopg.connect(libpq_url(test_db_url)) as connection:
        expected = [connection.execute(q.sql, q.params).fetchone() for q in queries]

    async def scenario() -> list[tuple[Any, ...]]:
        tiles = one_pool(test_db_url, settings)
        await tiles.open()
        try:
            return [await tiles.fetch_row(q) for q in queries + queries]  # the second time, prepared
        finally:
            await tiles.close()

    rows = run(scenario())
    for row, want in zip(rows, expected + expected, strict=True):
        assert want is not None
        assert row == tuple(bytes(v) if isinstance(v, memoryview | bytes) else v for v in want)
    assert all(row[-1] for row in rows), "each tile should draw the growing area"


def test_lookups_and_tiles_take_turns_on_one_connection(
    test_db_url: str, settings: Settings, run: Runner[Any]
) -> None:
    rows = DriverQuery("SELECT n FROM generate_series(1, %(n)s::int) AS n", {"n": 3})
    one = DriverQuery("SELECT %(n)s::int, %(label)s::text, NULL::bytea", {"n": 7, "label": "bảy"})

    async def scenario() -> list[Any]:
        tiles = one_pool(test_db_url, settings)
        await tiles.open()
        try:
            return [
                await tiles.fetch_rows(rows),
                await tiles.fetch_row(one),
                await tiles.fetch_rows(rows),
                await tiles.fetch_row(one),
            ]
        finally:
            await tiles.close()

    assert run(scenario()) == [[(1,), (2,), (3,)], (7, "bảy", None)] * 2


def test_errors_keep_their_class_and_leave_the_connection_usable(
    test_db_url: str, settings: Settings, run: Runner[Any]
) -> None:
    async def scenario() -> tuple[Any, ...]:
        tiles = one_pool(test_db_url, settings)
        await tiles.open()
        try:
            with pytest.raises(DivisionByZero):
                await tiles.fetch_row(DriverQuery("SELECT 1 / %(zero)s::int", {"zero": 0}))
            with pytest.raises(RuntimeError, match=r"returned 2 rows, not one"):
                await tiles.fetch_row(DriverQuery("SELECT 1 UNION ALL SELECT 2", {}))
            return await tiles.fetch_row(DriverQuery("SELECT %(n)s::bigint", {"n": 2**40}))
        finally:
            await tiles.close()

    assert run(scenario()) == (2**40,)


def test_rows_and_parameters_of_every_kind_as_the_cursor_has_them(
    test_db_url: str, settings: Settings, run: Runner[Any]
) -> None:
    """Lookups read many types; psycopg's own adaptation, with the pool's JSON loader, gives each."""
    query = DriverQuery(
        "SELECT %(day)s::date + 1, %(codes)s::text[], %(price)s::numeric * 2, %(flag)s, %(nothing)s::int, "
        "jsonb_build_object('tên', %(name)s::text), ST_AsText(ST_MakePoint(%(x)s, 10.5)), "
        "%(x)s::float8 / 3",
        {
            "day": datetime.date(2025, 12, 31),
            "codes": ["VN-01-001", "VN-01-002"],
            "price": Decimal("1.25"),
            "flag": True,
            "nothing": None,
            "name": "Hợp tác xã Đông Hòa",
            "x": 105.75,
        },
    )
    with psycopg.connect(libpq_url(test_db_url)) as connection:
        expected = connection.execute(query.sql, query.params).fetchall()

    async def scenario() -> list[tuple[Any, ...]]:
        tiles = one_pool(test_db_url, settings)
        await tiles.open()
        try:
            return await tiles.fetch_rows(query)
        finally:
            await tiles.close()

    assert (
        run(scenario())
        == expected
        == [
            (
                datetime.date(2026, 1, 1),
                ["VN-01-001", "VN-01-002"],
                Decimal("2.50"),
                True,
                None,
                {"tên": "Hợp tác xã Đông Hòa"},
                "POINT(105.75 10.5)",
                105.75 / 3,
            )
        ]
    )


def test_old_statements_are_deallocated(
    test_db_url: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(direct_reads, "PREPARED_PER_CONNECTION", 2)
    prepared = DriverQuery(
        "SELECT count(*)::int FROM pg_prepared_statements WHERE name LIKE 'gisapp_direct%%'", {}
    )

    async def scenario() -> list[tuple[Any, ...]]:
        tiles = one_pool(test_db_url, settings)
        await tiles.open()
        try:
            answers = [await tiles.fetch_row(DriverQuery(f"SELECT {n}", {})) for n in range(5)]
            return [*answers, await tiles.fetch_row(prepared)]
        finally:
            await tiles.close()

    *answers, (count,) = uvloop.run(scenario())
    assert answers == [(n,) for n in range(5)]
    assert count == 2
