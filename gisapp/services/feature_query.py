"""Parsing OGC API Features query parameters into a checked query; every refusal names the parameter."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from gisapp.catalog import Layer
from gisapp.catalog.config import Property
from gisapp.errors import InvalidParameter
from gisapp.services.sql_limits import MAX_OFFSET, fits_bigint

BBox = tuple[float, float, float, float]
FORMAT_VALUES = {"json", "geojson", "application/geo+json", "application/json"}
ITEMS_PARAMETERS = {"limit", "offset", "bbox", "bbox-crs", "crs", "f", "datetime"}
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


@dataclass(frozen=True)
class FeatureQuery:
    limit: int
    offset: int = 0
    bbox: BBox | None = None
    filters: dict[str, object] = field(default_factory=dict)


def single_values(params: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Query parameters as a dict, refusing a parameter given twice."""
    values: dict[str, str] = {}
    for name, value in params:
        if name in values:
            raise InvalidParameter(f"Parameter '{name}' is given more than once.", parameter=name)
        values[name] = value
    return values


def check_known(values: dict[str, str], allowed: set[str]) -> None:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise InvalidParameter(
            f"Unknown query parameter '{unknown[0]}'. Allowed here: {', '.join(sorted(allowed))}.",
            parameter=unknown[0],
        )


def check_format(values: dict[str, str]) -> None:
    fmt = values.get("f")
    if fmt is not None and fmt.lower() not in FORMAT_VALUES:
        raise InvalidParameter(f"Parameter 'f': format '{fmt}' is not offered; use f=json.", parameter="f")


def check_crs(values: dict[str, str]) -> None:
    """OGC API Features Part 2 parameters: only CRS84 (lon/lat WGS 84) is offered for now."""
    for name in ("crs", "bbox-crs"):
        crs = values.get(name)
        if crs is not None and crs != CRS84:
            raise InvalidParameter(f"Parameter '{name}': only {CRS84} is supported.", parameter=name)


def parse_items_query(
    layer: Layer, params: Sequence[tuple[str, str]], *, default_limit: int, max_limit: int
) -> FeatureQuery:
    values = single_values(params)
    filterable = {p.name: p for p in layer.config.filterable}
    check_known(values, ITEMS_PARAMETERS | set(filterable))
    check_format(values)
    check_crs(values)
    if "datetime" in values:
        raise InvalidParameter(
            f"Parameter 'datetime': collection '{layer.id}' has no temporal property to filter on.",
            parameter="datetime",
        )
    limit = _positive_int(values, "limit", default_limit, minimum=1)
    return FeatureQuery(
        limit=min(limit, max_limit),
        offset=_positive_int(values, "offset", 0, minimum=0, maximum=MAX_OFFSET),
        bbox=parse_bbox(values["bbox"]) if "bbox" in values else None,
        filters={name: _typed(filterable[name], values[name]) for name in values if name in filterable},
    )


def parse_bbox(text: str) -> BBox:
    """`minLon,minLat,maxLon,maxLat` in WGS 84; 6 values (with heights) use the horizontal part."""
    parts = text.split(",")
    if len(parts) not in (4, 6):
        raise InvalidParameter(
            f"Parameter 'bbox': expected 4 numbers 'minLon,minLat,maxLon,maxLat', got {len(parts)} values.",
            parameter="bbox",
        )
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise InvalidParameter(
            f"Parameter 'bbox': '{text}' holds a value that is not a number.", parameter="bbox"
        ) from None
    if not all(math.isfinite(n) for n in numbers):
        raise InvalidParameter("Parameter 'bbox': values must be finite numbers.", parameter="bbox")
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    west, south, east, north = numbers
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise InvalidParameter(
            "Parameter 'bbox': longitudes must lie between -180 and 180.", parameter="bbox"
        )
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        hint = " (are latitude and longitude swapped?)" if -90 <= west <= 90 and -90 <= east <= 90 else ""
        raise InvalidParameter(
            f"Parameter 'bbox': latitudes must lie between -90 and 90{hint}.", parameter="bbox"
        )
    if south > north:
        raise InvalidParameter(
            f"Parameter 'bbox': the southern edge ({south}) is north of the northern edge ({north}).",
            parameter="bbox",
        )
    return west, south, east, north


def _positive_int(
    values: dict[str, str], name: str, default: int, *, minimum: int, maximum: int | None = None
) -> int:
    """`maximum` refuses larger values (an offset); without one the caller caps them (a limit)."""
    if name not in values:
        return default
    try:
        number = int(values[name])
    except ValueError:
        raise InvalidParameter(
            f"Parameter '{name}': '{values[name]}' is not a whole number.", parameter=name
        ) from None
    if number < minimum:
        raise InvalidParameter(
            f"Parameter '{name}' must be at least {minimum}, got {number}.", parameter=name
        )
    if maximum is not None and number > maximum:
        raise InvalidParameter(f"Parameter '{name}' must be at most {maximum}, got {number}.", parameter=name)
    return number


def _typed(prop: Property, raw: str) -> object:
    try:
        value = _parsed(prop.type, raw)
    except (ValueError, KeyError):
        value = None
    if value is None:
        raise InvalidParameter(
            f"Parameter '{prop.name}': '{raw}' is not a valid {prop.type}.", parameter=prop.name
        )
    return value


def _parsed(kind: str, raw: str) -> object:
    """The value typed as the property; None when it is out of what PostgreSQL can compare."""
    if kind == "integer":
        whole = int(raw)
        return whole if fits_bigint(whole) else None
    if kind == "number":
        number = float(raw)
        return number if math.isfinite(number) else None
    if kind == "boolean":
        return {"true": True, "false": False}[raw.lower()]
    if kind == "date":
        return date.fromisoformat(raw)
    return raw
