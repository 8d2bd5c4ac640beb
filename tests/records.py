"""Helpers for the season, inspection and attachment tests: who calls, on which area, what is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import tokens
from gisapp.services.principal import Principal
from tests.registry import new_area, staff

Headers = dict[str, str]


def bearer_for(session: Session, who: Principal) -> Headers:
    issued = tokens.issue(session, who.user_id, "bearer", timedelta(hours=1))
    return {"Authorization": f"Bearer {issued.token}"}


@dataclass(frozen=True)
class Callers:
    """Bearer headers: a Lâm Đồng agriculture officer (in scope), a viewer and an environment officer
    of Lâm Đồng (they may read, not write), and a Đà Nẵng agriculture officer (out of scope)."""

    officer: Headers
    viewer: Headers
    env: Headers
    outsider: Headers
    officer_principal: Principal


def callers(session: Session) -> Callers:
    officer = staff(session, "t.ghi.tinh")
    return Callers(
        officer=bearer_for(session, officer),
        viewer=bearer_for(session, staff(session, "t.ghi.xem", role="viewer", level=None)),
        env=bearer_for(session, staff(session, "t.ghi.moitruong", role="env_officer")),
        outsider=bearer_for(session, staff(session, "t.ghi.danang", provinces=("48",))),
        officer_principal=officer,
    )


def draft_area(session: Session, who: Principal, *, skip: int = 0) -> int:
    """A draft durian area of about 19 ha in Lâm Đồng."""
    area_id, _ = new_area(session, who, skip=skip)
    return area_id


def count(session: Session, table: str, area_id: int) -> int:
    """Rows of `table` (a records table) for one area."""
    query = text(f"SELECT count(*) FROM {table} WHERE growing_area_id = :id")
    return int(session.execute(query, {"id": area_id}).scalar_one())


def audit_count(session: Session, entity: str) -> int:
    query = text("SELECT count(*) FROM audit_records WHERE entity = :e")
    return int(session.execute(query, {"e": entity}).scalar_one())


def today() -> date:
    """Today where the registry keeps its days (Vietnam)."""
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
