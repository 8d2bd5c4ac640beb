"""The rules for writing a water-supply work through the one write path (services/feature_writes.py).

A work is a point (intake or plant) in Vietnam; its service area, a polygon, is an extra property
stored in `water_work_areas` and published by the `water_work_service_areas` layer. The latest
test status is never written here: a trigger keeps it from the tests.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, InvalidInput
from gisapp.models import WaterWork, WaterWorkArea
from gisapp.models.water_work import MANAGEMENT_MODELS, SUSTAINABILITY, WATER_SOURCES, WORK_TYPES
from gisapp.services.geometry_checks import check_point, check_polygon
from gisapp.services.layer_rules import LayerRules, check_required_and_choices, geojson_sql
from gisapp.services.principal import Principal

REQUIRED = ("name", "work_type", "water_source")
CHOICES = {
    "work_type": WORK_TYPES,
    "water_source": WATER_SOURCES,
    "management_model": MANAGEMENT_MODELS,
    "sustainability": SUSTAINABILITY,
}
# Upper bounds only keep values inside their columns; the largest real works are far below them.
RANGES = {
    "design_capacity_m3_day": 10_000_000,
    "actual_capacity_m3_day": 10_000_000,
    "households_served": 100_000_000,
    "people_served": 100_000_000,
    "tariff_vnd_per_m3": 10_000_000,
}
FIRST_YEAR = 1900


class WaterWorkRules(LayerRules):
    extra_properties = frozenset({"service_area"})
    public_extra_properties = frozenset({"service_area"})

    def __init__(self) -> None:
        super().__init__(WaterWork)

    def checked_geometry(self, session: Session, geometry: Any, repair: bool) -> str:
        return check_point(session, geometry, what="Công trình cấp nước / a water-supply work")

    def geometry_sql(self, text: str, repair: bool) -> Any:
        return geojson_sql(text)

    def clean(self, session: Session, values: dict[str, Any], feature_id: int | None) -> dict[str, Any]:
        cleaned = dict(values)
        check_required_and_choices(cleaned, feature_id, REQUIRED, CHOICES, "a water-supply work")
        _check_numbers(cleaned)
        if cleaned.get("code") is not None:
            cleaned["code"] = _unique_code(session, cleaned["code"], feature_id)
        if cleaned.get("service_area") is not None:
            text = check_polygon(session, cleaned["service_area"], what="Vùng phục vụ / a service area")
            cleaned["service_area"] = text
        return cleaned

    def new_row_values(
        self, principal: Principal, commune: str | None, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {"created_by_user_id": principal.user_id}

    def write_extra(self, session: Session, feature_id: int, values: dict[str, Any]) -> None:
        if "service_area" not in values:
            return
        session.execute(delete(WaterWorkArea).where(WaterWorkArea.water_work_id == feature_id))
        if values["service_area"] is not None:
            shape = func.ST_Multi(func.ST_SetSRID(func.ST_GeomFromGeoJSON(values["service_area"]), 4326))
            session.execute(insert(WaterWorkArea).values(water_work_id=feature_id, geom=shape))

    def read_extra(self, session: Session, feature_id: int) -> dict[str, Any]:
        found = session.execute(
            select(func.ST_AsGeoJSON(WaterWorkArea.geom, 7)).where(WaterWorkArea.water_work_id == feature_id)
        ).scalar()
        return {"service_area": json.loads(found) if found else None}


def _check_numbers(values: dict[str, Any]) -> None:
    for name, highest in RANGES.items():
        if values.get(name) is not None and not 0 <= Decimal(str(values[name])) <= highest:
            raise InvalidInput(f"'{name}' must be between 0 and {highest:,}; got {values[name]}.")
    rate = values.get("loss_rate_pct")
    if rate is not None and not 0 <= rate <= 100:
        raise InvalidInput(f"'loss_rate_pct' is a percentage between 0 and 100; got {rate}.")
    year = values.get("year_built")
    if year is not None and not FIRST_YEAR <= year <= date.today().year:
        raise InvalidInput(f"'year_built' must be between {FIRST_YEAR} and this year; got {year}.")


def _unique_code(session: Session, raw: Any, feature_id: int | None) -> str:
    code = str(raw).strip()
    if not code:
        raise InvalidInput("'code' cannot be blank; leave it out or send null if the work has none.")
    taken = session.execute(
        select(WaterWork.id).where(
            func.lower(WaterWork.code) == code.lower(), WaterWork.id.is_distinct_from(feature_id)
        )
    ).scalar()
    if taken is not None:
        raise Conflict(f"Mã {code} đã dùng / code {code} already belongs to water-supply work {taken}.")
    return code
