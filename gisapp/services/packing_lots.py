"""Recording the lots a packing house packs, each with its mass-balance verdict (services/mass_balance.py).

A lot's sources must supply that packing house (services/packing_suppliers.py) and hold a code:
issued, or suspended (recorded, flagged). Lots are recorded by agriculture officers in the packing
house's scope, only for an issued (or suspended, flagged) packing house. The seasons a lot draws
on are locked while it is recorded, so two lots recorded at once cannot both use the same yield.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Conflict, InvalidInput, NotFound
from gisapp.models import (
    GrowingArea,
    GrowingAreaSeason,
    PackingHouse,
    PackingHouseSupplier,
    PackingLot,
    PackingLotSource,
)
from gisapp.services import audit, mass_balance
from gisapp.services.authorization import require_write
from gisapp.services.lot_input import LotIn, check_day, checked_parts
from gisapp.services.mass_balance import ZERO, Season, Source
from gisapp.services.principal import Principal
from gisapp.settings import Settings

SEASON_OPEN_DAYS = 365  # a season with no recorded harvest end covers at most a year from its start
AFTER_HARVEST_DAYS = 14  # fruit harvested by the recorded end may still be packed for two weeks
PACKING = ("issued", "suspended")


def record(
    session: Session, settings: Settings, layer: Layer, principal: Principal, house_id: int, lot: LotIn
) -> dict[str, Any]:
    """Check, weigh against the seasons, and store one lot with its verdict; all or nothing."""
    house = _packing_house(session, layer, principal, house_id)
    check_day(lot.packed_on, settings.registry_timezone)
    total, parts = checked_parts(lot)
    sources = _sources(session, house_id, lot, parts)
    shares = mass_balance.shares(total, sources)
    balance = mass_balance.verdict(total, lot.packed_on, sources, shares)
    if house.status == "suspended":
        balance["flags"].append(
            {
                "kind": "suspended_packing_house",
                "growing_area_id": None,
                "message": f"Mã cơ sở đóng gói {house.code} đang bị tạm dừng / packing house {house.code}'s "
                "code is suspended.",
            }
        )
        balance["flagged"] = True
    row = _store(session, principal, house_id, lot, total, balance)
    session.add_all(
        PackingLotSource(
            lot_id=row.id,
            growing_area_id=source.growing_area_id,
            season_id=source.season.id if source.season else None,
            weight_kg=share,
            weight_given=source.given_kg is not None,
        )
        for source, share in zip(sources, shares, strict=True)
    )
    session.flush()
    answer = lot_json(row)
    audit.record(
        session,
        principal,
        entity="packing_lots",
        entity_id=str(row.id),
        action="create",
        before=None,
        after=answer,
    )
    return answer


def _sources(session: Session, house_id: int, lot: LotIn, parts: list[Decimal | None]) -> list[Source]:
    """The lot's source areas with the season each draws on and what that season gave already."""
    areas = _linked_areas(session, house_id, [s.growing_area_id for s in lot.sources])
    seasons = _covering_seasons(session, list(areas), lot.packed_on)
    used = _used(session, [season.id for season in seasons.values()])
    sources = []
    for stated, part in zip(lot.sources, parts, strict=True):
        area = areas[stated.growing_area_id]
        season = seasons.get(area.id)
        used_kg = used.get(season.id, ZERO) if season else ZERO
        sources.append(Source(area.id, _label(area), area.status, season, used_kg, part))
    return sources


