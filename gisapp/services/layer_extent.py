"""A layer's bounding box, recomputed only when the layer's version changes."""

from __future__ import annotations

from threading import Lock

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.services.layer_versions import layer_version

Extent = tuple[float, float, float, float]
_cache: dict[str, tuple[int, Extent | None]] = {}
_lock = Lock()


def layer_extent(session: Session, layer: Layer) -> Extent | None:
    """WGS 84 bounds of every feature, or None for an empty layer."""
    version = layer_version(session, layer)
    with _lock:
        cached = _cache.get(layer.id)
    if cached and cached[0] == version:
        return cached[1]
    geometry: ColumnElement[object] = layer.relation.c[layer.geometry_column]
    if layer.config.source.srid != 4326:
        geometry = func.ST_Transform(geometry, 4326)
    extent_query = select(func.ST_Extent(geometry).label("box")).select_from(layer.relation)
    published = layer.published(layer.relation)
    if published is not None:
        extent_query = extent_query.where(published)
    box = extent_query.subquery().c.box
    row = session.execute(
        select(func.ST_XMin(box), func.ST_YMin(box), func.ST_XMax(box), func.ST_YMax(box))
    ).first()
    extent: Extent | None = None
    if row is not None and row[0] is not None:
        extent = (float(row[0]), float(row[1]), float(row[2]), float(row[3]))
    with _lock:
        _cache[layer.id] = (version, extent)
    return extent
