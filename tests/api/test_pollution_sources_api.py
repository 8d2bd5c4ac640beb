"""`/api/pollution-sources`: one write path for any geometry kind, env staff in scope only, samples judged
against the effluent regulation in force on their date, inspections for staff, nothing half-written."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.pollution import effluent_body, new_source, point, source_feature, source_row
from tests.water import DA_NANG, commune_point, staff_headers


@pytest.fixture
def staff(session: Session) -> dict[str, dict[str, str]]:
    return staff_headers(session)


@pytest.fixture
def source(client: TestClient, session: Session, staff: dict[str, dict[str, str]]) -> dict[str, Any]:
    return new_source(client, session, staff["w-env-48"])


def samples_of(session: Session, source_id: int) -> int:
    return int(
        session.execute(
            text("SELECT count(*) FROM pollution_samples WHERE pollution_source_id = :s"), {"s": source_id}
        ).scalar_one()
    )


def post_sample(client: TestClient, source_id: int, body: Any, headers: dict[str, str]) -> Any:
    return client.post(f"/api/pollution-sources/{source_id}/samples", json=body, headers=headers)


def test_a_line_or_a_polygon_source_gets_the_commune_of_its_point_on_surface(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    code, lon, lat = commune_point(session, DA_NANG, skip=2)
    line = {"type": "LineString", "coordinates": [[lon - 0.0005, lat], [lon + 0.0005, lat]]}
    d = 0.0004
    ring = [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
    ]
    for geometry in (line, {"type": "Polygon", "coordinates": [ring]}, point(lon, lat)):
        created = new_source(client, session, staff["w-env-48"], geometry=geometry)
        assert created["properties"]["commune_code"] == code
        assert created["geometry"]["type"] == geometry["type"]
        assert created["properties"]["regulation_code"] == "QCVN 62"


def test_only_env_staff_in_scope_write(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    _, lon, lat = commune_point(session, DA_NANG, skip=2)
    feature = source_feature(point(lon, lat))
    assert client.post("/api/pollution-sources", json=feature).status_code == 401
    for who in ("w-agri-48", "w-viewer-48", "w-env-68"):
        assert client.post("/api/pollution-sources", json=feature, headers=staff[who]).status_code == 403, who
    created = new_source(client, session, staff["w-admin"])
    for who in ("w-agri-48", "w-env-68"):
        response = post_sample(client, created["id"], effluent_body(), staff[who])
        assert response.status_code == 403, who
    assert samples_of(session, created["id"]) == 0


def test_the_public_sees_public_fields_and_staff_in_scope_the_owner(
    client: TestClient, source: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    assert source["properties"]["owner_name"] == "Nguyễn Văn Chủ"
    public = client.get(f"/api/pollution-sources/{source['id']}").json()["properties"]
    assert "owner_name" not in public and "owner_phone" not in public
    listed = client.get("/api/pollution-sources", params={"limit": 1000}).json()["features"]
    assert all("owner_name" not in f["properties"] for f in listed)
    other = client.get(f"/api/pollution-sources/{source['id']}", headers=staff["w-env-68"]).json()
    assert "owner_name" not in other["properties"]
    own = client.get(f"/api/pollution-sources/{source['id']}", headers=staff["w-env-48"]).json()
    assert own["properties"]["owner_phone"] == "0912345678"


@pytest.mark.parametrize(
    ("geometry", "properties", "says"),
    [
        ({"type": "Point", "coordinates": [2.35, 48.85]}, {}, "outside Vietnam"),
        (None, {"source_type": "volcano"}, "source_type"),
        (None, {"regulation_code": "QCVN 01-1"}, "not an effluent regulation"),
        (None, {"regulation_column": "C"}, "not a column of QCVN 62"),
        (None, {"actual_discharge_m3_day": -5}, "actual_discharge_m3_day"),
        (None, {"name": None}, "name"),
    ],
)
def test_bad_sources_are_refused_with_the_reason(
    client: TestClient,
    session: Session,
    staff: dict[str, dict[str, str]],
    geometry: dict[str, Any] | None,
    properties: dict[str, Any],
    says: str,
) -> None:
    _, lon, lat = commune_point(session, DA_NANG, skip=2)
    before = session.execute(text("SELECT count(*) FROM pollution_sources")).scalar_one()
    feature = source_feature(geometry or point(lon, lat), **properties)
    response = client.post("/api/pollution-sources", json=feature, headers=staff["w-env-48"])
    assert response.status_code in (400, 422), response.text
    assert says in response.text
    assert session.execute(text("SELECT count(*) FROM pollution_sources")).scalar_one() == before


def test_a_version_of_a_regulation_names_the_regulation(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    created = new_source(client, session, staff["w-env-48"], regulation_code="QCVN 40:2011/BTNMT")
    assert created["properties"]["regulation_code"] == "QCVN 40"


def test_samples_before_september_2025_are_judged_by_the_2016_limits(
    client: TestClient, session: Session, source: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    response = post_sample(client, source["id"], effluent_body("2025-06-10", cod=420), staff["w-env-48"])
    assert response.status_code == 201, response.text
    sample = response.json()
    assert (sample["verdict"], sample["regulation"], sample["column"], sample["version"]) == (
        "exceed",
        "QCVN 62",
        "B",
        "QCVN 62-MT:2016/BTNMT",
    )
    cod = next(r for r in sample["results"] if r["parameter"] == "cod")["judgement"]
    assert (cod["verdict"], cod["exceed_by"], cod["confirmed"]) == ("exceed", 120.0, False)
    assert cod["limits"][0]["max"] == 300
    passing = post_sample(client, source["id"], effluent_body("2025-07-01"), staff["w-env-48"]).json()
    assert passing["verdict"] == "pass"
    row = source_row(session, source["id"])
    assert (row.latest_sample_status, row.latest_sample_on, row.last_exceedance_on) == (
        "pass",
        date(2025, 7, 1),
        date(2025, 6, 10),
    )


def test_samples_after_august_2025_are_not_assessable_for_want_of_2025_limits(
    client: TestClient, session: Session, source: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    post_sample(client, source["id"], effluent_body("2025-08-31", cod=420), staff["w-env-48"])
    response = post_sample(client, source["id"], effluent_body("2025-09-01", cod=420), staff["w-env-48"])
    assert response.status_code == 201, response.text
    sample = response.json()
    assert (sample["verdict"], sample["version"]) == ("not_assessable", "QCVN 62:2025/BTNMT")
    assert {r["judgement"]["reason"] for r in sample["results"]} == {"not_regulated"}
    row = source_row(session, source["id"])
    assert (row.latest_sample_status, row.last_exceedance_on) == ("not_assessable", date(2025, 8, 31))
    listed = client.get(f"/api/pollution-sources/{source['id']}/samples").json()
    assert [s["verdict"] for s in listed] == ["not_assessable", "exceed"]


def test_an_industrial_source_is_judged_by_qcvn_40_column_a(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    created = new_source(
        client,
        session,
        staff["w-env-48"],
        source_type="industrial_facility",
        regulation_code="QCVN 40",
        regulation_column="A",
    )
    body = effluent_body("2025-05-05", bod5=35, cod=70, tss=40)
    body["results"].append({"parameter": "Coliform", "value": 2500, "unit": "MPN/100mL"})
    sample = post_sample(client, created["id"], body, staff["w-env-48"]).json()
    bod = next(r for r in sample["results"] if r["parameter"] == "bod5")["judgement"]
    assert (sample["verdict"], bod["verdict"], bod["limits"][0]["max"]) == ("exceed", "exceed", 30)
    coliform = next(r for r in sample["results"] if r["parameter"] == "coliform")["judgement"]
    assert coliform["verdict"] == "pass"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"results": [{"parameter": "unobtainium", "value": 1, "unit": "mg/L"}]}, "parameter"),
        ({"results": [{"parameter": "cod", "value": 1, "unit": "furlong"}]}, "unit"),
        ({"results": [{"parameter": "ph", "value": 40, "unit": "-"}]}, "value"),
        ({"sampled_on": (date.today() + timedelta(days=3)).isoformat()}, "sampled_on"),
        ({"sampling_point": " "}, "sampling_point"),
        ({"colour_of_sky": "blue"}, "colour_of_sky"),
    ],
)
def test_bad_samples_are_refused_whole(
    client: TestClient,
    session: Session,
    source: dict[str, Any],
    staff: dict[str, dict[str, str]],
    change: dict[str, Any],
    field: str,
) -> None:
    body = effluent_body() | change
    response = post_sample(client, source["id"], body, staff["w-env-48"])
    assert response.status_code == 422, response.text
    assert field in {p["field"] for p in response.json()["problems"]}
    assert samples_of(session, source["id"]) == 0
    assert source_row(session, source["id"]).latest_sample_status == "never_sampled"


def test_a_sample_needs_the_sources_regulation_and_is_not_stored_twice(
    client: TestClient, session: Session, source: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    assert post_sample(client, source["id"], effluent_body(), staff["w-env-48"]).status_code == 201
    again = post_sample(client, source["id"], effluent_body(), staff["w-env-48"])
    assert again.status_code == 409
    bare = new_source(
        client,
        session,
        staff["w-env-48"],
        source_type="landfill",
        regulation_code=None,
        regulation_column=None,
    )
    response = post_sample(client, bare["id"], effluent_body(), staff["w-env-48"])
    assert response.status_code == 422 and "regulation_code" in response.text
    assert client.get("/api/pollution-sources/999999/samples").status_code == 404


def test_inspections_are_for_staff_in_scope(
    client: TestClient, session: Session, source: dict[str, Any], staff: dict[str, dict[str, str]]
) -> None:
    url = f"/api/pollution-sources/{source['id']}/inspections"
    body = {
        "inspected_on": "2025-07-15",
        "inspector": "Đoàn kiểm tra Sở NN&MT",
        "findings": "Hầm biogas quá tải, nước thải tràn ra suối",
        "violation": True,
        "violation_description": "Xả nước thải vượt quy chuẩn",
        "penalty_vnd": 45_000_000,
        "penalty_decision": "12/QĐ-XPHC",
        "follow_up": "Nâng cấp hệ thống xử lý trong 3 tháng",
    }
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers=staff["w-agri-48"]).status_code == 403
    created = client.post(url, json=body, headers=staff["w-env-48"])
    assert created.status_code == 201, created.text
    assert created.json()["penalty_vnd"] == 45_000_000
    assert client.get(url).status_code == 401
    assert client.get(url, headers=staff["w-env-68"]).status_code == 403
    listed = client.get(url, headers=staff["w-env-48"]).json()
    assert [i["penalty_decision"] for i in listed] == ["12/QĐ-XPHC"]


@pytest.mark.parametrize(
    "change",
    [
        {"violation": False},  # a penalty without a violation
        {"penalty_decision": None},  # a fine without its decision
        {"inspected_on": "2099-01-01"},
        {"penalty_vnd": -1},
    ],
)
def test_bad_inspections_are_refused(
    client: TestClient,
    session: Session,
    source: dict[str, Any],
    staff: dict[str, dict[str, str]],
    change: dict[str, Any],
) -> None:
    body = {
        "inspected_on": "2025-07-15",
        "inspector": "Đoàn kiểm tra",
        "findings": "Có vi phạm",
        "violation": True,
        "violation_description": "Xả thải",
        "penalty_vnd": 1_000_000,
        "penalty_decision": "1/QĐ",
    } | change
    url = f"/api/pollution-sources/{source['id']}/inspections"
    response = client.post(url, json=body, headers=staff["w-env-48"])
    assert response.status_code == 422, response.text
    count = session.execute(text("SELECT count(*) FROM pollution_inspections")).scalar_one()
    assert count == 0


def test_a_write_bumps_the_layer_version(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    def version() -> int:
        found = session.execute(
            text("SELECT version FROM table_versions WHERE table_name = 'pollution_sources'")
        ).scalar()
        return int(found or 0)

    before = version()
    created = new_source(client, session, staff["w-env-48"])
    assert version() > before
    between = version()
    post_sample(client, created["id"], effluent_body(cod=999), staff["w-env-48"])
    assert version() > between  # the latest status changed on the source
