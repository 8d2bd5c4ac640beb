"""Mapbox Vector Tiles made by ST_AsMVT, generalised for the zoom, public properties only.

Feature tiles turn the tile envelope into the layer's SRID (never every geometry into the tile's),
so the spatial index on the stored column finds the features. Below a layer's `overview.max_zoom`
the tile draws per-cell counts instead (see models/growing_area_cell.py). Statements are built
once per layer and variant with bound parameters, so psycopg prepares them on each connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Float,
    Integer,
    Select,
    bindparam,
    case,
    cast,
    column,
    func,
    literal,
    null,
    over,
    select,
    table,
)
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.catalog.config import Overview
from gisapp.models.growing_area_cell import CELLS_PER_TILE, WEB_MERCATOR_HALF_WORLD
from gisapp.services.driver_sql import DriverQuery, driver_sql
from gisapp.services.layer_versions import version_expression
from gisapp.services.tile_matrix import TileBounds

WEB_MERCATOR = 3857
FULL_DETAIL_ZOOM = 14


def _float(name: str) -> BindParameter[float]:
    return bindparam(name, type_=Float)


def _int(name: str) -> BindParameter[int]:
    return bindparam(name, type_=Integer)


def _tile_envelope() -> ColumnElement[Any]:
    return func.ST_MakeEnvelope(
        _float("tile_xmin"), _float("tile_ymin"), _float("tile_xmax"), _float("tile_ymax"), WEB_MERCATOR
    )


def _mvt(rows: Any, layer: Layer, with_id: bool) -> Select[Any]:
    arguments: list[ColumnElement[Any]] = [
        rows.table_valued(),
        literal(layer.id),
        _int("extent"),
        literal("mvt_geom"),
    ]
    if with_id:
        arguments.append(literal("mvt_id"))
    return select(func.ST_AsMVT(*arguments))


_statements: dict[tuple[str, str, str], Select[Any]] = {}


def _cached(layer: Layer, variant: str, build: Callable[[], Select[Any]]) -> Select[Any]:
    """One statement per layer file version and variant; keyed cheaply (no hashing of the config)."""
    key = (layer.id, layer.fingerprint, variant)
    statement = _statements.get(key)
    if statement is None:
        statement = _statements[key] = build()
    return statement


def _feature_statement(layer: Layer, simplify: bool) -> Select[Any]:
    rel = layer.relation
    geometry: ColumnElement[Any] = rel.c[layer.geometry_column]
    # The tile (plus its buffer) in the layer's SRID: one transform per query, none per row.
    search = func.ST_Transform(func.ST_Expand(_tile_envelope(), _float("margin")), layer.config.source.srid)
    drawn = func.ST_Transform(geometry, WEB_MERCATOR)
    if simplify:
        drawn = func.ST_Simplify(drawn, _float("tolerance"), True)
    mvt_geometry = func.ST_AsMVTGeom(drawn, _tile_envelope(), _int("extent"), _int("buffer"), True).label(
        "mvt_geom"
    )
    columns: list[ColumnElement[Any]] = [mvt_geometry]
    integer_id = layer.config.source.id_type == "integer"
    if integer_id:
        columns.append(rel.c[layer.id_column].label("mvt_id"))
    for prop in layer.properties:
        if prop.type == "json":
            continue
        value = rel.c[prop.name]
        # MVT has no decimal type: numerics would travel as strings.
        columns.append(cast(value, Float).label(prop.name) if prop.type == "number" else value)
    rows = select(*columns).where(geometry.op("&&")(search))
    published = layer.published(rel)
    if published is not None:
        rows = rows.where(published)
    return _mvt(rows.cte("mvt_rows"), layer, integer_id)


def _overview_statement(layer: Layer, overview: Overview) -> Select[Any]:
    """The most frequent class of each cell, with totals; cells never cross a tile edge."""
    names = [overview.class_property, "plots"] + [p.name for p in overview.properties if p.name != "plots"]
    cells = table(overview.source, column("zoom"), column("cx"), column("cy"), *(column(n) for n in names))
    cell = (cells.c.cx, cells.c.cy)
    ranked = (
        select(
            cells.c.cx,
            cells.c.cy,
            cells.c[overview.class_property],
            *(over(func.sum(cells.c[p.name]), partition_by=cell).label(p.name) for p in overview.properties),
            over(
                func.row_number(),
                partition_by=cell,
                order_by=(cells.c.plots.desc(), cells.c[overview.class_property]),
            ).label("rank"),
        )
        .where(cells.c.zoom == _int("zoom"))
        .where(cells.c.cx.between(_int("cx_min"), _int("cx_max")))
        .where(cells.c.cy.between(_int("cy_min"), _int("cy_max")))
        .cte("ranked")
    )
    size = _float("cell_size")
    west = -WEB_MERCATOR_HALF_WORLD + ranked.c.cx * size
    north = WEB_MERCATOR_HALF_WORLD - ranked.c.cy * size
    square = func.ST_MakeEnvelope(west, north - size, west + size, north, WEB_MERCATOR)
    props: list[ColumnElement[Any]] = [ranked.c[overview.class_property]]
    for prop in overview.properties:
        value = ranked.c[prop.name]
        props.append(cast(value, Float if prop.type == "number" else Integer).label(prop.name))
    rows = (
        select(func.ST_AsMVTGeom(square, _tile_envelope(), _int("extent"), 0, True).label("mvt_geom"), *props)
        .where(ranked.c.rank == 1)
        .cte("mvt_rows")
    )
    return _mvt(rows, layer, with_id=False)


def _uses_overview(layer: Layer, z: int) -> Overview | None:
    overview = layer.config.overview
    return overview if overview is not None and z <= overview.max_zoom else None


def tile_statement(
    layer: Layer, bounds: TileBounds, *, extent: int, buffer: int
) -> tuple[Select[Any], dict[str, Any]]:
    """The statement for one tile and its parameters (the statement itself is shared and cached)."""
    xmin, ymin, xmax, ymax = bounds.mercator
    params: dict[str, Any] = {
        "tile_xmin": xmin,
        "tile_ymin": ymin,
        "tile_xmax": xmax,
        "tile_ymax": ymax,
        "extent": extent,
    }
    overview = _uses_overview(layer, bounds.z)
    if overview is not None:
        params |= {
            "zoom": bounds.z,
            "cx_min": bounds.x * CELLS_PER_TILE,
            "cx_max": (bounds.x + 1) * CELLS_PER_TILE - 1,
            "cy_min": bounds.y * CELLS_PER_TILE,
            "cy_max": (bounds.y + 1) * CELLS_PER_TILE - 1,
            "cell_size": 2 * WEB_MERCATOR_HALF_WORLD / (2**bounds.z * CELLS_PER_TILE),
        }
        return _cached(layer, _variant(layer, bounds), lambda: _overview_statement(layer, overview)), params
    unit = (xmax - xmin) / extent  # one tile-grid step in metres: finer detail cannot be drawn
    params |= {"buffer": buffer, "margin": unit * buffer, "tolerance": unit}
    simplify = bounds.z < FULL_DETAIL_ZOOM
    return _cached(layer, _variant(layer, bounds), lambda: _feature_statement(layer, simplify)), params


def _variant(layer: Layer, bounds: TileBounds) -> str:
    if _uses_overview(layer, bounds.z):
        return "overview"
    return "simplified" if bounds.z < FULL_DETAIL_ZOOM else "detailed"


def render_tile(session: Session, layer: Layer, bounds: TileBounds, *, extent: int, buffer: int) -> bytes:
    """The tile's bytes; empty when no feature touches it."""
    statement, params = tile_statement(layer, bounds, extent=extent, buffer=buffer)
    data: bytes | None = session.execute(statement, params).scalar()
    return bytes(data) if data else b""


