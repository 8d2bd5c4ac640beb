"""Helpers for registry tests: staff with real user rows, plots clear of the demo data, decisions."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.services.feature_writes import create_feature
from gisapp.services.principal import Principal
from gisapp.services.registry_lifecycle import TransitionIn, transition
from gisapp.settings import PROJECT_ROOT, Settings
from tests.places import free_spot, square

LAYER = load_catalog(PROJECT_ROOT / "layers").get("growing_areas")
SETTINGS = Settings(environment="test")


def staff(
    session: Session,
    username: str,
    role: str = "agri_officer",
    *,
    level: str | None = "province",
    provinces: tuple[str, ...] = ("68",),
    communes: tuple[str, ...] = (),
) -> Principal:
    """A user row (decisions record who drafted and who decided) and its principal."""
    user_id = session.execute(
        text(
            "INSERT INTO users (username, display_name, password_hash, role, level, scope_provinces, "
            "scope_communes) VALUES (:u, :u, '!', :r, :l, :p, :c) RETURNING id"
        ),
        {"u": username, "r": role, "l": level, "p": list(provinces), "c": list(communes)},
    ).scalar_one()
    return Principal(
        user_id, username, username, role, level, frozenset(provinces), frozenset(communes), "bearer"
    )


def area_feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"name": "Vùng sầu riêng thử nghiệm", "crop": "sầu riêng", **properties},
    }


def new_area(
    session: Session, who: Principal, province: str = "68", *, skip: int = 0, **properties: Any
) -> tuple[int, dict[str, Any]]:
    """A draft growing area of about 19 ha on free ground of the province."""
    _, x, y = free_spot(session, province, skip=skip)
    return create_feature(session, LAYER, who, area_feature(square(x, y), **properties), settings=SETTINGS)


def decision(action: str, **fields: Any) -> TransitionIn:
    defaults: dict[str, Any] = {"reason": "Đủ điều kiện / meets the conditions"}
    if action not in ("submit", "return"):
        defaults |= {
            "document_number": "123/QĐ-TTBVTV",
            "document_date": date(2025, 9, 15),
            "authority": "Chi cục Trồng trọt và BVTV Lâm Đồng",
        }
    return TransitionIn(action=action, **(defaults | fields))


def decide(session: Session, who: Principal, area_id: int, action: str, **fields: Any) -> dict[str, Any]:
    return transition(session, SETTINGS, LAYER, who, area_id, decision(action, **fields))
