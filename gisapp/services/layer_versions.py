"""Per-layer version and ETag: bumped by any write to the tables behind the layer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.sql import load_sql


def layer_version(session: Session, layer: Layer) -> int:
    statement = load_sql("gisapp.services", "layer_version")
    return int(session.execute(statement, {"tables": list(layer.base_tables)}).scalar_one())


def layer_etag(session: Session, layer: Layer) -> str:
    """A strong ETag for anything derived only from the layer's rows and its file."""
    return f'"{layer.id}-{layer.fingerprint}-{layer_version(session, layer)}"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or etag in candidates
