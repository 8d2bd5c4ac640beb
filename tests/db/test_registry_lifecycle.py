"""Decisions on a growing area: allowed steps, separation of duties, codes, history, versions, `at`."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, Forbidden, InvalidInput
from gisapp.models import AuditRecord, GrowingAreaVersion
from gisapp.services import growing_area_versions
from gisapp.services.registry_lifecycle import history
from tests.registry import decide, new_area, staff

CODE = re.compile(r"^VN-68-(\d{5})-(\d+)-25$")


def highest_demo_serial(session: Session) -> int:
    return int(
        session.execute(
            text("SELECT max(split_part(code, '-', 4)::int) FROM growing_areas WHERE code LIKE 'VN-68-%'")
        ).scalar_one()
    )


def test_submit_then_issue_by_another_province_officer_assigns_the_next_code(session: Session) -> None:
    drafter = staff(session, "t.xa", level="commune", provinces=(), communes=("22918", "22954"))
    decider = staff(session, "t.tinh")
    area_id, _ = new_area(session, drafter)
    assert decide(session, drafter, area_id, "submit")["properties"]["status"] == "submitted"
    issued = decide(session, decider, area_id, "issue")["properties"]
    match = CODE.match(issued["code"])
    assert issued["status"] == "issued" and match, issued["code"]
    assert match.group(1) == issued["issued_commune_code"]
    assert int(match.group(2)) == highest_demo_serial(session)  # started above every serial in use
    assert issued["issued_year"] == 2025


def test_only_a_province_officer_who_did_not_draft_may_decide(session: Session) -> None:
    drafter = staff(session, "t.tinh.a")
    commune_officer = staff(session, "t.xa", level="commune", provinces=(), communes=("22918", "22954"))
    other_province = staff(session, "t.tinh.48", provinces=("48",))
    environment = staff(session, "t.moitruong", role="env_officer")
    area_id, _ = new_area(session, drafter)
    decide(session, drafter, area_id, "submit")
    with pytest.raises(Forbidden, match="separation of duties"):
        decide(session, drafter, area_id, "issue")
    with pytest.raises(Forbidden, match="province-level agriculture officer"):
        decide(session, commune_officer, area_id, "issue")
    with pytest.raises(Forbidden, match=r"outside your (scope|provinces)"):
        decide(session, other_province, area_id, "issue")
    with pytest.raises(Forbidden, match="may not edit"):
        decide(session, environment, area_id, "issue")
    assert session.execute(
        text("SELECT status FROM growing_areas WHERE id = :i"), {"i": area_id}
    ).scalar() == ("submitted")


def test_each_step_only_from_its_states_and_decisions_need_a_document(session: Session) -> None:
    drafter = staff(session, "t.tinh.a")
    decider = staff(session, "t.tinh.b")
    area_id, _ = new_area(session, drafter)
    with pytest.raises(Conflict, match="'draft': allowed only from submitted"):
        decide(session, decider, area_id, "issue")
    with pytest.raises(Conflict, match="allowed only from issued"):
        decide(session, decider, area_id, "suspend")
    decide(session, drafter, area_id, "submit")
    with pytest.raises(InvalidInput, match="document_number, document_date, authority"):
        decide(session, decider, area_id, "issue", document_number=None, document_date=None, authority=None)
    with pytest.raises(InvalidInput, match="not between 2000-01-01 and today"):
        decide(session, decider, area_id, "issue", document_date=date(2099, 1, 1))
    assert decide(session, decider, area_id, "return")["properties"]["status"] == "draft"


def test_suspend_revoke_and_reissue_keep_the_code_and_the_history(session: Session) -> None:
    drafter = staff(session, "t.tinh.a")
    decider = staff(session, "t.tinh.b")
    area_id, _ = new_area(session, drafter)
    decide(session, drafter, area_id, "submit")
    code = decide(session, decider, area_id, "issue")["properties"]["code"]
    decide(session, decider, area_id, "suspend", reason="Phát hiện cadimi / cadmium found in a shipment")
    decide(session, decider, area_id, "reissue", reason="Đã khắc phục / remedied")
    decide(session, decider, area_id, "revoke", reason="Mã bị mua bán / code traded")
    final = decide(session, decider, area_id, "reissue", reason="Cấp lại sau thanh tra / re-issued")
    assert final["properties"]["code"] == code and final["properties"]["status"] == "issued"
    steps = history(session, area_id)
    assert [s["action"] for s in steps] == ["submit", "issue", "suspend", "reissue", "revoke", "reissue"]
    assert steps[2]["reason"].startswith("Phát hiện cadimi") and steps[2]["username"] == "t.tinh.b"
    assert steps[2]["document_number"] == "123/QĐ-TTBVTV" and steps[2]["code"] == code
    audited = session.execute(
        select(AuditRecord.action).where(AuditRecord.entity_id == str(area_id)).order_by(AuditRecord.id)
    ).scalars()
    assert list(audited) == ["create"] + ["transition"] * len(steps)
    versions = growing_area_versions.listing(session, area_id)
    assert [v["row_version"] for v in versions] == list(range(1, 8))
    assert [v["valid_to"] is None for v in versions] == [False] * 6 + [True]


def test_at_answers_as_the_registry_stood_that_day(session: Session) -> None:
    drafter = staff(session, "t.tinh.a")
    decider = staff(session, "t.tinh.b")
    area_id, _ = new_area(session, drafter)
    decide(session, drafter, area_id, "submit")
    decide(session, decider, area_id, "issue")
    decide(session, decider, area_id, "suspend")
    # The three decisions happened in this transaction; spread their versions over 2025 as if real.
    for row_version, day in ((1, "2025-03-01"), (2, "2025-03-10"), (3, "2025-04-01"), (4, "2025-08-20")):
        session.execute(
            text(
                "UPDATE growing_area_versions SET valid_from = CAST(:d AS date) + time '09:00' "
                "AT TIME ZONE 'Asia/Ho_Chi_Minh' WHERE growing_area_id = :i AND row_version = :v"
            ),
            {"d": day, "i": area_id, "v": row_version},
        )

    def status_on(day: str) -> str | None:
        version = growing_area_versions.as_of(session, area_id, date.fromisoformat(day), "Asia/Ho_Chi_Minh")
        return version.status if version else None

    assert status_on("2025-02-28") is None
    assert status_on("2025-03-01") == "draft"
    assert status_on("2025-03-31") == "submitted"
    assert status_on("2025-04-01") == "issued"
    assert status_on("2025-08-20") == "suspended"
    found = session.get(
        GrowingAreaVersion,
        session.execute(
            select(GrowingAreaVersion.id).where(GrowingAreaVersion.growing_area_id == area_id).limit(1)
        ).scalar_one(),
    )
    assert found is not None and found.valid_from < datetime.now(UTC)
