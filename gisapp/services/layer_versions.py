"""Per-layer version and ETag: bumped by any write to the tables behind the layer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, String, bindparam, cast, func, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.models import TableVersion


def version_expression() -> ColumnElement[Any]:
    """Sum of the versions of the tables in `:version_tables`; versions only grow, so the sum does.

    The table names travel as one comma-separated text value: the tile path runs this thousands of
    times a second, and psycopg inspects every element of a list parameter on each call.
    """
    tables = func.string_to_array(bindparam("version_tables", type_=String), ",")
    total = select(func.coalesce(func.sum(TableVersion.version), 0)).where(
        TableVersion.table_name == func.any(tables)
    )
    return cast(total.scalar_subquery(), BigInteger)


def layer_version(session: Session, layer: Layer) -> int:
    found = session.execute(select(version_expression()), {"version_tables": ",".join(layer.base_tables)})
    return int(found.scalar_one())


def layer_etag(layer: Layer, version: int) -> str:
    """A strong ETag for anything derived only from the layer's rows and its file."""
    return f'"{layer.id}-{layer.fingerprint}-{version}"'


def known_version(layer: Layer, if_none_match: str | None) -> int | None:
    """The layer version a client's `If-None-Match` names, if it names one of this layer file."""
    if not if_none_match:
        return None
    prefix = f'"{layer.id}-{layer.fingerprint}-'
    for tag in if_none_match.split(","):
        tag = tag.strip().removeprefix("W/")
        if tag.startswith(prefix) and tag.endswith('"') and tag[len(prefix) : -1].isdigit():
            return int(tag[len(prefix) : -1])
    return None
