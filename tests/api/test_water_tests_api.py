"""`/api/water-works/{id}/tests`: a test is checked whole, judged against the version in force on its
sample date, stored all or nothing, and sets the work's latest status the map colours by."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import water_tests
from tests.water import new_work, sample_body, staff_headers


@pytest.fixture
def staff(session: Session) -> dict[str, dict[str, str]]:
    return staff_headers(session)


@pytest.fixture
def work(client: TestClient, session: Session, staff: dict[str, dict[str, str]]) -> dict[str, Any]:
    return new_work(client, session, staff["w-env-48"])


def post(client: TestClient, work_id: int, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(f"/api/water-works/{work_id}/tests", json=body, headers=headers)


def stored_tests(session: Session, work_id: int) -> int:
    return int(
        session.execute(
            text("SELECT count(*) FROM water_quality_tests WHERE water_work_id = :w"), {"w": work_id}
        ).scalar_one()
    )


def latest(client: TestClient, work_id: int) -> tuple[str, str | None]:
    properties = client.get(f"/api/water-works/{work_id}").json()["properties"]
    return properties["latest_test_status"], properties["latest_test_on"]


def test_a_test_answers_each_result_judged_with_the_regulation_applied(
    client: TestClient, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    body = sample_body("2025-08-01")
    body["results"].append({"parameter": "Asen", "value": 0.05, "unit": "mg/l"})  # as a lab writes it
    body["results"] = [r for r in body["results"] if r["parameter"] != "arsenic"]
    response = post(client, work["id"], body, staff["w-env-48"])
    assert response.status_code == 201, response.text
    test = response.json()
    assert (test["verdict"], test["regulation"], test["version"]) == (
        "exceed",
        "QCVN 01-1",
        "QCVN 01-1 (TT 52/2024/TT-BYT)",
    )
    arsenic = next(r for r in test["results"] if r["parameter"] == "arsenic")
    assert arsenic["unit"] == "mg/L" and arsenic["name"] == {"vi": "Asen (As)", "en": "Arsenic (As)"}
    judgement = arsenic["judgement"]
    assert (judgement["verdict"], judgement["class"], judgement["exceeded"]) == ("exceed", "A", "max")
    assert (judgement["exceed_by"], judgement["exceed_pct"], judgement["confirmed"]) == (0.04, 400.0, False)
    ph = next(r for r in test["results"] if r["parameter"] == "ph")
    assert ph["judgement"]["verdict"] == "pass" and ph["judgement"]["limits"][0]["min"] == 6.0
    assert latest(client, work["id"]) == ("exceed", "2025-08-01")


def test_before_1_july_2025_the_2018_regulation_applies(
    client: TestClient, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    test = post(client, work["id"], sample_body("2025-06-30"), staff["w-env-48"]).json()
    assert (test["verdict"], test["version"]) == ("pass", "QCVN 01-1:2018/BYT")
    assert all(r["judgement"]["confirmed"] for r in test["results"])


def test_a_sample_older_than_every_version_is_not_assessable(
    client: TestClient, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    test = post(client, work["id"], sample_body("2018-05-02"), staff["w-env-48"]).json()
    assert (test["verdict"], test["version"]) == ("not_assessable", None)
    assert {r["judgement"]["reason"] for r in test["results"]} == {"no_version"}
    assert latest(client, work["id"]) == ("not_assessable", "2018-05-02")


def test_the_latest_sample_sets_the_status_whatever_the_entry_order(
    client: TestClient, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    assert latest(client, work["id"]) == ("never_tested", None)
    post(client, work["id"], sample_body("2025-03-01"), staff["w-env-48"])
    assert latest(client, work["id"]) == ("pass", "2025-03-01")
    failing = sample_body("2025-09-01")
    failing["results"][3]["value"] = 20  # coliform
    post(client, work["id"], failing, staff["w-env-48"])
    assert latest(client, work["id"]) == ("exceed", "2025-09-01")
    post(client, work["id"], sample_body("2025-05-01"), staff["w-env-48"])  # entered late, sampled earlier
    assert latest(client, work["id"]) == ("exceed", "2025-09-01")
    post(client, work["id"], sample_body("2025-10-01", sampling_point="tank"), staff["w-env-48"])
    assert latest(client, work["id"]) == ("pass", "2025-10-01")
    listed = client.get(f"/api/water-works/{work['id']}/tests").json()  # public, newest first
    assert [t["sampled_on"] for t in listed] == ["2025-10-01", "2025-09-01", "2025-05-01", "2025-03-01"]
    assert [t["verdict"] for t in listed] == ["pass", "exceed", "pass", "pass"]


def test_every_problem_of_an_entry_is_listed_and_nothing_is_written(
    client: TestClient, session: Session, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    body = sample_body(tomorrow, sampling_point="roof")
    body["results"] += [
        {"parameter": "unobtainium", "value": 1, "unit": "mg/L"},
        {"parameter": "pH", "value": 40, "unit": ""},
        {"parameter": "iron", "value": 0.1, "unit": "furlongs"},
        {"parameter": "Độ đục", "value": 0.5, "unit": "NTU"},  # turbidity again
    ]
    response = post(client, work["id"], body, staff["w-env-48"])
    assert response.status_code == 422, response.text
    problems = response.json()["problems"]
    found = {(p["field"], p.get("result")) for p in problems}
    assert found == {
        ("sampled_on", None),
        ("sampling_point", None),
        ("parameter", 6),
        ("value", 7),
        ("unit", 8),
        ("parameter", 9),
    }
    by_result = {p.get("result"): p["message"] for p in problems}
    assert "unknown parameter 'unobtainium'" in by_result[6]
    assert "plausible range 0–14" in by_result[7]
    assert "unknown unit 'furlongs'" in by_result[8]
    assert "appears twice (results 2 and 9)" in by_result[9]
    assert "after today" in next(p["message"] for p in problems if p["field"] == "sampled_on")
    assert stored_tests(session, work["id"]) == 0
    assert latest(client, work["id"]) == ("never_tested", None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sampled_on": "2025-01-01", "lab": "x", "sampling_point": "tap", "results": []}, "results"),
        (
            {
                "sampled_on": "01/13/2025",
                "lab": "x",
                "sampling_point": "tap",
                "results": [{"parameter": "ph", "value": 7}],
            },
            "sampled_on",
        ),
        (
            {
                "sampled_on": "2025-01-01",
                "lab": " ",
                "sampling_point": "tap",
                "results": [{"parameter": "ph", "value": 7}],
            },
            "lab",
        ),
        (
            {
                "sampled_on": "2025-01-01",
                "lab": "x",
                "sampling_point": "tap",
                "colour": "blue",
                "results": [{"parameter": "ph", "value": 7}],
            },
            "colour",
        ),
        (
            {
                "sampled_on": "2025-01-01",
                "lab": "x",
                "sampling_point": "tap",
                "results": [{"parameter": "ph", "value": 7, "method": "TCVN"}],
            },
            "method",
        ),
        (
            {
                "sampled_on": "2025-01-01",
                "lab": "x",
                "sampling_point": "tap",
                "results": [{"parameter": "iron", "value": "KPH", "unit": "mg/L"}],
            },
            "value",
        ),
    ],
)
def test_malformed_entries_are_422_naming_the_field(
    client: TestClient,
    work: dict[str, Any],
    staff: dict[str, dict[str, str]],
    body: dict[str, Any],
    field: str,
) -> None:
    response = post(client, work["id"], body, staff["w-env-48"])
    assert response.status_code == 422, response.text
    assert field in {p["field"] for p in response.json()["problems"]}


def test_the_same_sample_twice_is_a_conflict(
    client: TestClient, session: Session, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    assert post(client, work["id"], sample_body("2025-04-04"), staff["w-env-48"]).status_code == 201
    again = post(client, work["id"], sample_body("2025-04-04", lab="cdc ĐÀ NẴNG"), staff["w-env-48"])
    assert again.status_code == 409 and "already recorded" in again.json()["description"]
    assert stored_tests(session, work["id"]) == 1


@pytest.mark.parametrize(("who", "status"), [("w-agri-48", 403), ("w-env-68", 403), ("w-viewer-48", 403)])
def test_only_environment_staff_in_scope_record_tests(
    client: TestClient,
    session: Session,
    work: dict[str, Any],
    staff: dict[str, dict[str, str]],
    who: str,
    status: int,
) -> None:
    assert post(client, work["id"], sample_body(), staff[who]).status_code == status
    assert stored_tests(session, work["id"]) == 0


def test_unknown_work_is_404(client: TestClient, staff: dict[str, dict[str, str]]) -> None:
    assert client.get("/api/water-works/999999/tests").status_code == 404
    assert client.get("/api/water-works/99999999999999/tests").status_code == 400  # not a row id
    assert client.get("/api/water-works/99999999999999").status_code == 400
    assert post(client, 999999, sample_body(), staff["w-env-48"]).status_code == 404


def test_tests_are_public_and_carry_no_personal_data(
    client: TestClient, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    post(client, work["id"], sample_body(), staff["w-env-48"])
    listed = client.get(f"/api/water-works/{work['id']}/tests")
    assert listed.status_code == 200
    assert "w-env-48" not in listed.text and "created_by" not in listed.text


def test_rejudging_after_a_threshold_change_moves_the_latest_status(
    client: TestClient, session: Session, work: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    post(client, work["id"], sample_body("2025-08-01"), staff["w-env-48"])  # turbidity 0.8 NTU passes
    session.execute(
        text(
            "UPDATE env_thresholds SET max_value = 0.5 "
            "WHERE version_id = 'QCVN 01-1 (TT 52/2024/TT-BYT)' AND parameter = 'turbidity'"
        )
    )
    assert (
        client.get(f"/api/water-works/{work['id']}/tests").json()[0]["verdict"] == "exceed"
    )  # judged on read
    assert latest(client, work["id"])[0] == "pass"  # as judged at entry...
    assert water_tests.rejudge(session, [work["id"]]) == 1
    assert latest(client, work["id"])[0] == "exceed"  # ...until judged again
