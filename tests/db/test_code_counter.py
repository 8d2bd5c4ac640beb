"""Two officers issuing codes in one province at the same moment get different serials.

Real concurrency: two connections to a database of their own, the second blocked on the province's
counter row until the first commits (seen in pg_locks, not guessed from a sleep).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from gisapp.errors import Conflict
from gisapp.services.code_issuer import issue_code
from tests.conftest import TEMPLATE_DB, fresh_database
from tests.registry import SETTINGS


@pytest.fixture
def own_engine(template_url: str) -> Iterator[Engine]:
    engine = create_engine(fresh_database("gisapp_test_counter", template=TEMPLATE_DB), poolclass=NullPool)
    yield engine
    engine.dispose()


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as watcher:
        return bool(
            watcher.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
        )


def test_concurrent_issuing_never_shares_a_serial(own_engine: Engine) -> None:
    first = Session(own_engine)
    code_a = issue_code(first, SETTINGS, province="68", commune="22918", year=2025)  # holds the counter row
    found: dict[str, str] = {}

    def second_officer() -> None:
        with Session(own_engine) as second, second.begin():
            found["b"] = issue_code(second, SETTINGS, province="68", commune="22954", year=2025)

    worker = threading.Thread(target=second_officer)
    worker.start()
    deadline = time.monotonic() + 30
    while not _waiting_on_a_lock(own_engine):  # the second officer queues behind the first
        assert time.monotonic() < deadline, "the second transaction never waited for the counter"
        time.sleep(0.05)
    assert "b" not in found
    first.commit()
    first.close()
    worker.join(timeout=30)
    serial_a, serial_b = int(code_a.split("-")[3]), int(found["b"].split("-")[3])
    assert serial_b == serial_a + 1
    assert code_a.startswith("VN-68-22918-") and found["b"].startswith("VN-68-22954-")


def test_several_issues_in_one_transaction_get_distinct_codes(own_engine: Engine) -> None:
    with Session(own_engine) as session, session.begin():
        codes = {issue_code(session, SETTINGS, province="48", commune="20194", year=2025) for _ in range(5)}
    assert len(codes) == 5


def test_a_district_template_needs_district_data(own_engine: Engine) -> None:
    with_district = SETTINGS.model_copy(
        update={"code_template": "VN-{province}-{district}-{commune}-{serial:02d}-{yy:02d}"}
    )
    with Session(own_engine) as session, session.begin():
        with pytest.raises(Conflict, match="needs a district but none is configured for commune 22918"):
            issue_code(session, with_district, province="68", commune="22918", year=2025)
        configured = with_district.model_copy(update={"code_districts": {"22918": "672"}})
        assert issue_code(session, configured, province="68", commune="22918", year=2025).startswith(
            "VN-68-672-22918-"
        )
