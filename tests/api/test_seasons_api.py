"""Season records over HTTP: who may read and write, each bad input refused by field, nothing half-written."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.records import Callers, audit_count, callers, count, draft_area, today

SEASON = {
    "label": "Vụ 2025",
    "crop": "sầu riêng",
    "variety": "Ri6",
    "area_ha": 12.5,
    "started_on": "2025-03-01",
    "expected_yield_t_per_ha": 18,
    "expected_harvest_on": "2025-08-15",
    "expected_market": "Trung Quốc",
}


@pytest.fixture
def who(session: Session) -> Callers:
    return callers(session)


@pytest.fixture
def area(session: Session, who: Callers) -> int:
    return draft_area(session, who.officer_principal)


def url(area_id: int, *rest: str) -> str:
    return "/".join([f"/api/growing-areas/{area_id}/seasons", *rest])


def test_officer_records_a_season_and_its_end(
    client: TestClient, session: Session, who: Callers, area: int
) -> None:
    created = client.post(url(area), json=SEASON, headers=who.officer)
    assert created.status_code == 201, created.text
    season = created.json()
    assert season["crop"] == "sầu riêng" and season["area_ha"] == 12.5
    assert season["expected_total_t"] == 225.0 and season["actual_yield_t"] is None
    assert season["recorded_by"] == "t.ghi.tinh"

    ended = client.patch(
        url(area, str(season["id"])),
        json={"harvested_on": "2025-08-20", "actual_yield_t": 201.4},
        headers=who.officer,
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["actual_yield_t"] == 201.4 and ended.json()["crop"] == "sầu riêng"
    noted = client.patch(url(area, str(season["id"])), json={"note": "Mưa cuối vụ"}, headers=who.officer)
    assert noted.json()["harvested_on"] == "2025-08-20" and noted.json()["note"] == "Mưa cuối vụ"

    listed = client.get(url(area), headers=who.viewer)
    assert listed.status_code == 200 and [s["id"] for s in listed.json()] == [season["id"]]
    audit = session.execute(
        text(
            "SELECT action FROM audit_records WHERE entity = 'growing_area_seasons' AND entity_id = :id "
            "ORDER BY id"
        ),
        {"id": str(season["id"])},
    ).scalars()
    assert list(audit) == ["create", "update", "update"]


def test_who_may_read_and_write_seasons(client: TestClient, who: Callers, area: int) -> None:
    assert client.get(url(area)).status_code == 401
    assert client.get(url(area), headers=who.outsider).status_code == 403
    assert client.get(url(area), headers=who.env).status_code == 200  # staff in scope read
    assert client.post(url(area), json=SEASON).status_code == 401
    for refused in (who.viewer, who.env, who.outsider):
        response = client.post(url(area), json=SEASON, headers=refused)
        assert response.status_code == 403, response.text
    # Refused before the body is read: a broken body still gets the 403.
    assert client.post(url(area), content=b"{", headers=who.viewer).status_code == 403
    assert client.get(url(999_999_999), headers=who.officer).status_code == 404
    assert client.post(url(999_999_999), json=SEASON, headers=who.officer).status_code == 404


BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"harvested_on": "2025-02-01", "actual_yield_t": 10}, "harvested_on", "trước ngày bắt đầu vụ"),
    ({"expected_yield_t_per_ha": -3}, "expected_yield_t_per_ha", "Không được âm / must not be negative"),
    ({"harvested_on": "2025-08-01", "actual_yield_t": -1}, "actual_yield_t", "must not be negative"),
    ({"area_ha": 500}, "area_ha", "larger than the growing area"),
    ({"area_ha": 0}, "area_ha", "must be greater than 0"),
    ({"crop": "cây thần kỳ"}, "crop", "unknown crop 'cây thần kỳ'"),
    ({"started_on": "2125-01-01"}, "started_on", "too far ahead"),
    ({"started_on": "1925-01-01"}, "started_on", "is before 2000-01-01"),
    ({"expected_harvest_on": "2025-01-01"}, "expected_harvest_on", "before the season starts"),
    ({"actual_yield_t": 100}, "harvested_on", "give both the harvest date and the actual yield"),
    ({"started_on": "01/03/2025"}, "started_on", "YYYY-MM-DD"),
    ({"colour": "xanh"}, "colour", "unknown field"),
    ({"crop": None}, "crop", "must be text"),
    ({"label": "x" * 101}, "label", "longer than 100 characters"),
]


@pytest.mark.parametrize(("change", "field", "words"), BAD)
def test_bad_seasons_are_refused_by_field_and_write_nothing(
    client: TestClient,
    session: Session,
    who: Callers,
    area: int,
    change: dict[str, Any],
    field: str,
    words: str,
) -> None:
    audits = audit_count(session, "growing_area_seasons")
    response = client.post(url(area), json=SEASON | change, headers=who.officer)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "record_invalid"
    problem = next(p for p in body["problems"] if p["field"] == field)
    assert words in problem["message"] and " / " in problem["message"]  # Vietnamese / English
    assert count(session, "growing_area_seasons", area) == 0
    assert audit_count(session, "growing_area_seasons") == audits


def test_a_missing_field_and_several_problems_come_back_together(
    client: TestClient, who: Callers, area: int
) -> None:
    body = {k: v for k, v in SEASON.items() if k != "crop"} | {"expected_yield_t_per_ha": -1}
    problems = client.post(url(area), json=body, headers=who.officer).json()["problems"]
    assert {p["field"] for p in problems} == {"crop", "expected_yield_t_per_ha"}
    assert client.post(url(area), content=b"not json", headers=who.officer).status_code == 422


def test_the_end_of_a_season_is_checked_and_the_plan_is_kept(
    client: TestClient, session: Session, who: Callers, area: int
) -> None:
    season = client.post(url(area), json=SEASON, headers=who.officer).json()
    one = url(area, str(season["id"]))
    tomorrow = (today() + timedelta(days=1)).isoformat()
    cases = [
        ({"harvested_on": "2025-02-28", "actual_yield_t": 5}, "harvested_on", "before the season started"),
        ({"harvested_on": tomorrow, "actual_yield_t": 5}, "harvested_on", "in the future"),
        ({"harvested_on": "2025-08-01", "actual_yield_t": -5}, "actual_yield_t", "must not be negative"),
        ({"crop": "lúa"}, "crop", "unknown field"),
        ({}, "", "send harvested_on"),
    ]
    for change, field, words in cases:
        response = client.patch(one, json=change, headers=who.officer)
        assert response.status_code == 422, (change, response.text)
        assert any(p["field"] == field and words in p["message"] for p in response.json()["problems"])
    stored = session.execute(
        text("SELECT harvested_on, actual_yield_t FROM growing_area_seasons WHERE id = :id"),
        {"id": season["id"]},
    ).one()
    assert tuple(stored) == (None, None)
    assert client.patch(one, json={"note": "x"}, headers=who.viewer).status_code == 403
    other = draft_area(session, who.officer_principal, skip=3)
    assert (
        client.patch(url(other, str(season["id"])), json={"note": "x"}, headers=who.officer).status_code
        == 404
    )
