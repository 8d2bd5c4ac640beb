"""POST /api/growing-areas/{id}/split: one area cut in two in one transaction, through the write path."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from shapely.geometry import shape
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import tokens
from tests.places import free_spot, square
from tests.registry import area_feature, staff

HALF = 0.002  # a square of about 440 m a side: some 19 ha


@pytest.fixture
def who(session: Session) -> dict[str, dict[str, str]]:
    people = {
        "officer": staff(session, "t.tach"),
        "viewer": staff(session, "t.xem", role="viewer", level=None),
    }
    return {
        key: {
            "Authorization": f"Bearer {tokens.issue(session, p.user_id, 'bearer', timedelta(hours=1)).token}"
        }
        for key, p in people.items()
    }


def created(
    client: TestClient, session: Session, who: dict[str, str], **properties: Any
) -> tuple[int, float, float]:
    _, x, y = free_spot(session, "68")
    feature = area_feature(square(x, y, HALF), representative_name="Nguyễn Văn Tách", **properties)
    response = client.post("/api/growing-areas", json=feature, headers=who)
    assert response.status_code == 201, response.text
    return int(response.json()["id"]), x, y


def cut(x: float, y: float, at: float) -> dict[str, Any]:
    """A north-south line at x + at, from below the square to above it."""
    return {"type": "LineString", "coordinates": [[x + at, y - 2 * HALF], [x + at, y + 2 * HALF]]}


def count(session: Session) -> int:
    return int(session.execute(text("SELECT count(*) FROM growing_areas")).scalar_one())


def test_the_larger_part_keeps_the_record_and_the_other_becomes_a_draft(
    client: TestClient, session: Session, who: dict[str, dict[str, str]]
) -> None:
    area_id, x, y = created(client, session, who["officer"], variety="Ri6", households=[{"name": "Hộ Một"}])
    before = session.execute(
        text("SELECT area_ha FROM growing_areas WHERE id = :id"), {"id": area_id}
    ).scalar_one()
    response = client.post(
        f"/api/growing-areas/{area_id}/split",
        json={"line": cut(x, y, -HALF / 2)},
        headers={**who["officer"], "If-Match": '"v1"'},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    kept, new = body["kept"], body["created"]
    assert response.headers["ETag"] == '"v2"'
    assert response.headers["Location"] == f"/api/growing-areas/{new['id']}"
    assert kept["id"] == area_id and kept["properties"]["status"] == "draft"
    assert new["properties"]["status"] == "draft"
    assert new["properties"]["name"] == "Vùng sầu riêng thử nghiệm – phần tách"
    assert (new["properties"]["crop"], new["properties"]["variety"]) == ("sầu riêng", "Ri6")
    assert new["properties"]["representative_name"] == "Nguyễn Văn Tách"
    assert new["properties"]["households"] == [] and len(kept["properties"]["households"]) == 1
    assert kept["properties"]["area_ha"] > new["properties"]["area_ha"]
    total = kept["properties"]["area_ha"] + new["properties"]["area_ha"]
    assert total == pytest.approx(float(before), abs=0.001)
    shared = shape(kept["geometry"]).intersection(shape(new["geometry"]))
    assert shared.area == 0 and shared.length == pytest.approx(2 * HALF)  # the side of the square
    actions = session.execute(
        text(
            "SELECT action FROM audit_records WHERE entity = 'growing_areas' AND entity_id IN (:a, :b) "
            "ORDER BY id"
        ),
        {"a": str(area_id), "b": str(new["id"])},
    ).scalars()
    assert list(actions) == ["create", "update", "create"]


def test_new_part_properties_can_be_given(
    client: TestClient, session: Session, who: dict[str, dict[str, str]]
) -> None:
    area_id, x, y = created(client, session, who["officer"])
    response = client.post(
        f"/api/growing-areas/{area_id}/split",
        json={"line": cut(x, y, 0), "properties": {"name": "Lô phía tây", "crop": "cà phê"}},
        headers={**who["officer"], "If-Match": '"v1"'},
    )
    assert response.status_code == 201, response.text
    assert response.json()["created"]["properties"]["name"] == "Lô phía tây"
    assert response.json()["created"]["properties"]["crop"] == "cà phê"


def test_a_part_below_the_minimum_area_refuses_the_whole_split(
    client: TestClient, session: Session, who: dict[str, dict[str, str]]
) -> None:
    area_id, x, y = created(client, session, who["officer"])
    total = count(session)
    # A sliver of about 0.5 ha: below durian's 1 ha, so the new draft fails its checks.
    response = client.post(
        f"/api/growing-areas/{area_id}/split",
        json={"line": cut(x, y, HALF * 0.95)},
        headers={**who["officer"], "If-Match": '"v1"'},
    )
    assert response.status_code == 422, response.text
    assert [p["check"] for p in response.json()["problems"]] == ["min_area"]
    assert count(session) == total
    version = session.execute(text("SELECT row_version FROM growing_areas WHERE id = :id"), {"id": area_id})
    assert version.scalar_one() == 1  # the kept part's update was undone with the refused create


def test_refusals(client: TestClient, session: Session, who: dict[str, dict[str, str]]) -> None:
    area_id, x, y = created(client, session, who["officer"])
    url = f"/api/growing-areas/{area_id}/split"
    body = {"line": cut(x, y, 0)}
    current = {**who["officer"], "If-Match": '"v1"'}
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers={**who["viewer"], "If-Match": '"v1"'}).status_code == 403
    assert client.post(url, json=body, headers=who["officer"]).status_code == 428
    assert client.post(url, json=body, headers={**who["officer"], "If-Match": '"v7"'}).status_code == 412
    assert client.post("/api/growing-areas/999999999/split", json=body, headers=current).status_code == 404
    missing = client.post(url, json={"line": cut(x, y, 3 * HALF)}, headers=current)
    assert missing.status_code == 422 and "edge to edge" in missing.json()["description"]
    extra = client.post(url, json={**body, "geometry": None}, headers=current)
    assert extra.status_code == 422
    assert missing.json()["code"] == extra.json()["code"] == "invalid_input"
    assert client.get(f"/api/growing-areas/{area_id}", headers=who["officer"]).headers["ETag"] == '"v1"'
