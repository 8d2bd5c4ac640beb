"""Inspection records over HTTP: strict lists, dates in the registry's days, and the area's
`last_inspected_on` moved forward as a new version of the area in the same transaction."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.records import Callers, audit_count, callers, count, draft_area, today

SPRAY = {"product": "Ridomil Gold 68WG", "active_ingredient": "metalaxyl-M, mancozeb", "dose": "25 g/8 l"}


def inspection(**change: Any) -> dict[str, Any]:
    return {
        "inspected_on": (today() - timedelta(days=3)).isoformat(),
        "inspector_name": "Nguyễn Văn Kiểm",
        "inspector_position": "Chuyên viên, Chi cục Trồng trọt và BVTV",
        "area_ha": 18.2,
        "households": 21,
        "tree_age_years": 6.5,
        "growth_stage": "nuôi quả",
        "expected_harvest_on": (today() + timedelta(days=60)).isoformat(),
        "expected_yield_t_per_ha": 15,
        "pesticides_permitted_vn": [SPRAY | {"applied_on": (today() - timedelta(days=20)).isoformat()}],
        "pesticides_permitted_importer": [],
        "pesticides_other": [],
        "farm_diary_present": True,
        "farm_diary_complete": False,
        "pests": [{"pest": "rầy phấn", "density": 3.5, "unit": "con/lá"}],
        "pest_management": "IPM, bẫy dính vàng",
        "samples": [
            {"sample": "quả", "analysis": "cadimi, auramine O", "lab": "Trung tâm Kiểm định", "result": "đạt"}
        ],
        "weeds_residue_cleared": True,
        "packaging_collected": True,
        "conclusion": "compliant_with_conditions",
        "conclusion_note": "Bổ sung nhật ký phun thuốc trong 15 ngày",
        "next_inspection_due": (today() + timedelta(days=90)).isoformat(),
        **change,
    }


@pytest.fixture
def who(session: Session) -> Callers:
    return callers(session)


@pytest.fixture
def area(session: Session, who: Callers) -> int:
    return draft_area(session, who.officer_principal)


def url(area_id: int) -> str:
    return f"/api/growing-areas/{area_id}/inspections"


def area_state(client: TestClient, area_id: int, headers: dict[str, str]) -> tuple[str | None, str]:
    response = client.get(f"/api/growing-areas/{area_id}", headers=headers)
    return response.json()["properties"]["last_inspected_on"], response.headers["etag"]


def versions(session: Session, area_id: int) -> int:
    query = text("SELECT count(*) FROM growing_area_versions WHERE growing_area_id = :id")
    return int(session.execute(query, {"id": area_id}).scalar_one())


def test_an_inspection_is_stored_and_moves_last_inspected_on_as_a_new_version(
    client: TestClient, session: Session, who: Callers, area: int
) -> None:
    assert area_state(client, area, who.officer) == (None, '"v1"')
    body = inspection()
    created = client.post(url(area), json=body, headers=who.officer)
    assert created.status_code == 201, created.text
    stored = created.json()
    assert stored["pesticides_permitted_vn"][0]["active_ingredient"] == "metalaxyl-M, mancozeb"
    assert stored["pests"] == [{"pest": "rầy phấn", "density": 3.5, "unit": "con/lá"}]
    assert stored["tree_age_years"] == 6.5 and stored["recorded_by"] == "t.ghi.tinh"
    # The growing area changed with it: new row version, audited, kept as a version for ?at=.
    assert area_state(client, area, who.officer) == (body["inspected_on"], '"v2"')
    assert versions(session, area) == 2
    history = client.get(f"/api/growing-areas/{area}/history", headers=who.viewer).json()
    assert (
        history[-1]["action"] == "update"
        and history[-1]["after"]["properties"]["last_inspected_on"] == body["inspected_on"]
    )
    # An edit loaded before the inspection is now stale.
    stale = client.patch(
        f"/api/growing-areas/{area}",
        json={"type": "Feature", "properties": {"name": "Tên mới"}},
        headers=who.officer | {"If-Match": '"v1"'},
    )
    assert stale.status_code == 412

    older = inspection(
        inspected_on=(today() - timedelta(days=30)).isoformat(),
        conclusion="compliant",
        pesticides_permitted_vn=[],
    )
    assert client.post(url(area), json=older, headers=who.officer).status_code == 201
    assert area_state(client, area, who.officer) == (body["inspected_on"], '"v2"')  # entered late: no change
    assert versions(session, area) == 2
    listed = client.get(url(area), headers=who.viewer).json()
    assert [i["inspected_on"] for i in listed] == [body["inspected_on"], older["inspected_on"]]


def test_who_may_read_and_write_inspections(client: TestClient, who: Callers, area: int) -> None:
    assert client.get(url(area)).status_code == 401
    assert client.get(url(area), headers=who.outsider).status_code == 403
    assert client.get(url(area), headers=who.viewer).status_code == 200
    assert client.post(url(area), json=inspection()).status_code == 401
    for refused in (who.viewer, who.env, who.outsider):
        assert client.post(url(area), json=inspection(), headers=refused).status_code == 403


def tomorrow() -> str:
    return (today() + timedelta(days=1)).isoformat()


BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"inspected_on": tomorrow()}, "inspected_on", "in the future"),
    (
        {"pesticides_permitted_vn": [SPRAY | {"colour": "đỏ"}]},
        "pesticides_permitted_vn.0.colour",
        "unknown field",
    ),
    ({"pesticides_other": [{"dose": "1 l"}]}, "pesticides_other.0.product", "required"),
    ({"pesticides_permitted_importer": [SPRAY] * 51}, "pesticides_permitted_importer", "at most 50 items"),
    (
        {"pesticides_permitted_vn": [SPRAY | {"applied_on": tomorrow()}]},
        "pesticides_permitted_vn.0.applied_on",
        "after the inspection",
    ),
    ({"pests": [{"pest": "sâu", "density": -1, "unit": "con"}]}, "pests.0.density", "must not be negative"),
    ({"pests": [{"pest": "sâu", "density": 2}]}, "pests.0.unit", "give the density's unit"),
    ({"pests": {"pest": "sâu"}}, "pests", "must be a list"),
    ({"samples": [{"sample": "quả", "result": "x" * 501}]}, "samples.0.result", "longer than 500"),
    ({"conclusion": "ok"}, "conclusion", "use one of"),
    (
        {"conclusion": "non_compliant", "conclusion_note": None},
        "conclusion_note",
        "why the area does not comply",
    ),
    ({"next_inspection_due": "2001-01-01"}, "next_inspection_due", "before the inspection"),
    ({"farm_diary_present": False, "farm_diary_complete": True}, "farm_diary_complete", "cannot be complete"),
    ({"households": 2.5}, "households", "whole number"),
    ({"inspector_name": "  "}, "inspector_name", "must not be empty"),
]


@pytest.mark.parametrize(("change", "field", "words"), BAD)
def test_bad_inspections_are_refused_by_field_and_change_nothing(
    client: TestClient,
    session: Session,
    who: Callers,
    area: int,
    change: dict[str, Any],
    field: str,
    words: str,
) -> None:
    audits = audit_count(session, "growing_area_inspections")
    response = client.post(url(area), json=inspection(**change), headers=who.officer)
    assert response.status_code == 422, response.text
    assert any(p["field"] == field and words in p["message"] for p in response.json()["problems"]), (
        response.text
    )
    assert count(session, "growing_area_inspections", area) == 0
    assert audit_count(session, "growing_area_inspections") == audits
    assert area_state(client, area, who.officer) == (None, '"v1"') and versions(session, area) == 1


def test_last_inspected_on_set_by_hand_respects_the_recorded_inspections(
    client: TestClient, who: Callers, area: int
) -> None:
    body = inspection()
    client.post(url(area), json=body, headers=who.officer)
    patch: dict[str, Any] = {"type": "Feature", "properties": {"last_inspected_on": "2020-01-01"}}
    earlier = client.patch(
        f"/api/growing-areas/{area}", json=patch, headers=who.officer | {"If-Match": '"v2"'}
    )
    assert earlier.status_code == 409 and body["inspected_on"] in earlier.json()["description"]
    patch["properties"]["last_inspected_on"] = tomorrow()
    future = client.patch(
        f"/api/growing-areas/{area}", json=patch, headers=who.officer | {"If-Match": '"v2"'}
    )
    assert future.status_code == 422 and "in the future" in future.json()["description"]
