"""Table versions pushed by PostgreSQL (LISTEN/NOTIFY), so a tile cache hit needs no round trip.

The version trigger notifies `gisapp_table_versions` with `table:version` at commit. This feed
listens, keeps the latest versions in memory and says "unknown" whenever it is not connected, in
which case callers ask the database as before. A notification arrives a few milliseconds after the
commit; until then a cached tile may be served with the previous version's ETag.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from psycopg import AsyncConnection

from gisapp.services.read_pool import libpq_url

CHANNEL = "gisapp_table_versions"
log = logging.getLogger("gisapp.versions")


class VersionFeed:
    def __init__(self, url: str) -> None:
        self._url = libpq_url(url)
        self._versions: dict[str, int] = {}
        self._live = False
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    def current(self, tables: tuple[str, ...]) -> int | None:
        """The layer version for these tables, or None while the feed is not live."""
        if not self._live:
            return None
        return sum(self._versions.get(table, 0) for table in tables)

    async def start(self, wait_s: float = 5.0) -> None:
        self._task = asyncio.create_task(self._run(), name="gisapp-version-feed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._ready.wait(), wait_s)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        delay = 0.5
        while True:
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("table version feed lost (%s); retrying in %.1f s", exc, delay)
            self._live = False
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)

    async def _listen(self) -> None:
        async with await AsyncConnection.connect(self._url, autocommit=True) as connection:
            await connection.execute(f"LISTEN {CHANNEL}")
            # Read after LISTEN, so no change between the two is missed.
            cursor = await connection.execute("SELECT table_name, version FROM table_versions")
            self._versions = {str(name): int(version) for name, version in await cursor.fetchall()}
            self._live = True
            self._ready.set()
            async for notice in connection.notifies():
                self._apply(notice.payload)

    def _apply(self, payload: str) -> None:
        table, _, version = payload.rpartition(":")
        if table and version.isdigit():
            self._versions[table] = max(int(version), self._versions.get(table, 0))
