"""Checking a submitted GeoJSON geometry: structure, type, dimensions, validity, and that it is in Vietnam.

Validity is PostGIS's verdict (not shapely's), so the same polygon gets the same answer here, in the
database constraints and in any SQL a GIS person runs. Nothing is repaired unless the caller asks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from gisapp.errors import InvalidGeometry
from gisapp.sql import load_sql

POLYGONAL = ("POLYGON", "MULTIPOLYGON")
TYPE_NAMES = {"POLYGON": "Polygon", "MULTIPOLYGON": "MultiPolygon", "POINT": "Point"}
# Mainland and islands (Hoàng Sa, Trường Sa); a point outside is a swapped axis or the wrong CRS.
VIETNAM_BOX = (102.0, 7.0, 118.0, 24.0)


def geometry_text(geometry: Any) -> str:
    if not isinstance(geometry, dict) or "type" not in geometry or "coordinates" not in geometry:
        raise InvalidGeometry("'geometry' must be a GeoJSON geometry object with 'type' and 'coordinates'.")
    return json.dumps(geometry)


def check_polygon(
    session: Session, geometry: Any, *, repair: bool = False, what: str = "A growing area"
) -> str:
    """Return the GeoJSON text to store (repaired only when `repair`), or raise with what and where."""
    return check_geometry(session, geometry, POLYGONAL, what=what, repair=repair)


def check_point(session: Session, geometry: Any, *, what: str = "A feature of this layer") -> str:
    """The GeoJSON text of a 2D point [longitude, latitude] in Vietnam, or raise saying what is wrong."""
    return check_geometry(session, geometry, ("POINT",), what=what)


def check_geometry(
    session: Session, geometry: Any, kinds: Sequence[str], *, what: str, repair: bool = False
) -> str:
    """Like `check_polygon` for any of `kinds` (PostGIS type names, e.g. POINT); `what` names the feature."""
    text = geometry_text(geometry)
    try:
        with session.begin_nested():
            row = session.execute(load_sql("gisapp.services", "check_geometry"), {"geojson": text}).one()
    except DBAPIError as exc:
        raise InvalidGeometry(f"The geometry is not valid GeoJSON: {_first_line(exc)}.") from None
    if row.empty:
        raise InvalidGeometry("The geometry is empty.")
    if row.kind not in kinds:
        allowed = " or ".join(TYPE_NAMES.get(kind, kind.title()) for kind in kinds)
        raise InvalidGeometry(f"{what} must be a {allowed}, not a {row.kind.title()}.")
    if row.dims != 2:
        raise InvalidGeometry("Coordinates must be 2D [longitude, latitude]; remove the heights.")
    _check_in_vietnam(row.west, row.south, row.east, row.north)
    if not row.valid:
        if repair:
            return text
        raise InvalidGeometry(
            f"The polygon is invalid: {row.reason} at longitude {row.where_x:.6f}, "
            f"latitude {row.where_y:.6f}. "
            "Fix it, or send make_valid=true to let PostGIS repair it."
        )
    return text


def _check_in_vietnam(west: float, south: float, east: float, north: float) -> None:
    min_lon, min_lat, max_lon, max_lat = VIETNAM_BOX
    if min_lon <= west and east <= max_lon and min_lat <= south and north <= max_lat:
        return
    swapped = min_lat <= west and east <= max_lat and min_lon <= south and north <= max_lon
    hint = (
        " The coordinates look like [latitude, longitude]: GeoJSON needs [longitude, latitude]."
        if swapped
        else " Is it in another coordinate system (VN-2000 metres?)? GeoJSON needs WGS 84 degrees."
    )
    raise InvalidGeometry(
        f"The geometry lies outside Vietnam (bounds {west:.4f}, {south:.4f}, {east:.4f}, {north:.4f}).{hint}"
    )


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig).splitlines()[0] if exc.orig else "unreadable"
