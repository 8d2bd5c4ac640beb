"""Two entries of the same sample at once: the second waits on the unique index and gets a 409, not a 500."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from gisapp.errors import Conflict
from gisapp.services.env_vocabulary import load_vocabulary
from gisapp.services.principal import Principal
from gisapp.services.water_samples import RawResult, check_sample
from gisapp.services.water_tests import store

USER = "race.moitruong"


def test_the_slower_of_two_identical_entries_is_a_conflict(engine: Engine) -> None:
    with Session(engine) as first, Session(engine) as second:
        user_id = first.execute(
            text(
                "INSERT INTO users (username, display_name, password_hash, role) "
                "VALUES (:u, :u, '!', 'admin') RETURNING id"
            ),
            {"u": USER},
        ).scalar_one()
        principal = Principal(user_id, USER, USER, "admin", None, frozenset(), frozenset(), "bearer")
        work_id = first.execute(text("SELECT id FROM water_works WHERE code = 'DEMO-48-012'")).scalar_one()
        vocabulary = load_vocabulary(first)
        sample, _ = check_sample(
            vocabulary, date(2026, 1, 1), sampled_on="2025-11-11", lab="Race lab", point="tap",
            results=[RawResult("ph", 7, "")],
        )  # fmt: skip
        assert sample is not None
        created = store(first, vocabulary, principal, work_id, sample)  # not committed yet
        outcome: list[BaseException | None] = []

        def enter_again() -> None:
            try:
                store(second, load_vocabulary(second), principal, work_id, sample)
                outcome.append(None)
            except BaseException as exc:  # handed to the test's thread
                outcome.append(exc)

        racer = threading.Thread(target=enter_again)
        racer.start()
        racer.join(timeout=1)
        waited = racer.is_alive()
        first.commit()
        racer.join(timeout=20)
        second.rollback()
        try:
            assert waited, "the second entry should wait on the first one's uncommitted row"
            assert isinstance(outcome[0], Conflict), outcome
            assert f"already recorded as test {created['id']}" in outcome[0].message
        finally:
            first.execute(text("DELETE FROM water_quality_tests WHERE id = :id"), {"id": created["id"]})
            first.execute(text("DELETE FROM audit_records WHERE username = :u"), {"u": USER})
            first.execute(text("DELETE FROM users WHERE username = :u"), {"u": USER})
            first.commit()
