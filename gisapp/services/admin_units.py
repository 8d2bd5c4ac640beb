"""Names and codes of the administrative units in force (2025), for scopes and pickers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, cast, func, select
from sqlalchemy.orm import Session

from gisapp.models import AdminUnit

OUTLINE_DECIMALS = 5  # about a metre: enough for a sketch of a commune, a tenth of the bytes
COLUMNS = (AdminUnit.level, AdminUnit.code, AdminUnit.name, AdminUnit.unit_type, AdminUnit.parent_code)


@dataclass(frozen=True)
class UnitName:
    level: str  # province or commune
    code: str
    name: str
    unit_type: str  # Tỉnh, Thành phố, Xã, Phường, Đặc khu
    province_code: str | None  # a commune's province


def list_units(session: Session, province: str | None = None) -> list[UnitName]:
    """The 34 provinces, or the communes of one province, by name."""
    query = select(*COLUMNS).where(AdminUnit.valid_to.is_(None))
    if province is None:
        query = query.where(AdminUnit.level == "province")
    else:
        query = query.where(AdminUnit.level == "commune", AdminUnit.parent_code == province)
    rows = session.execute(query.order_by(AdminUnit.name, AdminUnit.code)).all()
    return [UnitName(*row) for row in rows]


def find_units(session: Session, level: str, codes: Iterable[str]) -> dict[str, UnitName]:
    """Units in force of one level with these codes, by code (codes not found are absent)."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    query = select(*COLUMNS).where(
        AdminUnit.valid_to.is_(None), AdminUnit.level == level, AdminUnit.code.in_(wanted)
    )
    return {row.code: UnitName(*row) for row in session.execute(query).all()}


def scope_units(session: Session, provinces: Iterable[str], communes: Iterable[str]) -> list[UnitName]:
    """A scope as named units, provinces first; codes no longer in force keep the code as name."""
    result: list[UnitName] = []
    for level, codes in (("province", sorted(set(provinces))), ("commune", sorted(set(communes)))):
        found = find_units(session, level, codes)
        result += [found.get(code, UnitName(level, code, code, "", None)) for code in codes]
    return result


def commune_outline(session: Session, code: str | None) -> dict[str, Any] | None:
    """The boundary of a commune in force as GeoJSON (rounded to about a metre), for sketches."""
    if not code:
        return None
    geometry = cast(func.ST_AsGeoJSON(AdminUnit.geom, OUTLINE_DECIMALS), JSON)
    found: dict[str, Any] | None = session.execute(
        select(geometry).where(
            AdminUnit.level == "commune", AdminUnit.code == code, AdminUnit.valid_to.is_(None)
        )
    ).scalar()
    return found
