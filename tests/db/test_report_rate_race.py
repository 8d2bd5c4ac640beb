"""Two reports from one address at once, with one place left: the second waits on the address's
advisory lock, counts again after the first commits, and is throttled; it never slips through."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from gisapp.errors import TooManyRequests
from gisapp.services import report_throttle
from gisapp.settings import Settings

ADDRESS = "203.0.113.77"  # documentation range


def insert_report(session: Session, hashed: str) -> None:
    session.execute(
        text(
            "INSERT INTO citizen_reports (receipt, description, address_hash, geom) VALUES "
            "('RACE234567', 'Khói đen từ lò gạch', :h, ST_SetSRID(ST_MakePoint(108.2, 16.05), 4326))"
        ),
        {"h": hashed},
    )


def test_two_parallel_reports_cannot_both_take_the_last_place(engine: Engine, settings: Settings) -> None:
    one_place = settings.model_copy(update={"report_rate_limit": 1})
    hashed = report_throttle.address_hash(one_place, ADDRESS)
    with Session(engine) as first, Session(engine) as second:
        report_throttle.admit(first, one_place, hashed)
        insert_report(first, hashed)  # not committed yet
        outcome: list[BaseException | None] = []

        def report_again() -> None:
            try:
                report_throttle.admit(second, one_place, hashed)
                outcome.append(None)
            except BaseException as exc:  # handed to the test's thread
                outcome.append(exc)

        racer = threading.Thread(target=report_again)
        racer.start()
        racer.join(timeout=1)
        waited = racer.is_alive()
        first.commit()
        racer.join(timeout=20)
        second.rollback()
        try:
            assert waited, "the second report should wait on the first one's lock"
            assert isinstance(outcome[0], TooManyRequests), outcome
        finally:
            first.execute(text("DELETE FROM citizen_reports WHERE address_hash = :h"), {"h": hashed})
            first.commit()
