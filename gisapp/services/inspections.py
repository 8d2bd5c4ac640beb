"""Inspection records of a growing area, and the area's "last inspected" date they move forward.

`growing_areas.last_inspected_on` is public (the verification page shows it) and is part of every
stored version. So an inspection that moves it forward changes the growing area like any other
write does, in the same transaction: the row version goes up (an edit loaded before the inspection
gets a 412 and reloads), the change is audited and a new version is kept for `?at=`. An inspection
older than the date already recorded (entered late) leaves the growing area as it is.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import NotFound
from gisapp.models import GrowingArea, GrowingAreaInspection, User
from gisapp.services import audit, growing_area_versions
from gisapp.services.authorization import require_write
from gisapp.services.feature_writes import snapshot
from gisapp.services.inspection_input import PESTICIDE_LISTS, InspectionIn, inspection_problems
from gisapp.services.principal import Principal
from gisapp.services.record_input import require_no_problems

ENTITY = "growing_area_inspections"
JSON_LISTS = (*PESTICIDE_LISTS, "pests", "samples")


def create(
    session: Session, layer: Layer, principal: Principal, area_id: int, inspection: InspectionIn, today: date
) -> dict[str, Any]:
    """Store the inspection; the area row is locked first, so it queues behind (or ahead of) edits."""
    area = session.execute(
        select(GrowingArea).where(GrowingArea.id == area_id).with_for_update()
    ).scalar_one_or_none()
    if area is None:
        raise NotFound(f"Không có vùng trồng {area_id} / no growing area with id {area_id}.")
    require_write(session, principal, layer, area.commune_code)
    require_no_problems(inspection_problems(inspection, today))
    row = GrowingAreaInspection(
        growing_area_id=area_id,
        created_by_user_id=principal.user_id,
        **inspection.model_dump(exclude=set(JSON_LISTS)),
        **inspection.model_dump(mode="json", include=set(JSON_LISTS)),  # JSONB: dates as ISO text
    )
    session.add(row)
    session.flush()
    after = as_json(session, row)
    audit.record(
        session, principal, entity=ENTITY, entity_id=str(row.id), action="create", before=None, after=after
    )
    _advance_last_inspected(session, layer, principal, area, inspection.inspected_on)
    return after


def _advance_last_inspected(
    session: Session, layer: Layer, principal: Principal, area: GrowingArea, day: date
) -> None:
    if area.last_inspected_on is not None and area.last_inspected_on >= day:
        return
    before = snapshot(session, layer, area.id)
    area.last_inspected_on = day
    area.row_version += 1
    session.flush()
    after = snapshot(session, layer, area.id)
    audit.record(
        session,
        principal,
        entity=layer.id,
        entity_id=str(area.id),
        action="update",
        before=before,
        after=after,
    )
    growing_area_versions.record(session, area.id, after, principal)


def listing(session: Session, area_id: int) -> list[dict[str, Any]]:
    """Newest inspection first."""
    rows = session.execute(
        select(GrowingAreaInspection)
        .where(GrowingAreaInspection.growing_area_id == area_id)
        .order_by(GrowingAreaInspection.inspected_on.desc(), GrowingAreaInspection.id.desc())
    ).scalars()
    return [as_json(session, row) for row in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


COLUMNS = tuple(InspectionIn.model_fields)


def as_json(session: Session, row: GrowingAreaInspection) -> dict[str, Any]:
    """The inspection as the API answers and the audit keeps it."""
    recorder = session.get(User, row.created_by_user_id) if row.created_by_user_id else None
    return {
        "id": row.id,
        "growing_area_id": row.growing_area_id,
        **{name: _plain(getattr(row, name)) for name in COLUMNS},
        "recorded_by": recorder.username if recorder else None,
        "created_at": row.created_at.isoformat() if row.created_at else None,
    }
