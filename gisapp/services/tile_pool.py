"""The tile hot path's database access: an async psycopg pool with prepared statements.

Tiles are the requests a map makes by the hundred, so they skip the thread pool and SQLAlchemy's
execution layer: the SQL is compiled once (services/vector_tiles.py) and psycopg prepares it on
each connection. Every other endpoint uses the ordinary SQLAlchemy session.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gisapp.services.vector_tiles import DriverQuery
from gisapp.settings import Settings


class TileReader(Protocol):
    """Runs one tile query and returns its single row."""

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]: ...


def libpq_url(url: str) -> str:
    """The libpq form of an SQLAlchemy URL (psycopg's pool takes libpq's)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _configure(connection: AsyncConnection[Any]) -> None:
    connection.prepare_threshold = 0  # prepare on first use: the same few statements run all day


class PooledTileReader:
    """Read-only, autocommit connections: one round trip per tile, no BEGIN and no ROLLBACK."""

    def __init__(self, url: str, settings: Settings) -> None:
        options = (
            f"-c statement_timeout={settings.db_statement_timeout_ms} -c default_transaction_read_only=on"
        )
        self.pool = AsyncConnectionPool(
            libpq_url(url),
            min_size=settings.tile_pool_size,  # opened up front: no pool growth mid-burst
            max_size=settings.tile_pool_size,
            timeout=settings.db_pool_timeout,
            kwargs={"autocommit": True, "options": options, "application_name": "gisapp-tiles"},
            configure=_configure,
            open=False,
        )

    async def open(self) -> None:
        await self.pool.open(wait=True)

    async def close(self) -> None:
        await self.pool.close()

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        async with self.pool.connection() as connection:
            cursor = await connection.execute(query.sql, query.params)
            row = await cursor.fetchone()
        if row is None:
            raise RuntimeError("the tile query returned no row")
        return tuple(row)


class SessionTileReader:
    """Runs tile queries on an existing SQLAlchemy session (tests, scripts): sees its transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        def run() -> tuple[Any, ...]:
            return tuple(self.session.connection().exec_driver_sql(query.sql, query.params).one())

        return await asyncio.to_thread(run)
