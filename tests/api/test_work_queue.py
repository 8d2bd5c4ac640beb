""" "Waiting for me" (`/api/registry/queue`) for each role, against hand-made dossiers and inspections."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services.principal import Principal
from tests.registry import decide, new_area, staff
from tests.worklists import bearer_for, commune_of, inspect, officers, place

URL = "/api/registry/queue"
RETURN_REASON = "Thiếu bản đồ khoanh vùng / the map of the plots is missing"


@pytest.fixture
def people(session: Session) -> dict[str, Principal]:
    return officers(session)


def queues(client: TestClient, session: Session, who: Principal) -> dict[str, Any]:
    response = client.get(URL, headers=bearer_for(session, who))
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    return {queue["id"]: queue for queue in response.json()["queues"]}


def ids(queue: dict[str, Any]) -> list[int]:
    return [item["id"] for item in queue["items"]]


def submitted(session: Session, drafter: Principal, skip: int, province: str = "66") -> int:
    area_id, _ = new_area(session, drafter, province, skip=skip, name=f"Hồ sơ chờ duyệt {skip}")
    decide(session, drafter, area_id, "submit")
    return area_id


def test_province_officers_get_the_dossiers_others_submitted(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    mine = submitted(session, people["drafter"], 0)
    theirs = submitted(session, people["decider"], 1)
    elsewhere = submitted(session, people["other"], 0, province="68")
    place(session, people["drafter"], skip=2)  # a draft: nobody decides on it yet
    for_decider = queues(client, session, people["decider"])
    assert ids(for_decider["decisions"]) == [mine]  # never their own dossier
    assert for_decider["decisions"]["count"] == 1
    item = for_decider["decisions"]["items"][0]
    assert item["status"] == "submitted" and item["last_step_action"] == "submit"
    assert item["last_step_by"] == "wl.soan" and item["commune_name"]
    assert ids(queues(client, session, people["drafter"])["decisions"]) == [theirs]
    assert elsewhere not in ids(queues(client, session, people["other"])["decisions"])


def test_oldest_submission_comes_first(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    later = submitted(session, people["drafter"], 0)
    earlier = submitted(session, people["drafter"], 1)
    session.execute(
        text("UPDATE growing_area_transitions SET at = now() - interval '3 days' WHERE growing_area_id = :i"),
        {"i": earlier},
    )
    assert ids(queues(client, session, people["decider"])["decisions"]) == [earlier, later]


def test_commune_officers_get_overdue_inspections_of_their_communes(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    drafter = people["drafter"]
    due_passed = place(session, drafter, status="issued", name="Quá hạn kiểm tra")
    never = place(session, drafter, status="issued", name="Chưa từng kiểm tra")
    on_time = place(session, drafter, status="issued", name="Còn hạn kiểm tra")
    suspended = place(session, drafter, status="suspended", name="Tạm dừng, không kiểm tra")
    inspect(session, due_passed, 190, next_due_in=-5)
    inspect(session, on_time, 10, next_due_in=170)
    home = {commune_of(session, i) for i in (due_passed, never, on_time, suspended)}
    outside = place(session, drafter, skip=8, status="issued", name="Xã khác, quá hạn")
    assert commune_of(session, outside) not in home
    officer = staff(session, "wl.xa", level="commune", provinces=(), communes=tuple(sorted(home)))
    inspections = queues(client, session, officer)["inspections"]
    assert ids(inspections) == [never, due_passed]  # never inspected first, then by due date
    assert inspections["count"] == 2
    reasons = {item["id"]: item["overdue_reason"] for item in inspections["items"]}
    assert reasons.get(due_passed) == "due_date_passed"
    assert "decisions" not in queues(client, session, officer)  # commune officers do not decide


def test_drafters_get_their_returned_dossiers_with_the_reason(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    returned = submitted(session, people["drafter"], 0)
    decide(session, people["decider"], returned, "return", reason=RETURN_REASON)
    resubmitted = submitted(session, people["drafter"], 1)
    decide(session, people["decider"], resubmitted, "return", reason="Sai diện tích")
    decide(session, people["drafter"], resubmitted, "submit")  # fixed and sent again: no longer waiting
    own = queues(client, session, people["drafter"])["returned"]
    assert ids(own) == [returned] and own["count"] == 1
    item = own["items"][0]
    assert item["status"] == "draft" and item["last_step_action"] == "return"
    assert item["last_step_reason"] == RETURN_REASON and item["last_step_by"] == "wl.duyet"
    assert queues(client, session, people["decider"])["returned"]["count"] == 0


def test_roles_with_nothing_to_act_on_get_no_queue(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    submitted(session, people["drafter"], 0)
    assert queues(client, session, people["viewer"]) == {}
    assert queues(client, session, people["env"]) == {}
    assert list(queues(client, session, people["admin"])) == ["returned"]  # admins draft, never decide
    assert client.get(URL).status_code == 401