def _store(
    session: Session, principal: Principal, house_id: int, lot: LotIn, total: Decimal, balance: dict[str, Any]
) -> PackingLot:
    row = PackingLot(
        packing_house_id=house_id,
        lot_number=lot.lot_number,
        packed_on=lot.packed_on,
        total_weight_kg=total,
        flagged=balance["flagged"],
        balance=balance,
        note=lot.note,
        created_by_user_id=principal.user_id,
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def _label(area: Any) -> str:
    return str(area.code or area.export_code or f"#{area.id}")


def _packing_house(session: Session, layer: Layer, principal: Principal, house_id: int) -> PackingHouse:
    house = session.get(PackingHouse, house_id)
    if house is None:
        raise NotFound(f"Không có cơ sở đóng gói #{house_id} / no packing house has id {house_id}.")
    require_write(session, principal, layer, house.commune_code)
    if house.status not in PACKING:
        raise Conflict(
            f"Cơ sở đóng gói đang ở trạng thái '{house.status}' / packing house {house_id} is "
            f"'{house.status}': lots are recorded only for a packing house whose code is issued."
        )
    return house


def _linked_areas(session: Session, house_id: int, area_ids: list[int]) -> dict[int, Any]:
    """The source areas by id; refused, naming them, unless each exists, supplies the house, holds a code."""
    link = and_(
        PackingHouseSupplier.growing_area_id == GrowingArea.id,
        PackingHouseSupplier.packing_house_id == house_id,
    )
    rows = session.execute(
        select(
            GrowingArea.id,
            GrowingArea.code,
            GrowingArea.export_code,
            GrowingArea.status,
            PackingHouseSupplier.packing_house_id.is_not(None).label("linked"),
        )
        .outerjoin(PackingHouseSupplier, link)
        .where(GrowingArea.id.in_(area_ids))
    ).all()
    found = {row.id: row for row in rows}
    problems = [f"#{i}: không có vùng trồng này / no such growing area" for i in area_ids if i not in found]
    problems += [
        f"{_label(r)}: chưa liên kết với cơ sở / does not supply this packing house (link it first)"
        for r in rows
        if not r.linked
    ]
    problems += [
        f"{_label(r)}: mã không còn hiệu lực / is '{r.status}', not an area holding a code"
        for r in rows
        if r.linked and r.status not in PACKING
    ]
    if problems:
        raise InvalidInput("Không ghi được lô / the lot was not recorded: " + "; ".join(problems) + ".")
    return found


def _covering_seasons(session: Session, area_ids: list[int], day: date) -> dict[int, Season]:
    """Per area, the latest season started by `day` that still covers it (see the constants above)."""
    s = GrowingAreaSeason
    covering = or_(
        s.harvested_on >= day - timedelta(days=AFTER_HARVEST_DAYS),
        and_(s.harvested_on.is_(None), s.started_on > day - timedelta(days=SEASON_OPEN_DAYS)),
    )
    rows = session.execute(
        select(s)
        .where(s.growing_area_id.in_(area_ids), s.started_on <= day, covering)
        .order_by(s.growing_area_id, s.started_on.desc(), s.id.desc())
        .ext(distinct_on(s.growing_area_id))
    ).scalars()
    return {
        row.growing_area_id: Season(
            row.id, row.label, row.started_on, row.area_ha, row.expected_yield_t_per_ha
        )
        for row in rows
    }


def _used(session: Session, season_ids: list[int]) -> dict[int, Decimal]:
    """What earlier lots drew from each season; the seasons are locked until this lot is stored."""
    if not season_ids:
        return {}
    session.execute(
        select(GrowingAreaSeason.id)
        .where(GrowingAreaSeason.id.in_(season_ids))
        .order_by(GrowingAreaSeason.id)
        .with_for_update()
    )
    rows = session.execute(
        select(PackingLotSource.season_id, func.sum(PackingLotSource.weight_kg))
        .where(PackingLotSource.season_id.in_(season_ids))
        .group_by(PackingLotSource.season_id)
    ).all()
    return {season_id: Decimal(total) for season_id, total in rows if season_id is not None}


def lot_json(row: PackingLot) -> dict[str, Any]:
    return {
        "id": row.id,
        "packing_house_id": row.packing_house_id,
        "lot_number": row.lot_number,
        "packed_on": row.packed_on.isoformat(),
        "total_weight_kg": float(row.total_weight_kg),
        "total_weight_t": float(row.total_weight_kg / 1000),
        "flagged": row.flagged,
        "balance": row.balance,
        "note": row.note,
        "recorded_by": row.recorded_by,
    }


def listing(
    session: Session, house_id: int, *, flagged: bool | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """A packing house's lots, newest first; `flagged=True` for the ones an inspector should look at."""
    statement = select(PackingLot).where(PackingLot.packing_house_id == house_id)
    if flagged is not None:
        statement = statement.where(PackingLot.flagged.is_(flagged))
    rows = session.execute(
        statement.order_by(PackingLot.packed_on.desc(), PackingLot.id.desc()).limit(limit).offset(offset)
    ).scalars()
    return [lot_json(row) for row in rows]
