"""Every version of a growing area, so `?at=YYYY-MM-DD` can answer as the registry stood that day.

Versions are written by the write path in the same transaction as the change (never by a later
job), with the same snapshot the audit keeps: properties (private too), households, geometry.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from gisapp.models import GrowingAreaVersion
from gisapp.services.principal import Principal


def record(session: Session, area_id: int, stored: dict[str, Any], principal: Principal | None) -> None:
    """Close the current version and open the new one."""
    now = func.now()
    session.execute(
        update(GrowingAreaVersion)
        .where(GrowingAreaVersion.growing_area_id == area_id, GrowingAreaVersion.valid_to.is_(None))
        .values(valid_to=now)
    )
    session.add(
        GrowingAreaVersion(
            growing_area_id=area_id,
            row_version=int(stored["properties"]["row_version"]),
            status=str(stored["properties"]["status"]),
            valid_from=now,
            feature=stored,
            recorded_by=principal.username if principal else None,
        )
    )
    session.flush()


def end_of_day(day: date, timezone: str) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=ZoneInfo(timezone))


def as_of(session: Session, area_id: int, day: date, timezone: str) -> GrowingAreaVersion | None:
    """The version in force at the end of `day` (local time), or None if the area did not exist yet."""
    return session.execute(
        select(GrowingAreaVersion)
        .where(
            GrowingAreaVersion.growing_area_id == area_id,
            GrowingAreaVersion.valid_from < end_of_day(day, timezone),
        )
        .order_by(GrowingAreaVersion.valid_from.desc(), GrowingAreaVersion.row_version.desc())
        .limit(1)
    ).scalar_one_or_none()


def listing(session: Session, area_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(GrowingAreaVersion)
        .where(GrowingAreaVersion.growing_area_id == area_id)
        .order_by(GrowingAreaVersion.valid_from, GrowingAreaVersion.row_version)
    ).scalars()
    return [
        {
            "row_version": v.row_version,
            "status": v.status,
            "valid_from": v.valid_from.isoformat(),
            "valid_to": v.valid_to.isoformat() if v.valid_to else None,
            "recorded_by": v.recorded_by,
        }
        for v in rows
    ]
