"""The tile hot path's database access: a fixed set of async psycopg connections, statements prepared.

Tiles are the requests a map makes by the hundred, so they skip the thread pool and SQLAlchemy's
execution layer: the SQL is compiled once (services/vector_tiles.py) and psycopg prepares it on
each connection. Every other endpoint uses the ordinary SQLAlchemy session.

Why not psycopg_pool: its general machinery (growth, statistics, resets, a new cursor per query)
cost 25 % of z15 throughput on the bench (issue 3). The tile path needs much less: N connections
opened at start, each with one reusable cursor, handed out last-in first-out so the busiest
backends stay warm; a connection that breaks is dropped, and the query retried once on a new one.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Protocol

from psycopg import AsyncConnection, AsyncCursor, OperationalError
from psycopg.pq import TransactionStatus
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from gisapp.errors import DatabaseBusy
from gisapp.services.vector_tiles import DriverQuery
from gisapp.settings import Settings

log = logging.getLogger("gisapp.tiles")
RETRY_AFTER_S = 5


class TileReader(Protocol):
    """Runs one tile query and returns its single row."""

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]: ...


def libpq_url(url: str) -> str:
    """The libpq form of an SQLAlchemy URL (psycopg takes libpq's)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass
class _Link:
    connection: AsyncConnection[Any]
    cursor: AsyncCursor[Any]


class PooledTileReader:
    """Read-only, autocommit connections: one round trip per tile, no BEGIN and no ROLLBACK."""

    def __init__(self, url: str, settings: Settings) -> None:
        self._conninfo = libpq_url(url)
        self._options = (
            f"-c statement_timeout={settings.db_statement_timeout_ms} -c default_transaction_read_only=on"
        )
        self._size = settings.tile_pool_size
        self._timeout_s = settings.db_pool_timeout
        self._idle: list[_Link] = []
        self._slots = asyncio.Semaphore(self._size)

    async def open(self) -> None:
        """All connections up front: no growth mid-burst, and a database that is down stops start-up."""
        self._idle = list(await asyncio.gather(*(self._connect() for _ in range(self._size))))

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for link in idle:
            await link.connection.close()

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        if self._slots.locked():  # a timer only when there is something to wait for (4 % of a z15 tile)
            await self._wait_for_slot()
        else:
            await self._slots.acquire()
        try:
            return await self._fetch(query)
        finally:
            self._slots.release()

    async def _wait_for_slot(self) -> None:
        try:
            async with asyncio.timeout(self._timeout_s):
                await self._slots.acquire()
        except TimeoutError:
            raise DatabaseBusy(
                f"Tất cả kết nối cơ sở dữ liệu đang bận / All {self._size} tile connections stayed busy "
                f"for {self._timeout_s:g} s; try again shortly.",
                retry_after_s=RETRY_AFTER_S,
            ) from None

    async def _fetch(self, query: DriverQuery) -> tuple[Any, ...]:
        link = self._idle.pop() if self._idle else await self._connect()
        try:
            return await self._run(link, query)
        except OperationalError:
            if not link.connection.broken:
                raise
            # The server dropped it (restart, idle timeout): once more on a new connection.
            log.warning("tile connection lost; reconnecting")
            await link.connection.close()
            link = await self._connect()
            return await self._run(link, query)
        finally:
            await self._recycle(link)

    async def _recycle(self, link: _Link) -> None:
        """Back to the idle list if it is ready for the next query (a cancelled query leaves it so),
        else closed: the next request that finds no idle connection opens a new one."""
        if link.connection.closed:
            return
        if link.connection.broken or link.connection.info.transaction_status != TransactionStatus.IDLE:
            await link.connection.close()
            return
        self._idle.append(link)

    @staticmethod
    async def _run(link: _Link, query: DriverQuery) -> tuple[Any, ...]:
        await link.cursor.execute(query.sql, query.params, prepare=True)
        row = await link.cursor.fetchone()
        if row is None:
            raise RuntimeError("the tile query returned no row")
        return tuple(row)

    async def _connect(self) -> _Link:
        connection = await AsyncConnection.connect(
            self._conninfo, autocommit=True, options=self._options, application_name="gisapp-tiles"
        )
        return _Link(connection, connection.cursor())


class SessionTileReader:
    """Runs tile queries on an existing SQLAlchemy session (tests, scripts): sees its transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        def run() -> tuple[Any, ...]:
            return tuple(self.session.connection().exec_driver_sql(query.sql, query.params).one())

        return await asyncio.to_thread(run)
