"""Season records of a growing area: the plan at the start of a season, the actual yield at its end.

QĐ 3156 asks for crop, variety, area, expected yield, harvest time and market when a season starts,
and the actual yield when it ends. The plan is kept as recorded: the end of a season changes only
the harvest date, the actual yield and the note. Writers are agriculture officers (and admins)
whose scope holds the area; every write is audited in the same transaction.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import NotFound
from gisapp.models import Crop, GrowingArea, GrowingAreaSeason, User
from gisapp.services import audit
from gisapp.services.authorization import require_write
from gisapp.services.principal import Principal
from gisapp.services.record_input import FieldProblem, day_problems, require_no_problems

PLAN_AHEAD = timedelta(days=366)  # a season may be recorded up to a year before it starts
HARVEST_AHEAD = timedelta(days=5 * 366)  # perennial crops: the first harvest can be years away
ENTITY = "growing_area_seasons"


class SeasonEnd(BaseModel):
    """What the end of a season records; null clears a value recorded by mistake."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    harvested_on: date | None = Field(default=None, description="end of harvest")
    actual_yield_t: Decimal | None = Field(
        default=None, ge=0, lt=Decimal(10**9), description="tonnes harvested in total"
    )
    note: str | None = Field(default=None, max_length=2000)


class SeasonIn(SeasonEnd):
    """A season as recorded at its start (a past season may carry its end at once)."""

    label: str | None = Field(default=None, max_length=100, description="e.g. 'Vụ Đông Xuân 2026'")
    crop: str = Field(min_length=1, max_length=100, description="a name from GET /api/crops")
    variety: str | None = Field(default=None, max_length=100)
    area_ha: Decimal = Field(gt=0, lt=Decimal(10**8), description="area cropped this season")
    started_on: date
    expected_yield_t_per_ha: Decimal = Field(ge=0, lt=Decimal(10**7), description="tonnes per hectare")
    expected_harvest_on: date | None = None
    expected_market: str | None = Field(default=None, max_length=200)


def _locked_area(session: Session, area_id: int) -> GrowingArea:
    area = session.execute(
        select(GrowingArea).where(GrowingArea.id == area_id).with_for_update(read=True)
    ).scalar_one_or_none()
    if area is None:
        raise NotFound(f"Không có vùng trồng {area_id} / no growing area with id {area_id}.")
    return area


def _end_problems(started_on: date, end: SeasonEnd, today: date) -> list[FieldProblem]:
    problems = day_problems("harvested_on", end.harvested_on, today=today)
    if end.harvested_on is not None and end.harvested_on < started_on:
        problems.append(
            FieldProblem(
                "harvested_on",
                f"Ngày thu hoạch {end.harvested_on} trước ngày bắt đầu vụ {started_on} / the harvest "
                f"date {end.harvested_on} is before the season started ({started_on})",
            )
        )
    if (end.actual_yield_t is None) != (end.harvested_on is None):
        missing = "harvested_on" if end.harvested_on is None else "actual_yield_t"
        problems.append(
            FieldProblem(
                missing,
                "Ghi cả ngày thu hoạch và sản lượng thực tế / give both the harvest date and the "
                "actual yield (tonnes)",
            )
        )
    return problems


def _plan_problems(session: Session, area: GrowingArea, season: SeasonIn, today: date) -> list[FieldProblem]:
    problems = day_problems("started_on", season.started_on, today=today, latest=today + PLAN_AHEAD)
    if session.get(Crop, season.crop) is None:
        problems.append(
            FieldProblem(
                "crop",
                f"Không có cây trồng '{season.crop}' trong danh mục / unknown crop '{season.crop}': "
                "choose one from the crop catalogue (GET /api/crops)",
            )
        )
    if season.area_ha > area.area_ha:
        problems.append(
            FieldProblem(
                "area_ha",
                f"Diện tích vụ {season.area_ha} ha lớn hơn diện tích vùng trồng {area.area_ha} ha / the "
                f"season's area ({season.area_ha} ha) is larger than the growing area ({area.area_ha} ha)",
            )
        )
    harvest = season.expected_harvest_on
    if harvest is not None and harvest < season.started_on:
        problems.append(
            FieldProblem(
                "expected_harvest_on",
                f"Ngày thu hoạch dự kiến {harvest} trước ngày bắt đầu vụ {season.started_on} / the "
                f"expected harvest ({harvest}) is before the season starts ({season.started_on})",
            )
        )
    problems += day_problems("expected_harvest_on", harvest, today=today, latest=today + HARVEST_AHEAD)
    return problems + _end_problems(season.started_on, season, today)


