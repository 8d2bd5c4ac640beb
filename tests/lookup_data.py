"""Picking demo growing areas and GPS points for the lookup and verification tests (read in the test's
transaction, so rows a test changed are seen as changed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

ISOLATION_M = 400  # no other plot this close: a point 20 m or 200 m away finds this one or none


@dataclass(frozen=True)
class Area:
    id: int
    code: str | None
    name: str
    status: str


def area_with_status(session: Session, status: str, *, offset: int = 0) -> Area:
    row = session.execute(
        text(
            "SELECT id, code, name, status FROM growing_areas WHERE status = :s ORDER BY id OFFSET :o LIMIT 1"
        ),
        {"s": status, "o": offset},
    ).one()
    return Area(*row)


def isolated_area(session: Session, status: str = "issued") -> Area:
    """A plot of this status with no other plot (of any status) within ISOLATION_M metres."""
    row = session.execute(
        text(
            "SELECT a.id, a.code, a.name, a.status FROM growing_areas AS a WHERE a.status = :s"
            " AND NOT EXISTS (SELECT 1 FROM growing_areas AS b WHERE b.id <> a.id"
            " AND ST_DWithin(a.geom::geography, b.geom::geography, :m)) ORDER BY a.id LIMIT 1"
        ),
        {"s": status, "m": ISOLATION_M},
    ).one()
    return Area(*row)


def point_inside(session: Session, area_id: int) -> tuple[float, float]:
    row = session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM"
            " (SELECT ST_PointOnSurface(geom) AS p FROM growing_areas WHERE id = :i) AS s"
        ),
        {"i": area_id},
    ).one()
    return float(row[0]), float(row[1])


def point_east_of(session: Session, area_id: int, metres: float) -> tuple[float, float]:
    """A point `metres` due east of the plot's easternmost vertex: that far from the plot, no nearer."""
    row = session.execute(
        text(
            "WITH v AS (SELECT (ST_DumpPoints(geom)).geom AS p FROM growing_areas WHERE id = :i),"
            " east AS (SELECT p FROM v ORDER BY ST_X(p) DESC LIMIT 1),"
            " moved AS (SELECT ST_Project(p::geography, :m, radians(90))::geometry AS q FROM east)"
            " SELECT ST_X(q), ST_Y(q) FROM moved"
        ),
        {"i": area_id, "m": metres},
    ).one()
    return float(row[0]), float(row[1])


def set_columns(session: Session, area_id: int, **values: object) -> None:
    """UPDATE one demo row inside the test's transaction (the client sees it; rolled back after)."""
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    statement = text(f"UPDATE growing_areas SET {assignments} WHERE id = :id")  # names from the test's code
    session.execute(statement, {**values, "id": area_id})
