"""Reads straight through libpq, adapted by psycopg: the database client of tiles and lookups.

psycopg's cursor cost a z15 tile about 150,000 instructions in the worker: its generators and
cursor state, the bytea's hex text decoded, and, under uvloop, a new poll handle for every wait on
the socket (nine system calls). This keeps psycopg's adaptation (its own Transformer, with the
connection's loaders, dumps the parameters and loads the rows) and replaces the rest: each statement
is prepared once per connection through libpq, the socket is watched for the connection's whole life,
and a tile's row comes in binary. One worker's instructions per z15 tile fell by a quarter
(bench/README.md, "The database client"). The bench's ceiling reads through it too, so the ratio to
the ceiling still measures only what HTTP adds.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from psycopg import AsyncConnection, OperationalError
from psycopg.adapt import PyFormat, Transformer
from psycopg.errors import error_from_result
from psycopg.pq import ExecStatus, Format
from psycopg.pq.abc import PGresult

from gisapp.services.driver_sql import DriverQuery

PREPARED_PER_CONNECTION = 64  # past this the oldest is deallocated: catalog reloads make new SQL
# Connection options for a DirectLink's connection: each statement planned once, at its first run.
# Left to choose, PostgreSQL planned every z14-z15 tile and every name search afresh (its estimates
# favour custom plans there), which took longer than running them; the generic plans use the same
# indexes (tests/db/test_generic_plans.py) and a z14 tile takes half the time (bench/README.md).
PLANNED_ONCE = "-c plan_cache_mode=force_generic_plan"
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%|%")
_StatementKey = tuple[str, tuple[int, ...]]  # driver SQL and parameter types: one prepared statement


@dataclass(frozen=True)
class NativeStatement:
    """Driver SQL in PostgreSQL's own form: `$n` placeholders, and the parameter name of each."""

    sql: bytes
    names: tuple[str, ...]
    formats: tuple[PyFormat, ...]  # what psycopg's `%(name)s` asks for each: its choice of format


@lru_cache(maxsize=256)
def native_statement(sql: str) -> NativeStatement:
    """psycopg's `%(name)s` placeholders as `$n` (a name used twice keeps its number), `%%` as `%`;
    the driver SQL services/driver_sql.py compiles has no other kind."""
    names: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        text, name = match.group(0), match.group(1)
        if text == "%%":
            return "%"
        if name is None:
            raise ValueError(f"unsupported placeholder at character {match.start()}: use %(name)s or %%")
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    native = _PLACEHOLDER.sub(placeholder, sql).encode()
    return NativeStatement(native, tuple(names), (PyFormat.AUTO,) * len(names))


def check_one_row(count: int) -> None:
    if count != 1:
        raise RuntimeError(f"the query returned {count} rows, not one")


class DirectLink:
    """Direct reads on one psycopg connection, one at a time; nothing else may use the connection."""

    def __init__(self, connection: AsyncConnection[Any]) -> None:
        self.connection = connection
        self._pgconn = connection.pgconn
        self._adapt = Transformer(connection)  # after the connection's loaders are set: it copies them
        self._prepared: dict[_StatementKey, bytes] = {}  # statement names, oldest first
        self._serial = 0
        self._waiter: asyncio.Future[None] | None = None
        self._watched: int | None = None  # the socket, while watched
        self._loop = asyncio.get_running_loop()

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        """Exactly one row, in binary: a tile's bytes arrive as they are, not as hex text."""
        result = await self._execute(query, Format.BINARY)
        check_one_row(result.ntuples)
        return self._adapt.load_row(0, tuple)

    async def fetch_rows(self, query: DriverQuery) -> list[tuple[Any, ...]]:
        """All rows, in text: the Python values psycopg's cursor would give, whatever the types."""
        result = await self._execute(query, Format.TEXT)
        return self._adapt.load_rows(0, result.ntuples, tuple)

    async def close(self) -> None:
        self._release_socket()  # before the socket closes, or the loop watches a dead descriptor
        await self.connection.close()

    async def _execute(self, query: DriverQuery, result_format: Format) -> PGresult:
        statement = native_statement(query.sql)
        adapt = self._adapt
        values = adapt.dump_sequence([query.params[name] for name in statement.names], statement.formats)
        types, formats = adapt.types or (), adapt.formats
        name = self._prepared.get((query.sql, types))
        if name is None:
            name = await self._prepare((query.sql, types), statement)
        self._pgconn.send_query_prepared(name, values, formats, result_format)
        result = await self._result()
        if result.status != ExecStatus.TUPLES_OK:
            raise error_from_result(result)
        adapt.set_pgresult(result)
        return result

    async def _prepare(self, key: _StatementKey, statement: NativeStatement) -> bytes:
        if len(self._prepared) >= PREPARED_PER_CONNECTION:
            oldest = self._prepared.pop(next(iter(self._prepared)))
            self._pgconn.send_query(b"DEALLOCATE " + oldest)
            await self._command_ok()
        self._serial += 1
        name = f"gisapp_direct_{self._serial}".encode()
        self._pgconn.send_prepare(name, statement.sql, key[1])
        await self._command_ok()
        self._prepared[key] = name
        return name

    async def _command_ok(self) -> None:
        result = await self._result()
        if result.status != ExecStatus.COMMAND_OK:
            raise error_from_result(result)

    async def _result(self) -> PGresult:
        """The result of the command just sent. libpq wants every result taken, up to the final
        None, before the next command, and each may need the socket again; none is read while it
        would block."""
        self._watch()
        await self._flush()
        found: PGresult | None = None
        while True:
            if self._pgconn.is_busy():
                self._waiter = self._loop.create_future()
                try:
                    await self._waiter
                finally:
                    self._waiter = None
            result = self._pgconn.get_result()
            if result is None:
                break
            if found is None or result.status in (ExecStatus.FATAL_ERROR, ExecStatus.NONFATAL_ERROR):
                found = result
        if found is None:
            raise OperationalError("the server sent no result")
        return found

    def _watch(self) -> None:
        if self._watched is None:
            socket = self._pgconn.socket  # raises OperationalError on a closed connection
            self._loop.add_reader(socket, self._on_readable)
            self._watched = socket

    def _release_socket(self) -> None:
        if self._watched is not None:
            self._loop.remove_reader(self._watched)
            self._watched = None

    def _on_readable(self) -> None:
        waiter = self._waiter
        try:
            self._pgconn.consume_input()
        except OperationalError as error:
            self._release_socket()  # a closed socket stays readable: watching on would spin
            if waiter is not None and not waiter.done():
                waiter.set_exception(error)
            return
        if waiter is not None and not waiter.done() and not self._pgconn.is_busy():
            waiter.set_result(None)

    async def _flush(self) -> None:
        """Send what libpq still holds; only a full kernel buffer makes this wait, which a read's
        few hundred bytes never fill."""
        while self._pgconn.flush():
            writable: asyncio.Future[None] = self._loop.create_future()
            self._loop.add_writer(self._pgconn.socket, _settle, writable)
            try:
                await writable
            finally:
                self._loop.remove_writer(self._pgconn.socket)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():  # the loop may call a ready writer again before the waiting task runs
        future.set_result(None)
