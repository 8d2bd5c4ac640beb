"""Per-layer version and ETag: bumped by any write to the tables behind the layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, String, bindparam, cast, func, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.models import TableVersion
from gisapp.services.entity_tags import ANY, entity_tags


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


GZIP_TAG_SUFFIX = "-gzip"
BIGINT_DIGITS = 18  # any longer and a hostile tag could overflow the version's bigint in SQL


@dataclass(frozen=True)
class KnownTag:
    """What a client's `If-None-Match` says it holds: a layer version, and in which coding."""

    version: int | None  # None: `If-None-Match: *`, any version (RFC 9110 13.1.2)
    gzip: bool


def layer_etag(layer: Layer, version: int, *, gzip: bool = False) -> str:
    """A strong ETag for anything derived only from the layer's rows and its file. The gzip coding of
    an answer gets a tag of its own (RFC 9110 8.8.3): a cache that revalidates one coding must not be
    told it holds the other's bytes."""
    return f'"{layer.id}-{layer.fingerprint}-{version}{GZIP_TAG_SUFFIX if gzip else ""}"'


def known_tag(layer: Layer, if_none_match: str | None) -> KnownTag | None:
    """The first tag in a client's `If-None-Match` that names a version of this layer file, or any
    version for `*` (a client that only wants to know the tile exists)."""
    if not if_none_match:  # most requests: nothing to read
        return None
    tags = entity_tags(if_none_match)
    if tags == [ANY]:
        return KnownTag(None, gzip=False)
    prefix = f'"{layer.id}-{layer.fingerprint}-'
    for tag in tags:
        if not (tag.startswith(prefix) and tag.endswith('"')):
            continue
        version = tag[len(prefix) : -1]
        gzip = version.endswith(GZIP_TAG_SUFFIX)
        version = version.removesuffix(GZIP_TAG_SUFFIX)
        if version.isascii() and version.isdigit() and len(version) <= BIGINT_DIGITS:
            return KnownTag(int(version), gzip)
    return None
