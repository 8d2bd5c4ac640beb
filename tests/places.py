"""Places for test plots: inside one commune, clear of every demo growing area."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

FREE_SPOT = text(
    """
    SELECT c.code, ST_X(p.pt), ST_Y(p.pt)
    FROM (SELECT code, geom FROM admin_units
          WHERE level = 'commune' AND valid_to IS NULL AND parent_code = :province
          ORDER BY code OFFSET :skip) AS c
    CROSS JOIN LATERAL generate_series(1, 7) AS i
    CROSS JOIN LATERAL generate_series(1, 7) AS j
    CROSS JOIN LATERAL (
        SELECT ST_SetSRID(ST_MakePoint(
            ST_XMin(c.geom) + (ST_XMax(c.geom) - ST_XMin(c.geom)) * i / 8.0,
            ST_YMin(c.geom) + (ST_YMax(c.geom) - ST_YMin(c.geom)) * j / 8.0), 4326) AS pt
    ) AS p
    WHERE ST_Within(ST_Expand(p.pt, :half * 3), c.geom)
      AND NOT EXISTS (SELECT 1 FROM growing_areas AS g WHERE g.geom && ST_Expand(p.pt, :half * 4))
    LIMIT 1
    """
)


def free_spot(
    session: Session, province: str, half: float = 0.002, skip: int = 0
) -> tuple[str, float, float]:
    """(commune code, lon, lat) where a square of `half` degrees fits in the commune, touching no plot."""
    code, x, y = session.execute(FREE_SPOT, {"province": province, "half": half, "skip": skip}).one()
    return str(code), float(x), float(y)


def square(x: float, y: float, half: float = 0.002) -> dict[str, Any]:
    ring = [
        [x - half, y - half],
        [x + half, y - half],
        [x + half, y + half],
        [x - half, y + half],
        [x - half, y - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}
