"""What the lookup and overlap-check cases ask for: drawn from the benchmark data with a fixed seed.

Public plots (issued, suspended, revoked) are drawn with `TABLESAMPLE BERNOULLI … REPEATABLE (seed)`,
put in id order and shuffled with the same seed, then turned into requests as people make them:

- codes as stored, in lower case, and with spaces around the hyphens (`vn - 68 - …`);
- GPS points inside the plots (`ST_PointOnSurface`, 6 decimals as a phone gives them);
- names typed without diacritics: the whole name folded, or just the crop and the commune
  (`sau rieng bao loc`), alternately;
- new polygons for the overlap check: a plot's own shape moved east by half its width, so every
  check finds an overlap to report and draw (the expensive answer).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import orjson
from sqlalchemy import Connection, Row, bindparam, create_engine, text
from sqlalchemy.pool import NullPool

from bench.dataset import BenchDatabase
from gisapp.models.growing_area import PUBLIC_STATUSES

REQUESTS_PER_CASE = 300
LOOKUP_PATH = "/api/lookup"
CHECK_PATH = "/api/growing-areas/checks"

SAMPLE_SQL = text(
    "SELECT g.code, g.name, g.crop, g.commune_code, c.name AS commune, ST_X(p) AS lon, ST_Y(p) AS lat,"
    " ST_AsGeoJSON(ST_Translate(g.geom, (ST_XMax(g.geom) - ST_XMin(g.geom)) / 2, 0), 7) AS moved"
    " FROM (SELECT *, ST_PointOnSurface(geom) AS p FROM growing_areas"
    " TABLESAMPLE BERNOULLI (:percent) REPEATABLE (:seed)) AS g"
    " LEFT JOIN admin_units AS c ON c.level = 'commune' AND c.code = g.commune_code AND c.valid_to IS NULL"
    " WHERE g.status IN :public AND g.code IS NOT NULL"
    " ORDER BY g.id"  # the join's order is the plan's: without this, new statistics drew new requests
).bindparams(bindparam("public", PUBLIC_STATUSES, expanding=True))


@dataclass(frozen=True)
class LookupWorkload:
    """Request paths per lookup case, and GeoJSON bodies for the overlap check, in cycling order."""

    code_paths: list[str]
    point_paths: list[str]
    name_paths: list[str]
    check_bodies: list[str]

    def describe(self) -> dict[str, object]:
        return {
            "codes": len(self.code_paths),
            "points": len(self.point_paths),
            "names": len(self.name_paths),
            "check_polygons": len(self.check_bodies),
            "name_examples": [p.split("q=", 1)[1] for p in self.name_paths[:4]],
        }


def fold(value: str) -> str:
    """As typed on a phone without Vietnamese input: no diacritics, đ as d, lower case."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def typed_code(code: str, index: int) -> str:
    """The code as stored, in lower case, or lower case with spaces around the hyphens."""
    if index % 3 == 1:
        return code.lower()
    if index % 3 == 2:
        return code.lower().replace("-", " - ")
    return code


def build_lookup_workload(
    database: BenchDatabase, seed: int, count: int = REQUESTS_PER_CASE
) -> LookupWorkload:
    engine = create_engine(database.url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            plots = sample_plots(connection, seed, count)
    finally:
        engine.dispose()
    if not plots:
        raise RuntimeError("the benchmark database holds no public growing area with a code")
    names = [
        fold(p.name) if i % 2 == 0 else fold(f"{p.crop} {p.commune or ''}").strip()
        for i, p in enumerate(plots)
    ]
    return LookupWorkload(
        code_paths=[f"{LOOKUP_PATH}?code={quote(typed_code(p.code, i))}" for i, p in enumerate(plots)],
        point_paths=[f"{LOOKUP_PATH}?lon={p.lon:.6f}&lat={p.lat:.6f}" for p in plots],
        name_paths=[f"{LOOKUP_PATH}?q={quote(name)}" for name in names],
        check_bodies=[_check_body(p.moved, p.crop, p.commune_code) for p in plots],
    )


def sample_plots(connection: Connection, seed: int, count: int) -> list[Row[Any]]:
    """Up to `count` public plots with a code, the same ones in the same order for the same data and
    seed, whatever plan PostgreSQL picks."""
    rows = int(connection.execute(text("SELECT count(*) FROM growing_areas")).scalar_one())
    percent = min(100.0, 300.0 * count / max(rows, 1))
    plots = list(connection.execute(SAMPLE_SQL, {"percent": percent, "seed": seed}).all())
    random.Random(seed).shuffle(plots)
    return plots[:count]


def _check_body(geometry: str, crop: str, commune: str | None) -> str:
    """One line of JSON: a new plot filed under the commune of the plot it half covers."""
    feature = {
        "type": "Feature",
        "geometry": orjson.loads(geometry),
        "properties": {"crop": crop, "issued_commune_code": commune},
    }
    return orjson.dumps(feature).decode()
