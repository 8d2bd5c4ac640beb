"""Statements compiled once to the driver's own SQL, for the hot read paths (tiles, public lookups).

Building and compiling a SQLAlchemy statement costs more than PostgreSQL takes to answer a tile or a
code lookup, so those paths compile each statement shape once and hand psycopg the text, which it
keeps prepared on each connection. Values fixed by the layer (SRIDs, names, published statuses) are
written in as literals by SQLAlchemy's own renderers, never by string formatting; only the values
that change per request stay parameters, because psycopg adapts every parameter on every execution.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ARRAY, BindParameter, ColumnElement, Select, literal_column
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.orm import Session
from sqlalchemy.sql.visitors import replacement_traverse

from gisapp.sql import load_sql

_DIALECT = PGDialect_psycopg()  # type: ignore[no-untyped-call]


@dataclass(frozen=True)
class DriverQuery:
    """SQL text for the driver (psycopg `%(name)s` placeholders) and its parameter values."""

    sql: str
    params: dict[str, Any]


def driver_sql(statement: Select[Any]) -> str:
    """The statement as psycopg's SQL text: bound values inlined, value-less parameters kept."""
    return str(_inline_constants(statement).compile(dialect=_DIALECT))


@cache
def driver_text(package: str, name: str) -> str:
    """A `.sql` file's statement (gisapp/sql.py) as the driver's SQL text, `:name` made `%(name)s`."""
    return str(load_sql(package, name).compile(dialect=_DIALECT))


def fetch_rows_in(session: Session, query: DriverQuery) -> list[tuple[Any, ...]]:
    """The same driver SQL run on an ordinary session, for callers that are not on the async path."""
    return [tuple(row) for row in session.connection().exec_driver_sql(query.sql, query.params)]


def _inline_constants(statement: Select[Any]) -> Select[Any]:
    def literal_for(element: Any, **_: Any) -> ColumnElement[Any] | None:
        if not isinstance(element, BindParameter) or element.value is None or element.callable is not None:
            return None
        if isinstance(element.type, ARRAY):
            render = _renderer(element.type.item_type)
            items = ", ".join(render(item) for item in element.value)
            return literal_column(f"ARRAY[{items}]", element.type)
        return literal_column(_renderer(element.type)(element.value), element.type)

    inlined = replacement_traverse(statement, {}, literal_for)
    return typing.cast("Select[Any]", inlined)


def _renderer(type_: Any) -> Callable[[Any], str]:
    render: Callable[[Any], str] | None = type_.literal_processor(_DIALECT)
    if render is None:
        raise TypeError(f"no SQL literal form for {type_!r}")
    return render