def create(
    session: Session, layer: Layer, principal: Principal, area_id: int, season: SeasonIn, today: date
) -> dict[str, Any]:
    area = _locked_area(session, area_id)
    require_write(session, principal, layer, area.commune_code)
    require_no_problems(_plan_problems(session, area, season, today))
    row = GrowingAreaSeason(growing_area_id=area_id, created_by_user_id=principal.user_id, **dict(season))
    session.add(row)
    session.flush()
    after = as_json(session, row)
    audit.record(
        session, principal, entity=ENTITY, entity_id=str(row.id), action="create", before=None, after=after
    )
    return after


def record_end(
    session: Session,
    layer: Layer,
    principal: Principal,
    area_id: int,
    season_id: int,
    end: SeasonEnd,
    today: date,
) -> dict[str, Any]:
    """Record (or correct) the harvest date, actual yield and note; only the fields sent change."""
    area = _locked_area(session, area_id)
    require_write(session, principal, layer, area.commune_code)
    row = session.execute(
        select(GrowingAreaSeason)
        .where(GrowingAreaSeason.id == season_id, GrowingAreaSeason.growing_area_id == area_id)
        .with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(
            f"Vùng trồng {area_id} không có vụ {season_id} / growing area {area_id} has no "
            f"season {season_id}."
        )
    sent = end.model_fields_set
    if not sent:
        require_no_problems(
            [FieldProblem("", "Không có gì để ghi / send harvested_on, actual_yield_t or note")]
        )
    merged = SeasonEnd(
        harvested_on=end.harvested_on if "harvested_on" in sent else row.harvested_on,
        actual_yield_t=end.actual_yield_t if "actual_yield_t" in sent else row.actual_yield_t,
        note=end.note if "note" in sent else row.note,
    )
    require_no_problems(_end_problems(row.started_on, merged, today))
    before = as_json(session, row)
    row.harvested_on, row.actual_yield_t, row.note = merged.harvested_on, merged.actual_yield_t, merged.note
    session.flush()
    after = as_json(session, row)
    audit.record(
        session, principal, entity=ENTITY, entity_id=str(row.id), action="update", before=before, after=after
    )
    return after


def listing(session: Session, area_id: int) -> list[dict[str, Any]]:
    """Newest season first."""
    rows = session.execute(
        select(GrowingAreaSeason)
        .where(GrowingAreaSeason.growing_area_id == area_id)
        .order_by(GrowingAreaSeason.started_on.desc(), GrowingAreaSeason.id.desc())
    ).scalars()
    return [as_json(session, row) for row in rows]


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def as_json(session: Session, row: GrowingAreaSeason) -> dict[str, Any]:
    """The season as the API answers and the audit keeps it; `expected_total_t` is area × yield."""
    recorder = session.get(User, row.created_by_user_id) if row.created_by_user_id else None
    return {
        "id": row.id,
        "growing_area_id": row.growing_area_id,
        "label": row.label,
        "crop": row.crop,
        "variety": row.variety,
        "area_ha": _number(row.area_ha),
        "started_on": _day(row.started_on),
        "expected_yield_t_per_ha": _number(row.expected_yield_t_per_ha),
        "expected_total_t": round(float(row.area_ha) * float(row.expected_yield_t_per_ha), 3),
        "expected_harvest_on": _day(row.expected_harvest_on),
        "expected_market": row.expected_market,
        "harvested_on": _day(row.harvested_on),
        "actual_yield_t": _number(row.actual_yield_t),
        "note": row.note,
        "recorded_by": recorder.username if recorder else None,
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "updated_at": row.updated_at.isoformat() if row.updated_at else None,
    }
