"""Mapbox Vector Tiles made by ST_AsMVT, generalised for the zoom, public properties only.

The tile envelope is turned into the layer's SRID (never every geometry into the tile's), so the
spatial index on the stored column is what finds the features.
"""

from __future__ import annotations

import math

from sqlalchemy import ColumnElement, Float, Select, cast, func, literal, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.services.tile_matrix import TileBounds

WEB_MERCATOR = 3857
FULL_DETAIL_ZOOM = 14


def simplify_tolerance(bounds: TileBounds, extent: int) -> float:
    """One tile-grid cell, in degrees, at the tile's latitude: finer detail cannot be drawn anyway."""
    west, south, east, north = bounds.lonlat
    cell = (east - west) / extent
    return cell * math.cos(math.radians((south + north) / 2))


def tile_statement(layer: Layer, bounds: TileBounds, *, extent: int, buffer: int) -> Select[bytes]:
    rel = layer.relation
    srid = layer.config.source.srid
    geometry: ColumnElement[object] = rel.c[layer.geometry_column]

    west, south, east, north = bounds.lonlat
    margin = (east - west) * buffer / extent
    search: ColumnElement[object] = func.ST_MakeEnvelope(
        west - margin, max(south - margin, -85.06), east + margin, min(north + margin, 85.06), 4326
    )
    if srid != 4326:
        search = func.ST_Transform(search, srid)

    drawn = geometry
    if bounds.z < FULL_DETAIL_ZOOM and srid == 4326:
        drawn = func.ST_Simplify(geometry, simplify_tolerance(bounds, extent), True)
    mvt_geometry = func.ST_AsMVTGeom(
        func.ST_Transform(drawn, WEB_MERCATOR),
        func.ST_MakeEnvelope(*bounds.mercator, WEB_MERCATOR),
        extent,
        buffer,
        True,
    ).label("mvt_geom")

    columns: list[ColumnElement[object]] = [mvt_geometry]
    integer_id = layer.config.source.id_type == "integer"
    if integer_id:
        columns.append(rel.c[layer.id_column].label("mvt_id"))
    for prop in layer.properties:
        value = rel.c[prop.name]
        # MVT has no decimal type: numerics would travel as strings.
        columns.append(cast(value, Float).label(prop.name) if prop.type == "number" else value)
    rows = select(*columns).where(geometry.op("&&")(search)).cte("mvt_rows")

    arguments: list[ColumnElement[object]] = [
        rows.table_valued(),
        literal(layer.id),
        literal(extent),
        literal("mvt_geom"),
    ]
    if integer_id:
        arguments.append(literal("mvt_id"))
    return select(func.ST_AsMVT(*arguments))


def render_tile(session: Session, layer: Layer, bounds: TileBounds, *, extent: int, buffer: int) -> bytes:
    """The tile's bytes; empty when no feature touches it."""
    statement = tile_statement(layer, bounds, extent=extent, buffer=buffer)
    data: bytes | None = session.execute(statement).scalar()
    return bytes(data) if data else b""
