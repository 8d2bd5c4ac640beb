"""The tile path's own connection set (services/read_pool.py) on the real server: lost connections,
busy pools, cancelled and timed-out queries."""

from __future__ import annotations

import asyncio
import logging

import psycopg
import pytest
from psycopg.errors import QueryCanceled
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from gisapp.errors import DatabaseBusy
from gisapp.services.driver_sql import DriverQuery
from gisapp.services.read_pool import PooledReader, SessionReader
from gisapp.settings import Settings

ONE = DriverQuery("SELECT %(n)s::int", {"n": 1})


def sleep_for(seconds: float) -> DriverQuery:
    return DriverQuery("SELECT pg_sleep(%(s)s)::text", {"s": seconds})


def reader(test_db_url: str, settings: Settings, **changes: object) -> PooledReader:
    return PooledReader(test_db_url, settings.model_copy(update=changes))


def test_connections_dropped_by_the_server_are_replaced(
    test_db_url: str, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> tuple[tuple[object, ...], tuple[object, ...]]:
        tiles = reader(test_db_url, settings, tile_pool_size=2)
        await tiles.open()
        try:
            first = await tiles.fetch_row(ONE)
            engine = create_engine(test_db_url, poolclass=NullPool)
            with engine.begin() as connection:  # what a server restart does to open connections
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name = 'gisapp-reads' AND datname = current_database()"
                    )
                )
            engine.dispose()
            await asyncio.sleep(0.2)
            return first, await tiles.fetch_row(ONE)
        finally:
            await tiles.close()

    with caplog.at_level(logging.WARNING, logger="gisapp.reads"):
        first, after = asyncio.run(scenario())
    assert first == after == (1,)
    assert "read connection lost" in caplog.text


def test_a_busy_pool_answers_503_after_its_timeout(test_db_url: str, settings: Settings) -> None:
    async def scenario() -> None:
        tiles = reader(test_db_url, settings, tile_pool_size=1, db_pool_timeout=0.2)
        await tiles.open()
        try:
            slow = asyncio.create_task(tiles.fetch_row(sleep_for(1.0)))
            await asyncio.sleep(0.05)
            with pytest.raises(DatabaseBusy, match=r"1 read connections stayed busy for 0\.2 s"):
                await tiles.fetch_row(ONE)
            assert await slow == ("",)
            assert await tiles.fetch_row(ONE) == (1,)  # the slot came back
        finally:
            await tiles.close()

    asyncio.run(scenario())
    assert DatabaseBusy.status_code == 503


def test_cancelled_and_timed_out_queries_leave_the_connection_usable(
    test_db_url: str, settings: Settings
) -> None:
    async def scenario() -> None:
        tiles = reader(test_db_url, settings, tile_pool_size=1, db_statement_timeout_ms=200)
        await tiles.open()
        try:
            with pytest.raises(QueryCanceled):  # statement_timeout
                await tiles.fetch_row(sleep_for(2.0))
            assert await tiles.fetch_row(ONE) == (1,)
            gone = asyncio.create_task(tiles.fetch_row(sleep_for(0.15)))
            await asyncio.sleep(0.05)
            gone.cancel()  # a client that hung up
            with pytest.raises(asyncio.CancelledError):
                await gone
            assert await tiles.fetch_row(ONE) == (1,)
        finally:
            await tiles.close()

    asyncio.run(scenario())


def test_a_session_reader_fails_as_a_pooled_one_and_keeps_the_transaction(
    test_db_url: str, settings: Settings, session: Session
) -> None:
    """Tests read through SessionReader in their own transaction: a statement that fails there must
    raise what the pool raises and leave the transaction (and the test's rows) usable."""
    bad = DriverQuery("SELECT ST_GeomFromGeoJSON(%(g)s)::text", {"g": '{"type": "Blob"}'})
    session.execute(text("CREATE TEMPORARY TABLE kept (n int)"))
    session.execute(text("INSERT INTO kept VALUES (7)"))

    async def pooled() -> None:
        pool = reader(test_db_url, settings)
        await pool.open()
        try:
            await pool.fetch_row(bad)
        finally:
            await pool.close()

    with pytest.raises(psycopg.errors.InternalError_, match="invalid GeoJson"):
        asyncio.run(pooled())
    with pytest.raises(psycopg.errors.InternalError_, match="invalid GeoJson"):
        asyncio.run(SessionReader(session).fetch_row(bad))
    assert asyncio.run(SessionReader(session).fetch_row(DriverQuery("SELECT n FROM kept", {}))) == (7,)
