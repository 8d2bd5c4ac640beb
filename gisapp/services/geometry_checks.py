"""Checking a submitted GeoJSON geometry: structure, type, dimensions, validity, and that it is in Vietnam.

Validity is PostGIS's verdict (not shapely's), so the same polygon gets the same answer here, in the
database constraints and in any SQL a GIS person runs. Nothing is repaired unless the caller asks.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import psycopg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from gisapp.errors import InvalidGeometry
from gisapp.services.driver_sql import DriverQuery, driver_text
from gisapp.services.read_pool import Reader
from gisapp.sql import load_sql

POLYGONAL = ("POLYGON", "MULTIPOLYGON")
TYPE_NAMES = {"POLYGON": "Polygon", "MULTIPOLYGON": "MultiPolygon", "POINT": "Point"}
# Mainland and islands (Hoàng Sa, Trường Sa); a point outside is a swapped axis or the wrong CRS.
VIETNAM_BOX = (102.0, 7.0, 118.0, 24.0)


def geometry_text(geometry: Any) -> str:
    if not isinstance(geometry, dict) or "type" not in geometry or "coordinates" not in geometry:
        raise InvalidGeometry("'geometry' must be a GeoJSON geometry object with 'type' and 'coordinates'.")
    bad = _first_bad_ordinate(geometry["coordinates"]) if isinstance(geometry["coordinates"], list) else None
    if bad is not None:  # anything but a list PostGIS's parser words well itself
        place, value = bad
        where = "coordinates" + "".join(f"[{index}]" for index in place)
        raise InvalidGeometry(f"{where} is {json.dumps(value)[:40]}, not a finite number.")
    return json.dumps(geometry)


def _first_bad_ordinate(value: Any) -> tuple[list[int], Any] | None:
    """Where the first ordinate that is not a finite number sits, if any: PostGIS's parser reads a
    string ordinate as 0 and 1e400 as infinity, and neither may be stored as if the user had sent it.
    The place is only put together for the answer, so a sound geometry costs one walk and no strings."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _first_bad_ordinate(item)
            if found is not None:
                found[0].insert(0, index)
                return found
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return [], value
    return None


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
        with session.begin_nested():  # a parse error must not end the caller's transaction
            row = session.execute(load_sql("gisapp.services", "check_geometry"), {"geojson": text}).one()
    except DBAPIError as exc:
        raise InvalidGeometry(f"The geometry is not valid GeoJSON: {_first_line(exc.orig)}.") from None
    return _verdict(GeometryFacts(*row), text, kinds, what=what, repair=repair)


async def read_checked_polygon(reader: Reader, geometry: Any, *, what: str = "A growing area") -> str:
    """`check_polygon` through the async read pool (no repair): its connections run each statement
    on its own, so a parse error needs no savepoint."""
    text = geometry_text(geometry)
    query = DriverQuery(driver_text("gisapp.services", "check_geometry"), {"geojson": text})
    try:
        row = await reader.fetch_row(query)
    except psycopg.errors.InternalError_ as exc:  # PostGIS's parser raises XX000
        raise InvalidGeometry(f"The geometry is not valid GeoJSON: {_first_line(exc)}.") from None
    return _verdict(GeometryFacts(*row), text, POLYGONAL, what=what, repair=False)


class GeometryFacts(NamedTuple):
    """One row of services/sql/check_geometry.sql."""

    kind: str
    dims: int
    valid: bool
    reason: str | None
    where_x: float | None
    where_y: float | None
    west: float
    south: float
    east: float
    north: float
    empty: bool


def _verdict(row: GeometryFacts, text: str, kinds: Sequence[str], *, what: str, repair: bool) -> str:
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


def _first_line(error: BaseException | None) -> str:
    return str(error).splitlines()[0] if error else "unreadable"
