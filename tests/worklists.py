"""Hand-made registry rows for the table, CSV, queue and sheet tests, in a province with no demo data.

Đắk Lắk (66) holds no demo plot, so officers of that province see exactly the rows a test made.
Statuses and codes are set straight in the row (the lifecycle has its own tests); decisions that the
queues read from the status history go through the lifecycle (`tests.registry.decide`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.models import GrowingAreaInspection
from gisapp.services import tokens
from gisapp.services.principal import Principal
from tests.registry import new_area, staff

PROVINCE = "66"  # Đắk Lắk: no demo plots
TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()  # the registry's today
_serial = count(1)


def officers(session: Session) -> dict[str, Principal]:
    """A drafter and a decider of the province, a viewer, an environment officer, an officer of
    another province, an admin (commune officers: `commune_officer`, once the areas are placed)."""
    return {
        "drafter": staff(session, "wl.soan", provinces=(PROVINCE,)),
        "decider": staff(session, "wl.duyet", provinces=(PROVINCE,)),
        "viewer": staff(session, "wl.xem", role="viewer", level=None, provinces=(PROVINCE,)),
        "env": staff(session, "wl.moitruong", role="env_officer", provinces=(PROVINCE,)),
        "other": staff(session, "wl.tinhkhac", provinces=("68",)),
        "admin": staff(session, "wl.admin", role="admin", level=None, provinces=()),
    }


def commune_officer(session: Session, commune: str, username: str = "wl.xa") -> Principal:
    return staff(session, username, level="commune", provinces=(), communes=(commune,))


def commune_of(session: Session, area_id: int) -> str:
    return str(
        session.execute(
            text("SELECT commune_code FROM growing_areas WHERE id = :i"), {"i": area_id}
        ).scalar_one()
    )


def place(
    session: Session,
    who: Principal,
    *,
    skip: int = 0,
    status: str = "draft",
    code: bool | None = None,
    **properties: Any,
) -> int:
    """A growing area in the province's `skip`-th commune, with this status (and a code when issued)."""
    area_id, _ = new_area(session, who, PROVINCE, skip=skip, **properties)
    has_code = status in ("issued", "suspended", "revoked") if code is None else code
    session.execute(
        text("UPDATE growing_areas SET status = :s, code = :c WHERE id = :i"),
        {"s": status, "c": f"VN-66-WL-{next(_serial):04d}-25" if has_code else None, "i": area_id},
    )
    return area_id


def inspect(
    session: Session,
    area_id: int,
    days_ago: int,
    *,
    next_due_in: int | None = None,
    conclusion: str = "compliant",
) -> None:
    """An inspection `days_ago` days back, with the next one due `next_due_in` days from today."""
    on = TODAY - timedelta(days=days_ago)
    due = TODAY + timedelta(days=next_due_in) if next_due_in is not None else None
    session.add(
        GrowingAreaInspection(
            growing_area_id=area_id,
            inspected_on=on,
            inspector_name="Cán bộ kiểm tra",
            conclusion=conclusion,
            next_inspection_due=due,
        )
    )
    session.flush()


def bearer_for(session: Session, who: Principal) -> dict[str, str]:
    """Authorization headers for the principal's user, valid for this test."""
    token = tokens.issue(session, who.user_id, "bearer", timedelta(hours=1)).token
    return {"Authorization": f"Bearer {token}"}
