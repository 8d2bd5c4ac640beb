"""The one tile matrix set served, WebMercatorQuad, through morecantile (no hand-written tile math).

morecantile defines the grid; the hot path reads each zoom's origin and tile span from it once and
then only multiplies (morecantile's general `xy_bounds` cost 6 % of a z15 tile request).
"""

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


@dataclass(frozen=True)
class _ZoomGrid:
    """One zoom level of the matrix, as morecantile defines it."""

    columns: int
    rows: int
    left: float
    top: float
    cell_size: float
    tile_width: int
    tile_height: int


@cache
def _zoom_grid(z: int) -> _ZoomGrid:
    tms = web_mercator_quad()
    matrix = tms.matrix(z)
    if matrix.variableMatrixWidths is not None or matrix.cornerOfOrigin != "topLeft":
        raise ValueError(f"{TILE_MATRIX_SET_ID} zoom {z} is not a regular top-left grid")
    first = tms.xy_bounds(morecantile.Tile(0, 0, z))  # its top-left corner is the matrix origin
    return _ZoomGrid(
        matrix.matrixWidth,
        matrix.matrixHeight,
        first.left,
        first.top,
        matrix.cellSize,
        matrix.tileWidth,
        matrix.tileHeight,
    )


def tile_bounds(z: int, y: int, x: int) -> TileBounds:
    """Check z/y/x against the matrix and return its bounds (400 naming the bad one).

    The arithmetic is morecantile's `xy_bounds` for a regular top-left grid, in the same order,
    so the bounds are the same floats (tests/unit/test_tile_matrix.py compares them)."""
    tms = web_mercator_quad()
    if not tms.minzoom <= z <= tms.maxzoom:
        raise InvalidParameter(
            f"Tile matrix (zoom) {z} is outside {TILE_MATRIX_SET_ID}, "
            f"which has {tms.minzoom} to {tms.maxzoom}.",
            parameter="tileMatrix",
        )
    grid = _zoom_grid(z)
    if not 0 <= y < grid.rows:
        raise InvalidParameter(
            f"Tile row {y} is outside zoom {z}, which has rows 0 to {grid.rows - 1}.",
            parameter="tileRow",
        )
    if not 0 <= x < grid.columns:
        raise InvalidParameter(
            f"Tile column {x} is outside zoom {z}, which has columns 0 to {grid.columns - 1}.",
            parameter="tileCol",
        )
    left = grid.left + x * grid.cell_size * grid.tile_width
    right = grid.left + (x + 1) * grid.cell_size * grid.tile_width
    top = grid.top - y * grid.cell_size * grid.tile_height
    bottom = grid.top - (y + 1) * grid.cell_size * grid.tile_height
    return TileBounds(z, x, y, (left, bottom, right, top))


def check_layer_zoom(layer: Layer, z: int) -> None:
    """Outside the layer's zoom range the tile does not exist (OGC API Tiles: 404)."""
    zoom = layer.config.zoom
    if not zoom.min <= z <= zoom.max:
        raise NotFound(f"Layer '{layer.id}' has tiles from zoom {zoom.min} to {zoom.max}, not {z}.")
