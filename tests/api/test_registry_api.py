"""The registry over HTTP: decisions, their history, versions, `?at=`, dry-run checks, bad input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import tokens
from tests.places import free_spot, square
from tests.registry import area_feature, staff

DECISION = {
    "reason": "Đủ điều kiện cấp mã",
    "document_number": "45/QĐ-TTBVTV",
    "document_date": "2025-10-02",
    "authority": "Chi cục Trồng trọt và BVTV Lâm Đồng",
}


@pytest.fixture
def headers(session: Session) -> dict[str, dict[str, str]]:
    """Bearer headers for a commune officer (drafter), two province officers and a viewer."""
    people = {
        "xa": staff(session, "t.xa", level="commune", provinces=(), communes=tuple(communes(session))),
        "tinh": staff(session, "t.tinh"),
        "tinh2": staff(session, "t.tinh2"),
        "viewer": staff(session, "t.viewer", role="viewer", level=None),
    }
    return {
        key: {
            "Authorization": f"Bearer {tokens.issue(session, p.user_id, 'bearer', timedelta(hours=1)).token}"
        }
        for key, p in people.items()
    }


def communes(session: Session) -> list[str]:
    return list(
        session.execute(
            text("SELECT code FROM admin_units WHERE level = 'commune' AND parent_code = '68'")
        ).scalars()
    )


def create(client: TestClient, session: Session, who: dict[str, str], **properties: Any) -> dict[str, Any]:
    _, x, y = free_spot(session, "68")
    response = client.post("/api/growing-areas", json=area_feature(square(x, y), **properties), headers=who)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_draft_submit_issue_over_http(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    created = create(
        client, session, headers["xa"], households=[{"name": "Trần Thị B", "phone": "0987654321"}]
    )
    url = f"/api/growing-areas/{created['id']}"
    assert client.get(url).status_code == 404  # the public never sees a draft
    assert (
        client.get(url, headers=headers["viewer"]).json()["properties"]["households"][0]["name"]
        == "Trần Thị B"
    )
    submitted = client.post(
        f"{url}/transitions", json={"action": "submit", "reason": "Nộp hồ sơ"}, headers=headers["xa"]
    )
    assert submitted.status_code == 200 and submitted.json()["properties"]["status"] == "submitted"
    refused = client.post(f"{url}/transitions", json={"action": "issue", **DECISION}, headers=headers["xa"])
    assert refused.status_code == 403 and "province-level" in refused.json()["description"]
    stale = client.post(
        f"{url}/transitions",
        json={"action": "issue", **DECISION},
        headers={**headers["tinh"], "If-Match": '"v1"'},
    )
    assert stale.status_code == 412
    issued = client.post(f"{url}/transitions", json={"action": "issue", **DECISION}, headers=headers["tinh"])
    assert issued.status_code == 200, issued.text
    code = issued.json()["properties"]["code"]
    assert code.startswith("VN-68-") and code.endswith("-25") and issued.headers["etag"] == '"v3"'
    public = client.get(url).json()["properties"]
    assert public["code"] == code and "households" not in public and "representative_phone" not in public
    again = client.post(f"{url}/transitions", json={"action": "issue", **DECISION}, headers=headers["tinh2"])
    assert again.status_code == 409 and "'issued'" in again.json()["description"]

    steps = client.get(f"{url}/transitions", headers=headers["viewer"]).json()
    assert [s["action"] for s in steps] == ["submit", "issue"] and steps[1]["authority"] == DECISION[
        "authority"
    ]
    assert client.get(f"{url}/transitions").status_code == 401
    versions = client.get(f"{url}/versions", headers=headers["viewer"]).json()
    assert [v["status"] for v in versions] == ["draft", "submitted", "issued"]
    today = client.get(url, params={"at": "2099-01-01"}).json()
    assert today["properties"]["status"] == "issued"
    assert client.get(url, params={"at": "2001-01-01"}).status_code == 404
    assert client.get(url, params={"at": "yesterday"}).status_code == 400


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"action": "approve", "reason": "x"}, 400, "unknown action 'approve'"),
        ({"action": "submit"}, 400, "reason"),
        ({"action": "submit", "reason": "x" * 2001}, 400, "reason"),
        ({"action": "submit", "reason": "x", "extra": 1}, 400, "extra"),
        ({"action": "submit", "reason": "x", "document_date": "15/09/2025"}, 400, "document_date"),
    ],
)
def test_bad_decisions_get_a_4xx_and_change_nothing(
    client: TestClient,
    session: Session,
    headers: dict[str, dict[str, str]],
    body: dict[str, Any],
    status: int,
    words: str,
) -> None:
    created = create(client, session, headers["xa"])
    response = client.post(
        f"/api/growing-areas/{created['id']}/transitions", json=body, headers=headers["xa"]
    )
    assert response.status_code == status and words in response.text
    assert (
        client.get(f"/api/growing-areas/{created['id']}", headers=headers["xa"]).json()["properties"][
            "status"
        ]
        == "draft"
    )


def test_the_dry_run_check_returns_the_overlap_to_draw(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    issued = session.execute(
        text(
            "SELECT id, code, ST_AsGeoJSON(geom) FROM growing_areas WHERE status = 'issued' AND commune_code "
            "LIKE '2%' AND ST_Area(geom::geography) > 30000 ORDER BY id LIMIT 1"
        )
    ).one()
    import json

    geometry = json.loads(issued[2])
    body = {"type": "Feature", "geometry": geometry, "properties": {"crop": "sầu riêng"}}
    answer = client.post("/api/growing-areas/checks", json=body, headers=headers["tinh"]).json()
    assert answer["ok"] is False
    overlap = next(p for p in answer["problems"] if p["check"] == "overlap")
    assert overlap["other"]["code"] == issued[1] and overlap["geometry"]["type"] in (
        "Polygon",
        "MultiPolygon",
    )
    itself = client.post(
        "/api/growing-areas/checks", json={**body, "id": issued[0]}, headers=headers["tinh"]
    ).json()
    assert all(p["check"] != "overlap" for p in itself["problems"])  # an area never overlaps itself
    assert client.post("/api/growing-areas/checks", json=body).status_code == 401
    assert client.post("/api/growing-areas/checks", json=body, headers=headers["viewer"]).status_code == 403
    swapped = {
        **body,
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[11.9, 108.4], [11.9, 108.41], [11.91, 108.4], [11.9, 108.4]]],
        },
    }
    response = client.post("/api/growing-areas/checks", json=swapped, headers=headers["tinh"])
    assert response.status_code == 400 and "[latitude, longitude]" in response.json()["description"]


def test_a_body_that_is_no_json_object_gets_a_422(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    for body, kind in [(b"[]", "a list"), (b'"s"', "a string"), (b"1", "a number"), (b"null", "null")]:
        for url in ("/api/growing-areas/checks", "/api/growing-areas"):
            response = client.post(url, content=body, headers=headers["tinh"])
            assert response.status_code == 422, (url, body, response.text)
            assert f"must be a JSON object (a GeoJSON Feature), not {kind}" in response.json()["description"]


def test_a_failed_check_on_create_lists_every_problem_and_writes_nothing(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    before = session.execute(text("SELECT count(*) FROM growing_areas")).scalar_one()
    _, x, y = free_spot(session, "68")
    tiny = area_feature(square(x, y, half=0.0001), crop="cà phê", issued_commune_code="99999")
    response = client.post("/api/growing-areas", json=tiny, headers=headers["tinh"])
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "registry_check_failed"
    assert {p["check"] for p in body["problems"]} == {"min_area", "commune"}
    assert session.execute(text("SELECT count(*) FROM growing_areas")).scalar_one() == before


def test_staff_only_layers_need_a_sign_in(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    for layer in ("growing_area_dossiers", "overlap_conflicts"):
        assert client.get(f"/ogc/collections/{layer}/items").status_code == 404
        items = client.get(f"/ogc/collections/{layer}/items", headers=headers["viewer"])
        assert items.status_code == 200
    ids = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    assert "growing_area_dossiers" not in ids
    ids = [c["id"] for c in client.get("/ogc/collections", headers=headers["viewer"]).json()["collections"]]
    assert "growing_area_dossiers" in ids and "overlap_conflicts" in ids
    layers = [layer["id"] for layer in client.get("/api/layers", headers=headers["viewer"]).json()["layers"]]
    assert "overlap_conflicts" in layers


@pytest.mark.parametrize(
    "path",
    [
        "/api/growing-areas/99999999999/versions",
        "/api/growing-areas/99999999999/transitions",
        "/api/growing-areas/99999999999/seasons",
        "/api/growing-areas/99999999999/attachments/1",
        "/api/growing-areas/99999999999/sheet.html",
        "/api/packing-houses/99999999999/lots",
        "/api/packing-houses/99999999999/sheet.html",
    ],
)
def test_ids_beyond_32_bits_are_refused_by_name(
    client: TestClient, headers: dict[str, dict[str, str]], path: str
) -> None:
    """An id no row can have is the caller's mistake (4xx naming it), never a database error."""
    response = client.get(path, headers=headers["tinh"])
    assert response.status_code == 400, response.text
    assert "id" in response.json()["description"].lower()
