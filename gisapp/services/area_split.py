"""Split a growing area in two along a line an officer drew across it.

The larger part stays the area it was (its id, code and history); the other becomes a new draft
dossier. Both go through the one write path (services/feature_writes.py) in the caller's single
transaction, so the registry checks, scope, If-Match, audit and versions apply to each part, and a
refusal of either leaves nothing written.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.errors import GEOSException
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping, shape
from shapely.ops import split
from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import InvalidInput
from gisapp.services.authorization import require_write
from gisapp.services.feature_writes import (
    create_feature,
    require_current,
    rules,
    snapshot,
    update_feature,
)
from gisapp.services.principal import Principal
from gisapp.settings import Settings

# What the new draft inherits from the area it was cut from (not codes, markets or households:
# those belong to the coded area until an officer says otherwise).
INHERITED = (
    "crop",
    "variety",
    "standard",
    "representative_name",
    "representative_phone",
    "representative_id_number",
)
NEW_PART_SUFFIX = " – phần tách"
NAME_LIMIT = 300


def _line(value: Any) -> LineString:
    if not isinstance(value, dict) or value.get("type") != "LineString":
        raise InvalidInput(
            "Gửi đường kẻ là một GeoJSON LineString trong 'line' / send the cutting line as a GeoJSON "
            "LineString in 'line'."
        )
    try:
        line = shape(value)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, GEOSException):
        raise InvalidInput(
            "Đường kẻ không đọc được / the line's coordinates cannot be read: give [lon, lat] pairs."
        ) from None
    if not isinstance(line, LineString) or len(line.coords) < 2 or line.length == 0:
        raise InvalidInput("Đường kẻ cần ít nhất hai điểm khác nhau / the line needs two distinct points.")
    if not shapely.is_valid(line) or any(abs(x) > 180 or abs(y) > 90 for x, y in line.coords):
        raise InvalidInput("Đường kẻ có tọa độ ngoài giới hạn / the line has coordinates out of range.")
    return line


def _one_polygon(geometry: dict[str, Any]) -> Polygon:
    area = shape(geometry)
    if isinstance(area, MultiPolygon) and len(area.geoms) == 1:
        area = area.geoms[0]
    if not isinstance(area, Polygon):
        raise InvalidInput(
            "Vùng trồng gồm nhiều mảnh rời: chưa tách được bằng một đường kẻ / the area has several "
            "separate parts; a line can only split an area of one part."
        )
    return area


def split_polygon(geometry: dict[str, Any], line_geojson: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two parts (GeoJSON Polygons, larger first) of a one-part area cut by a line across it."""
    area = _one_polygon(geometry)
    parts = [p for p in split(area, _line(line_geojson)).geoms if isinstance(p, Polygon) and p.area > 0]
    if len(parts) < 2:
        raise InvalidInput(
            "Đường kẻ chưa cắt ngang vùng trồng: hãy kẻ từ ngoài mép bên này sang ngoài mép bên kia / "
            "the line does not cross the area from edge to edge: draw it from outside one side to "
            "outside the other."
        )
    if len(parts) > 2:
        raise InvalidInput(
            f"Đường kẻ cắt vùng trồng thành {len(parts)} phần, chỉ tách được thành 2 / the line cuts the "
            f"area into {len(parts)} parts; a split makes exactly two: cross the area once."
        )
    larger, smaller = sorted(parts, key=lambda p: p.area, reverse=True)
    return _geojson(larger), _geojson(smaller)


def _geojson(polygon: Polygon) -> dict[str, Any]:
    """A GeoJSON Polygon with lists (shapely gives tuples), exterior counter-clockwise (RFC 7946)."""
    oriented = shapely.geometry.polygon.orient(polygon, sign=1.0)
    rings = mapping(oriented)["coordinates"]
    return {"type": "Polygon", "coordinates": [[list(xy) for xy in ring] for ring in rings]}


def _new_part_properties(stored: dict[str, Any], given: Any) -> dict[str, Any]:
    if given is not None and not isinstance(given, dict):
        raise InvalidInput("'properties' (of the new part) must be a JSON object.")
    inherited = {name: stored[name] for name in INHERITED if stored.get(name) is not None}
    name = str(stored.get("name") or "")
    inherited["name"] = name[: NAME_LIMIT - len(NEW_PART_SUFFIX)] + NEW_PART_SUFFIX
    return inherited | (given or {})


def split_area(
    session: Session,
    layer: Layer,
    principal: Principal,
    area_id: int,
    body: Any,
    if_match: str | None,
    *,
    settings: Settings,
) -> tuple[dict[str, Any], int, dict[str, Any]]:
    """(the area as kept, the new draft's id, the new draft) after cutting `area_id` along body['line']."""
    if not isinstance(body, dict) or set(body) - {"line", "properties"}:
        raise InvalidInput('The body is {"line": GeoJSON LineString, "properties": {...} (optional)}.')
    model = rules(layer).model
    row_version = session.execute(
        select(model.row_version).where(model.id == area_id).with_for_update()
    ).scalar_one_or_none()
    stored = snapshot(session, layer, area_id)  # NotFound for an unknown id
    require_write(session, principal, layer, stored["properties"].get("commune_code"))
    require_current(area_id, int(row_version or 0), if_match)
    kept_part, new_part = split_polygon(stored["geometry"], body.get("line"))
    kept = update_feature(
        session, layer, principal, area_id, {"geometry": kept_part}, if_match, settings=settings
    )
    new_feature = {
        "type": "Feature",
        "geometry": new_part,
        "properties": _new_part_properties(stored["properties"], body.get("properties")),
    }
    new_id, created = create_feature(session, layer, principal, new_feature, settings=settings)
    return kept, new_id, created
