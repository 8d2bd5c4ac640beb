"""Which tiles and bboxes the cases ask for: drawn from the data with a fixed seed, same for every server.

Random plots are drawn with `TABLESAMPLE BERNOULLI … REPEATABLE (seed)` and shuffled with the same
seed; each plot's point on surface gives one tile per zoom (morecantile) and one bbox for items.
Tiles are de-duplicated, so a zoom gets up to `TILES_PER_ZOOM` distinct tiles where the data is:
at z6 Vietnam has only a handful, at z15 every tile is a different one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import morecantile
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.dataset import BenchDatabase

POINTS = 5_000
TILES_PER_ZOOM = 300
BBOXES = 300
BBOX_DEGREES = 0.05

Tile = tuple[int, int, int]  # z, x, y (the order morecantile and tipg use)
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Workload:
    """Tiles per zoom and bboxes for items, in the order the load tool cycles through them."""

    tiles: dict[int, list[Tile]]
    bboxes: list[BBox]

    def describe(self) -> dict[str, object]:
        return {
            "tiles_per_zoom": {str(z): len(t) for z, t in self.tiles.items()},
            "bboxes": len(self.bboxes),
            "bbox_degrees": BBOX_DEGREES,
        }


def sample_points(database: BenchDatabase, seed: int, count: int = POINTS) -> list[tuple[float, float]]:
    """Points on surface of about `count` random plots, in a seeded random order."""
    engine = create_engine(database.url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            rows = int(connection.execute(text("SELECT count(*) FROM growing_areas")).scalar_one())
            if rows == 0:
                raise RuntimeError("the benchmark database holds no growing areas")
            percent = min(100.0, 150.0 * count / rows)
            query = text(
                "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM growing_areas"
                " TABLESAMPLE BERNOULLI (:percent) REPEATABLE (:seed)) AS s"
            )
            found = connection.execute(query, {"percent": percent, "seed": seed}).all()
    finally:
        engine.dispose()
    points = [(float(lon), float(lat)) for lon, lat in found]
    random.Random(seed).shuffle(points)
    return points[:count]


def build_workload(points: list[tuple[float, float]], zooms: tuple[int, ...]) -> Workload:
    tms = morecantile.tms.get("WebMercatorQuad")
    tiles: dict[int, list[Tile]] = {}
    for z in zooms:
        distinct: dict[Tile, None] = {}
        for lon, lat in points:
            tile = tms.tile(lon, lat, z)
            distinct[(z, tile.x, tile.y)] = None
            if len(distinct) == TILES_PER_ZOOM:
                break
        tiles[z] = list(distinct)
    half = BBOX_DEGREES / 2
    bboxes = [(lon - half, lat - half, lon + half, lat + half) for lon, lat in points[:BBOXES]]
    return Workload(tiles=tiles, bboxes=bboxes)