@dataclass(frozen=True)
class VersionedTile:
    version: int
    data: bytes | None  # None: unchanged since the version the client holds


_compiled: dict[tuple[str, str, str, bool], str] = {}


def _driver_query(
    layer: Layer, bounds: TileBounds, extent: int, buffer: int, versioned: bool
) -> tuple[str, dict[str, Any]]:
    """Compiled to driver SQL once per layer, variant and form, so the hot path skips SQLAlchemy
    entirely and psycopg keeps the statement prepared on each connection. Every value left as a
    parameter is one `tile_statement` supplies per tile (the rest are inlined)."""
    statement, params = tile_statement(layer, bounds, extent=extent, buffer=buffer)
    key = (layer.id, layer.fingerprint, _variant(layer, bounds), versioned)
    sql = _compiled.get(key)
    if sql is None:
        sql = _compiled[key] = driver_sql(_with_version(statement) if versioned else statement)
    return sql, params


def tile_query(layer: Layer, bounds: TileBounds, *, extent: int, buffer: int) -> DriverQuery:
    """Just the tile (one column): for callers that already know the layer's version."""
    return DriverQuery(*_driver_query(layer, bounds, extent, buffer, versioned=False))


def versioned_tile_query(
    layer: Layer, bounds: TileBounds, known: int | None, *, extent: int, buffer: int
) -> DriverQuery:
    """Layer version and tile in one round trip; the tile is only made when the client's copy is stale."""
    sql, params = _driver_query(layer, bounds, extent, buffer, versioned=True)
    params |= {
        "version_tables": ",".join(layer.base_tables),
        "known_version": -1 if known is None else known,
    }
    return DriverQuery(sql, params)


def versioned_tile(row: tuple[Any, ...], known: int | None) -> VersionedTile:
    version, data = int(row[0]), row[1]
    if version == known:
        return VersionedTile(version, None)
    return VersionedTile(version, bytes(data) if data else b"")


def _with_version(tile: Select[Any]) -> Select[Any]:
    version = select(version_expression().label("version")).cte("layer_version")
    changed = case((version.c.version == _int("known_version"), null()), else_=tile.scalar_subquery())
    return select(version.c.version, changed)
