"""The one tile matrix set served, WebMercatorQuad, through morecantile (no hand-written tile math)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import morecantile
from morecantile import TileMatrixSet

from gisapp.catalog import Layer
from gisapp.errors import InvalidParameter, NotFound

TILE_MATRIX_SET_ID = "WebMercatorQuad"


@cache
def web_mercator_quad() -> TileMatrixSet:
    return morecantile.tms.get(TILE_MATRIX_SET_ID)


def get_tile_matrix_set(tms_id: str) -> TileMatrixSet:
    if tms_id != TILE_MATRIX_SET_ID:
        raise NotFound(f"Tile matrix set '{tms_id}' is not offered; use {TILE_MATRIX_SET_ID}.")
    return web_mercator_quad()


@dataclass(frozen=True)
class TileBounds:
    """A tile's position and its envelope in Web Mercator metres."""

    z: int
    x: int
    y: int
    mercator: tuple[float, float, float, float]


def tile_bounds(z: int, y: int, x: int) -> TileBounds:
    """Check z/y/x against the matrix and return its bounds (400 naming the bad one)."""
    tms = web_mercator_quad()
    if not tms.minzoom <= z <= tms.maxzoom:
        raise InvalidParameter(
            f"Tile matrix (zoom) {z} is outside {TILE_MATRIX_SET_ID}, "
            f"which has {tms.minzoom} to {tms.maxzoom}.",
            parameter="tileMatrix",
        )
    matrix = tms.matrix(z)
    if not 0 <= y < matrix.matrixHeight:
        raise InvalidParameter(
            f"Tile row {y} is outside zoom {z}, which has rows 0 to {matrix.matrixHeight - 1}.",
            parameter="tileRow",
        )
    if not 0 <= x < matrix.matrixWidth:
        raise InvalidParameter(
            f"Tile column {x} is outside zoom {z}, which has columns 0 to {matrix.matrixWidth - 1}.",
            parameter="tileCol",
        )
    tile = morecantile.Tile(x, y, z)
    return TileBounds(z, x, y, tuple(tms.xy_bounds(tile)))  # type: ignore[arg-type]


def check_layer_zoom(layer: Layer, z: int) -> None:
    """Outside the layer's zoom range the tile does not exist (OGC API Tiles: 404)."""
    zoom = layer.config.zoom
    if not zoom.min <= z <= zoom.max:
        raise NotFound(f"Layer '{layer.id}' has tiles from zoom {zoom.min} to {zoom.max}, not {z}.")
