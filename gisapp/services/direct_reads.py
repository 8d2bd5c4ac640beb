"""One-row reads straight through libpq, results in binary: the tile path's database client.

A tile is one row of one or two columns, yet psycopg's cursor cost each one about 150,000
instructions in the worker: its adapters and generators, the bytea's hex text decoded, and, under
uvloop, a new poll handle for every wait on the socket (eight system calls). This asks libpq itself,
through the psycopg connection's own handle: each statement prepared once per connection, the socket
watched for the connection's whole life, the row taken in binary. That halves the client's cost of a
tile (bench/README.md, "The database client"). The bench's ceiling reads through it too, so the
ratio to the ceiling still measures only what HTTP adds.

Only the column types tiles need are decoded (bytea, integers, text); anything else is refused by
name, not guessed at. Everything else keeps psycopg's cursor, on the same connections.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from psycopg import AsyncConnection, OperationalError
from psycopg.errors import error_from_result
from psycopg.pq import ExecStatus, Format
from psycopg.pq.abc import PGresult

from gisapp.services.driver_sql import DriverQuery

FLOAT8_OID, UNKNOWN_OID = 701, 0
PREPARED_PER_CONNECTION = 64  # past this the oldest is deallocated: catalog reloads make new SQL
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def _signed(data: bytes) -> int:
    return int.from_bytes(data, "big", signed=True)


def _text(data: bytes) -> str:
    return data.decode()


_DECODE: dict[int, Callable[[bytes], Any]] = {  # binary wire forms, by type OID
    17: bytes,  # bytea
    20: _signed,  # int8
    21: _signed,  # int2
    23: _signed,  # int4
    25: _text,  # text
    1043: _text,  # varchar
}


_StatementKey = tuple[str, tuple[int, ...]]  # driver SQL and parameter types: one prepared statement


@dataclass(frozen=True)
class NativeStatement:
    """Driver SQL in PostgreSQL's own form: `$n` placeholders, and the parameter name of each."""

    sql: bytes
    names: tuple[str, ...]


@lru_cache(maxsize=256)
def native_statement(sql: str) -> NativeStatement:
    """psycopg's `%(name)s` placeholders as `$n` (a name used twice keeps its number), `%%` as `%`."""
    names: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return "%"
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return NativeStatement(_PLACEHOLDER.sub(placeholder, sql).encode(), tuple(names))


def parameter_types(values: list[Any]) -> tuple[int, ...]:
    """Floats are declared float8: left to inference, `cx * %(cell_size)s` would make one an integer.
    Every other value's type the server infers from the statement, where the SQL casts it if need be."""
    return tuple(FLOAT8_OID if isinstance(value, float) else UNKNOWN_OID for value in values)


def encode_parameter(name: str, value: Any) -> bytes | None:
    """A parameter in PostgreSQL's text form."""
    if value is None:
        return None
    if isinstance(value, bool):
        return b"t" if value else b"f"
    if isinstance(value, int | float):
        return repr(value).encode()  # repr: the shortest text that reads back to the same float
    if isinstance(value, str):
        return value.encode()
    raise TypeError(f"parameter {name!r}: {type(value).__name__} values are not sent by direct reads")


def decode_row(result: PGresult) -> tuple[Any, ...]:
    if result.ntuples != 1:
        raise RuntimeError(f"the query returned {result.ntuples} rows, not one")
    row: list[Any] = []
    for column in range(result.nfields):
        data = result.get_value(0, column)
        decode = _DECODE.get(result.ftype(column))
        if decode is None:
            oid = result.ftype(column)
            raise TypeError(f"column {column + 1} has type OID {oid}, which direct reads do not decode")
        row.append(None if data is None else decode(data))
    return tuple(row)


class DirectLink:
    """Direct reads on one psycopg connection. The socket stays watched between reads; psycopg's
    cursor, which watches it its own way, may use the connection only after `release_socket()`."""

    def __init__(self, connection: AsyncConnection[Any]) -> None:
        self._connection = connection
        self._pgconn = connection.pgconn
        self._prepared: dict[_StatementKey, bytes] = {}  # statement names, oldest first
        self._serial = 0
        self._waiter: asyncio.Future[None] | None = None
        self._watched: int | None = None  # the socket, while watched
        self._loop = asyncio.get_running_loop()

    async def fetch_row(self, query: DriverQuery) -> tuple[Any, ...]:
        statement = native_statement(query.sql)
        params = [query.params[key] for key in statement.names]
        types = parameter_types(params)
        name = self._prepared.get((query.sql, types))
        if name is None:
            name = await self._prepare((query.sql, types), statement)
        values = [encode_parameter(key, value) for key, value in zip(statement.names, params, strict=True)]
        self._watch()
        self._pgconn.send_query_prepared(name, values, None, Format.BINARY)
        await self._flush()
        result = await self._last_result()
        if result.status != ExecStatus.TUPLES_OK:
            raise error_from_result(result)
        return decode_row(result)

    async def close(self) -> None:
        self.release_socket()  # before the socket closes, or the loop watches a dead descriptor
        await self._connection.close()

    def release_socket(self) -> None:
        """Stop watching the socket: before psycopg's own waits, and before the connection closes."""
        if self._watched is not None:
            self._loop.remove_reader(self._watched)
            self._watched = None

    async def _prepare(self, key: _StatementKey, statement: NativeStatement) -> bytes:
        if len(self._prepared) >= PREPARED_PER_CONNECTION:
            oldest = next(iter(self._prepared))
            await self._command(b"DEALLOCATE " + self._prepared.pop(oldest))
        self._serial += 1
        name = f"gisapp_direct_{self._serial}".encode()
        self._watch()
        self._pgconn.send_prepare(name, statement.sql, key[1])
        await self._flush()
        result = await self._last_result()
        if result.status != ExecStatus.COMMAND_OK:
            raise error_from_result(result)
        self._prepared[key] = name
        return name

    async def _command(self, sql: bytes) -> None:
        self._watch()
        self._pgconn.send_query(sql)
        await self._flush()
        result = await self._last_result()
        if result.status != ExecStatus.COMMAND_OK:
            raise error_from_result(result)

    def _watch(self) -> None:
        if self._watched is None:
            socket = self._pgconn.socket  # raises OperationalError on a closed connection
            self._loop.add_reader(socket, self._on_readable)
            self._watched = socket

    def _on_readable(self) -> None:
        waiter = self._waiter
        try:
            self._pgconn.consume_input()
        except OperationalError as error:
            self.release_socket()  # a closed socket stays readable: watching on would spin
            if waiter is not None and not waiter.done():
                waiter.set_exception(error)
            return
        if waiter is not None and not waiter.done() and not self._pgconn.is_busy():
            waiter.set_result(None)

    async def _last_result(self) -> PGresult:
        """The command's result; libpq wants every result taken, up to the final None, before the
        next command, and each may need the socket again (one is never read while it would block)."""
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

    async def _flush(self) -> None:
        """Send what libpq still holds; a command only waits for the socket when the kernel's buffer
        is full, which a tile query never fills."""
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
