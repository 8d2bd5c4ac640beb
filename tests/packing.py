"""Helpers for packing-house, lot and household-plot tests: issued areas with seasons, packing houses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.models import GrowingAreaSeason, PackingHouse
from gisapp.services import lifecycle
from gisapp.services.feature_writes import create_feature, feature_etag, update_feature
from gisapp.services.packing_house_lifecycle import PACKING_HOUSES
from gisapp.services.principal import Principal
from gisapp.settings import PROJECT_ROOT
from tests.places import free_spot
from tests.registry import SETTINGS, decide, decision, new_area, staff

CATALOG = load_catalog(PROJECT_ROOT / "layers")
HOUSES = CATALOG.get("packing_houses")
PLOTS = CATALOG.get("household_plots")


def officers(session: Session) -> tuple[Principal, Principal]:
    """A commune-level drafter holding every Lâm Đồng commune, and a province officer who decides."""
    communes = session.execute(
        text(
            "SELECT code FROM admin_units WHERE level = 'commune' AND parent_code = '68' AND valid_to IS NULL"
        )
    ).scalars()
    drafter = staff(session, "t.ph.drafter", level="commune", provinces=(), communes=tuple(communes))
    return drafter, staff(session, "t.ph.decider")


def house_feature(x: float, y: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [x, y]},
        "properties": {"name": "Cơ sở đóng gói sầu riêng Thử", **properties},
    }


def new_house(
    session: Session, who: Principal, *, skip: int = 0, **properties: Any
) -> tuple[int, dict[str, Any]]:
    """A draft packing house at a point of a Lâm Đồng commune."""
    _, x, y = free_spot(session, "68", skip=skip)
    return create_feature(session, HOUSES, who, house_feature(x, y, **properties), settings=SETTINGS)


def decide_house(session: Session, who: Principal, house_id: int, action: str) -> dict[str, Any]:
    return lifecycle.transition(session, SETTINGS, HOUSES, PACKING_HOUSES, who, house_id, decision(action))


def issued_house(session: Session, drafter: Principal, decider: Principal, code: str = "VN-LDPH-001") -> int:
    house_id, _ = new_house(session, drafter, code=code)
    decide_house(session, drafter, house_id, "submit")
    decide_house(session, decider, house_id, "issue")
    return house_id


def issued_area(session: Session, drafter: Principal, decider: Principal) -> int:
    area_id, _ = new_area(session, drafter)
    decide(session, drafter, area_id, "submit")
    decide(session, decider, area_id, "issue")
    return area_id


def add_season(
    session: Session,
    area_id: int,
    started_on: date,
    area_ha: str,
    yield_t_per_ha: str,
    harvested_on: date | None = None,
) -> int:
    season = GrowingAreaSeason(
        growing_area_id=area_id,
        crop="sầu riêng",
        area_ha=Decimal(area_ha),
        started_on=started_on,
        expected_yield_t_per_ha=Decimal(yield_t_per_ha),
        harvested_on=harvested_on,
    )
    session.add(season)
    session.flush()
    return season.id


def link(session: Session, who: Principal, house_id: int, suppliers: list[int | str]) -> dict[str, Any]:
    """Replace the packing house's suppliers through the write path, as PUT …/suppliers does."""
    house = session.get(PackingHouse, house_id)
    assert house is not None
    session.refresh(house)
    etag = feature_etag(house.row_version)
    return update_feature(session, HOUSES, who, house_id, {"properties": {"suppliers": suppliers}}, etag)
