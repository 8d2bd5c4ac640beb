"""Issuing domestic growing-area codes: the next serial of the province, never max+1, never reused.

The province's counter row is locked (`SELECT … FOR UPDATE`) for the rest of the issuing
transaction, so two officers issuing at once get consecutive serials; the second waits for the
first to commit. A new counter starts above the highest serial already found in stored codes.
"""

from __future__ import annotations

from sqlalchemy import exists, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from gisapp.errors import Conflict
from gisapp.models import CodeCounter, GrowingArea
from gisapp.services.code_template import serial_pattern
from gisapp.settings import Settings

MAX_ATTEMPTS = 1000  # codes loaded from elsewhere may already hold a few serials ahead of the counter


def _highest_issued(session: Session, template: str, province: str) -> int:
    found = session.execute(
        text("SELECT max((substring(code FROM :pattern))::int) FROM growing_areas WHERE code ~ :pattern"),
        {"pattern": serial_pattern(template, province)},
    ).scalar()
    return int(found or 0)


def _locked_counter(session: Session, province: str) -> CodeCounter | None:
    return session.execute(
        select(CodeCounter).where(CodeCounter.province_code == province).with_for_update()
    ).scalar_one_or_none()


def _next_serial(session: Session, template: str, province: str) -> int:
    counter = _locked_counter(session, province)
    if counter is None:  # the province's first code here: start above what is already stored
        session.execute(
            insert(CodeCounter)
            .values(province_code=province, last_serial=_highest_issued(session, template, province))
            .on_conflict_do_nothing(index_elements=[CodeCounter.province_code])
        )
        counter = _locked_counter(session, province)
        assert counter is not None  # noqa: S101 (inserted just above, or by a concurrent first issue)
    counter.last_serial += 1
    session.flush()
    return counter.last_serial


def issue_code(session: Session, settings: Settings, *, province: str, commune: str, year: int) -> str:
    """A code no growing area has ever held, from the configured template."""
    district = settings.code_districts.get(commune)
    if "{district" in settings.code_template and district is None:
        raise Conflict(
            f"The code template needs a district but none is configured for commune {commune} "
            "(setting code_districts)."
        )
    for _ in range(MAX_ATTEMPTS):
        serial = _next_serial(session, settings.code_template, province)
        code = settings.code_template.format(
            province=province, district=district, commune=commune, serial=serial, yy=year % 100
        )
        if not session.execute(select(exists().where(GrowingArea.code == code))).scalar_one():
            return code
    raise Conflict(f"No free serial found for province {province} after {MAX_ATTEMPTS} tries.")
