"""The rules for writing a member household's plot through the one write path.

EUDR (Regulation 2023/1115) geolocation: a plot of more than 4 ha must be a polygon; one of 4 ha or
less may be a point, and then its declared area must say so. A plot lies inside its growing area
(up to `GISAPP_PLOT_TOLERANCE_M` past the boundary, for GPS error); the household it is linked to
must be a member of that area. Coordinates are stored as sent (double precision) and served with 7
decimals, beyond EUDR's 6.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.errors import InvalidInput
from gisapp.models import GrowingArea, GrowingAreaHousehold, HouseholdPlot
from gisapp.models.household_plot import POINT_MAX_HA
from gisapp.services.geometry_checks import check_geometry
from gisapp.services.layer_rules import Change, LayerRules, geojson_sql
from gisapp.services.principal import Principal
from gisapp.settings import Settings
from gisapp.sql import load_sql

KINDS = ("POLYGON", "MULTIPOLYGON", "POINT")
LARGEST_PLOT_HA = Decimal(10_000)
PLACING_PROPERTIES = frozenset({"growing_area_id", "declared_area_ha", "household_id"})


class HouseholdPlotRules(LayerRules):
    def __init__(self) -> None:
        super().__init__(HouseholdPlot)

    def checked_geometry(self, session: Session, geometry: Any, repair: bool) -> str:
        return check_geometry(session, geometry, KINDS, what="A household plot", repair=repair)

    def geometry_sql(self, text: str, repair: bool) -> Any:
        if _is_point(text):
            return geojson_sql(text)
        return super().geometry_sql(text, repair)

    def clean(self, session: Session, values: dict[str, Any], feature_id: int | None) -> dict[str, Any]:
        cleaned = dict(values)
        if isinstance(cleaned.get("label"), str):
            cleaned["label"] = cleaned["label"].strip()
        if cleaned.get("declared_area_ha") is not None:
            cleaned["declared_area_ha"] = _area(cleaned["declared_area_ha"])
        area_id = cleaned.get("growing_area_id")
        if area_id is not None and session.get(GrowingArea, area_id) is None:
            raise InvalidInput(f"Không có vùng trồng #{area_id} / no growing area has id {area_id}.")
        return cleaned

    def check(self, session: Session, settings: Settings, change: Change) -> None:
        if not (change.feature_id is None or change.geometry_changed or change.changed & PLACING_PROPERTIES):
            return
        properties = change.properties
        label = properties.get("label") or f"#{change.feature_id}"
        area_id = int(properties["growing_area_id"])
        _check_household(session, properties.get("household_id"), area_id, label)
        if _is_point(change.geojson):
            _check_point_size(properties.get("declared_area_ha"), label)
        _check_inside(session, settings, change.geojson, area_id, label)

    def new_row_values(
        self, principal: Principal, commune: str | None, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {"created_by_user_id": principal.user_id}


def _is_point(geojson: str) -> bool:
    return bool(json.loads(geojson).get("type") == "Point")


def _area(value: Any) -> Decimal:
    try:
        area = Decimal(str(value))
    except InvalidOperation:
        raise InvalidInput(f"'declared_area_ha' must be a number of hectares, got {value!r}.") from None
    if not area.is_finite() or not 0 < area <= LARGEST_PLOT_HA:
        raise InvalidInput(
            f"Diện tích khai báo không hợp lệ / 'declared_area_ha' must be more than 0 and at most "
            f"{LARGEST_PLOT_HA} ha, got {value}."
        )
    return area.quantize(Decimal("0.0001"))


def _check_household(session: Session, household_id: Any, area_id: int, label: str) -> None:
    if household_id is None:
        return
    owner = session.execute(
        select(GrowingAreaHousehold.growing_area_id).where(GrowingAreaHousehold.id == household_id)
    ).scalar()
    if owner != area_id:
        raise InvalidInput(
            f"Hộ #{household_id} không thuộc vùng trồng #{area_id} / plot '{label}': household "
            f"{household_id} is not a member household of growing area {area_id}."
        )


def _check_point_size(declared: Any, label: str) -> None:
    if declared is None:
        raise InvalidInput(
            f"'{label}' là một điểm: cần diện tích khai báo / plot '{label}' is a point: give its "
            f"declared_area_ha (a point is allowed only for plots of {POINT_MAX_HA} ha or less, EUDR)."
        )
    area = Decimal(str(declared)).normalize()
    if area > POINT_MAX_HA:
        raise InvalidInput(
            f"'{label}' rộng {area:f} ha: trên {POINT_MAX_HA} ha phải vẽ ranh giới / plot "
            f"'{label}' is {area:f} ha: plots over {POINT_MAX_HA} ha must be mapped as a polygon, "
            "not a point (EUDR, Regulation 2023/1115)."
        )


def _check_inside(session: Session, settings: Settings, geojson: str, area_id: int, label: str) -> None:
    row = session.execute(
        load_sql("gisapp.services", "plot_outside_area"),
        {"geojson": geojson, "area_id": area_id, "tolerance_m": settings.plot_tolerance_m},
    ).one()
    if row.inside:
        return
    area = row.code or row.export_code or f"#{row.id}"
    if _is_point(geojson):
        how_far = f"{row.distance_m:,.1f} m beyond the boundary"
    else:
        how_far = f"{row.outside_m2:,.0f} m² of it beyond the boundary"
    raise InvalidInput(
        f"'{label}' nằm ngoài vùng trồng {area} / plot '{label}' lies outside its growing area "
        f"{area} ('{row.name}'): {how_far} (tolerance {settings.plot_tolerance_m:g} m)."
    )
