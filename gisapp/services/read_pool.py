"""The hot read paths' database access: a fixed set of async psycopg connections, statements prepared.

Tiles (a map asks for them by the hundred) and public lookups (a farmer scanning a code on a slow
phone) skip the thread pool and SQLAlchemy's execution layer: their SQL is compiled once
(services/driver_sql.py), and read straight through libpq with psycopg's adaptation
(services/direct_reads.py), prepared on each connection. Every other endpoint uses the ordinary
SQLAlchemy session.

Why not psycopg_pool: its general machinery (growth, statistics, resets, a new cursor per query)
cost 25 % of z15 throughput on the bench (issue 3). These paths need much less: N connections
opened at start, handed out last-in first-out so the busiest backends stay warm; a connection that
breaks is dropped, and the query retried once on a new one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

import orjson
import psycopg
from psycopg import AsyncConnection, OperationalError
from psycopg.pq import TransactionStatus
from psycopg.types.json import set_json_loads
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from gisapp.errors import DatabaseBusy
from gisapp.services.direct_reads import PLANNED_ONCE, DirectLink, check_one_row
from gisapp.services.driver_sql import DriverQuery, fetch_rows_in
from gisapp.settings import Settings

log = logging.getLogger("gisapp.reads")
RETRY_AFTER_S = 5
T = TypeVar("T")
Rows = list[tuple[Any, ...]]


class Reader(Protocol):
    """Runs one read-only query: a tile's single row, or a lookup's rows."""

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        """Exactly one row (a tile, or a tile and its layer version)."""
        ...

    async def fetch_rows(self, query: DriverQuery) -> Rows: ...


def libpq_url(url: str) -> str:
    """The libpq form of an SQLAlchemy URL (psycopg takes libpq's)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


Take = Callable[[DirectLink, DriverQuery], Awaitable[T]]  # DirectLink.fetch_row or fetch_rows


class PooledReader:
    """Read-only, autocommit connections: one round trip per query, no BEGIN and no ROLLBACK."""

    def __init__(self, url: str, settings: Settings) -> None:
        self._conninfo = libpq_url(url)
        self._options = (
            f"-c statement_timeout={settings.db_statement_timeout_ms} -c default_transaction_read_only=on "
            + PLANNED_ONCE
        )
        self._size = settings.tile_pool_size
        self._timeout_s = settings.db_pool_timeout
        self._idle: list[DirectLink] = []
        self._slots = asyncio.Semaphore(self._size)

    async def open(self) -> None:
        """All connections up front: no growth mid-burst, and a database that is down stops start-up."""
        self._idle = list(await asyncio.gather(*(self._connect() for _ in range(self._size))))

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for link in idle:
            await link.close()

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        return await self._read(query, DirectLink.fetch_row)

    async def fetch_rows(self, query: DriverQuery) -> Rows:
        return await self._read(query, DirectLink.fetch_rows)

    async def _read(self, query: DriverQuery, take: Take[T]) -> T:
        if self._slots.locked():  # a timer only when there is something to wait for (4 % of a z15 tile)
            await self._wait_for_slot()
        else:
            await self._slots.acquire()
        try:
            return await self._fetch(query, take)
        finally:
            self._slots.release()

    async def _wait_for_slot(self) -> None:
        try:
            async with asyncio.timeout(self._timeout_s):
                await self._slots.acquire()
        except TimeoutError:
            raise DatabaseBusy(
                f"Tất cả kết nối cơ sở dữ liệu đang bận / All {self._size} read connections stayed busy "
                f"for {self._timeout_s:g} s; try again shortly.",
                retry_after_s=RETRY_AFTER_S,
            ) from None

    async def _fetch(self, query: DriverQuery, take: Take[T]) -> T:
        link = self._idle.pop() if self._idle else await self._connect()
        try:
            return await take(link, query)
        except OperationalError:
            if not link.connection.broken:
                raise
            # The server dropped it (restart, idle timeout): once more on a new connection.
            log.warning("read connection lost; reconnecting")
            await link.close()
            link = await self._connect()
            return await take(link, query)
        finally:
            await self._recycle(link)

    async def _recycle(self, link: DirectLink) -> None:
        """Back to the idle list if it is ready for the next query (a cancelled query leaves it so),
        else closed: the next request that finds no idle connection opens a new one."""
        if link.connection.closed or link.connection.pgconn.transaction_status != TransactionStatus.IDLE:
            await link.close()  # closing a closed connection only stops watching its socket
            return
        self._idle.append(link)

    async def _connect(self) -> DirectLink:
        connection = await AsyncConnection.connect(
            self._conninfo, autocommit=True, options=self._options, application_name="gisapp-reads"
        )
        set_json_loads(orjson.loads, connection)  # lookups' JSON columns, parsed at C speed
        return DirectLink(connection)


def _the_row(rows: list[Any]) -> tuple[Any, ...]:
    check_one_row(len(rows))
    return tuple(rows[0])


class SessionReader:
    """Runs the same queries on an existing SQLAlchemy session (tests, scripts): sees its transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        return _the_row(await self.fetch_rows(query))

    async def fetch_rows(self, query: DriverQuery) -> Rows:
        return await asyncio.to_thread(_fetch_rows_alone, self.session, query)


def _fetch_rows_alone(session: Session, query: DriverQuery) -> Rows:
    """As a pooled connection would: a failing statement raises the driver's own error and leaves the
    session's transaction usable, as it leaves nothing behind on an autocommit connection."""
    try:
        with session.begin_nested():
            return fetch_rows_in(session, query)
    except DBAPIError as exc:
        if isinstance(exc.orig, psycopg.Error):
            raise exc.orig from None
        raise
