"""Risk from pollution sources: growing areas and water intakes within a geodesic distance.

The distance is the caller's `within_m`, or by default the source type's distance kept as data
(`pollution_risk_distances`, the same one the `pollution_buffers` layer draws). Anonymous callers
see growing areas the growing_areas layer publishes, and only its public fields.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import InvalidParameter
from gisapp.models import PollutionRiskDistance
from gisapp.services.pollution_samples import source_or_404
from gisapp.services.principal import Principal
from gisapp.sql import load_sql

MAX_WITHIN_M = 50_000
AREA_FIELDS = ("id", "code", "name", "crop", "status", "area_ha", "commune_code")


def check_within(within_m: float | None) -> float | None:
    if within_m is not None and not 0 < within_m <= MAX_WITHIN_M:
        raise InvalidParameter(
            f"'within_m' must be more than 0 and at most {MAX_WITHIN_M} metres; got {within_m:g}.",
            parameter="within_m",
        )
    return within_m


def distances(session: Session) -> dict[str, int]:
    """The default risk distance (m) of each source type."""
    rows = session.execute(select(PollutionRiskDistance.source_type, PollutionRiskDistance.distance_m))
    return {str(kind): int(metres) for kind, metres in rows}


def _statuses(areas: Layer, reader: Principal | None) -> list[str] | None:
    published = areas.config.published_rows
    return list(published.values) if reader is None and published is not None else None


def _area_rows(
    session: Session,
    areas: Layer,
    reader: Principal | None,
    *,
    within_m: float | None,
    since: date | None = None,
    source_id: int | None = None,
) -> list[Any]:
    parameters = {
        "within_m": check_within(within_m),
        "since": since,
        "source_id": source_id,
        "statuses": _statuses(areas, reader),
        "with_geometry": source_id is not None,  # one source's areas are few: the map outlines them
    }
    return list(session.execute(load_sql("gisapp.services", "risk_growing_areas"), parameters))


def growing_areas_at_risk(
    session: Session, areas: Layer, reader: Principal | None, *, since: date, within_m: float | None
) -> dict[str, Any]:
    """Growing areas near sources with an exceedance on or after `since`, nearest source first."""
    found: dict[int, dict[str, Any]] = {}
    for row in _area_rows(session, areas, reader, within_m=within_m, since=since):
        area = found.setdefault(row.id, _area(row) | {"sources": []})
        area["sources"].append(
            {
                "id": row.source_id,
                "name": row.source_name,
                "source_type": row.source_type,
                "last_exceedance_on": row.last_exceedance_on.isoformat(),
                "within_m": float(row.reach),
                "distance_m": round(float(row.distance_m), 1),
            }
        )
    listed = sorted(found.values(), key=lambda a: (a["sources"][0]["distance_m"], a["id"]))
    return {
        "exceedance_since": since.isoformat(),
        "within_m": within_m,
        "default_within_m": None if within_m is not None else distances(session),
        "numberReturned": len(listed),
        "growing_areas": listed,
    }


def _area(row: Any) -> dict[str, Any]:
    area = {name: getattr(row, name) for name in AREA_FIELDS}
    area["area_ha"] = float(area["area_ha"]) if area["area_ha"] is not None else None
    return area


def nearby(
    session: Session, areas: Layer, reader: Principal | None, source_id: int, within_m: float | None
) -> dict[str, Any]:
    """The growing areas and water-supply works within one source's distance, nearest first."""
    source = source_or_404(session, source_id)
    reach = within_m if within_m is not None else distances(session).get(source.source_type)
    area_rows = _area_rows(session, areas, reader, within_m=within_m, source_id=source_id)
    works = session.execute(
        load_sql("gisapp.services", "risk_water_works"), {"source_id": source_id, "within_m": within_m}
    )
    return {
        "pollution_source_id": source_id,
        "source_type": source.source_type,
        "within_m": reach,
        "growing_areas": [
            _area(row) | {"distance_m": round(float(row.distance_m), 1), "geometry": json.loads(row.geojson)}
            for row in sorted(area_rows, key=lambda r: (r.distance_m, r.id))
        ],
        "water_works": [
            {
                "id": row.id,
                "code": row.code,
                "name": row.name,
                "work_type": row.work_type,
                "water_source": row.water_source,
                "latest_test_status": row.latest_test_status,
                "commune_code": row.commune_code,
                "distance_m": round(float(row.distance_m), 1),
            }
            for row in works
        ],
    }
