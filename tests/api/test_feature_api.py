"""`/api/growing-areas` over HTTP: the role × route matrix, scope, If-Match, audit history, privacy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import tokens
from tests.places import free_spot

ACCOUNTS: dict[str, tuple[str, str | None, list[str], list[str]]] = {
    # username: (role, level, provinces, communes)
    "t-admin": ("admin", None, [], []),
    "t-agri-68": ("agri_officer", "province", ["68"], []),
    "t-agri-48": ("agri_officer", "province", ["48"], []),
    "t-env-68": ("env_officer", "province", ["68"], []),
    "t-viewer-68": ("viewer", None, ["68"], []),
}


@pytest.fixture
def bearer(session: Session) -> dict[str, dict[str, str]]:
    """An Authorization header per test account (accounts made in the test's transaction)."""
    headers = {}
    for username, (role, level, provinces, communes) in ACCOUNTS.items():
        user_id = session.execute(
            text(
                "INSERT INTO users (username, display_name, password_hash, role, level, scope_provinces, "
                "scope_communes) VALUES (:u, :u, '!', :r, :l, :p, :c) RETURNING id"
            ),
            {"u": username, "r": role, "l": level, "p": provinces, "c": communes},
        ).scalar_one()
        token = tokens.issue(session, user_id, "bearer", timedelta(hours=1)).token
        headers[username] = {"Authorization": f"Bearer {token}"}
    return headers


def point_in(session: Session, province: str, skip: int = 0) -> tuple[float, float]:
    """A corner for a new plot, inside a commune and clear of the demo plots."""
    _, x, y = free_spot(session, province, skip=skip)
    return x - 0.0015, y - 0.0015


def publish(session: Session, feature_id: int) -> None:
    """Mark a test dossier issued (decisions have their own tests), so public routes show it."""
    session.execute(text("UPDATE growing_areas SET status = 'issued' WHERE id = :id"), {"id": feature_id})


def new_feature(x: float, y: float) -> dict[str, Any]:
    ring = [[x, y], [x + 0.003, y], [x + 0.003, y + 0.003], [x, y + 0.003], [x, y]]
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {
            "name": "Vùng thử",
            "crop": "sầu riêng",
            "representative_phone": "0912",
        },
    }


def test_anonymous_write_is_401_before_the_body_is_read(client: TestClient) -> None:
    response = client.post("/api/growing-areas", content=b"{not json")
    assert response.status_code == 401
    response = client.patch("/api/growing-areas/1", content=b"")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("who", "status"),
    [("t-admin", 201), ("t-agri-68", 201), ("t-agri-48", 403), ("t-env-68", 403), ("t-viewer-68", 403)],
)
def test_create_role_matrix(
    client: TestClient, session: Session, bearer: dict[str, dict[str, str]], who: str, status: int
) -> None:
    x, y = point_in(session, "68")
    response = client.post("/api/growing-areas", json=new_feature(x, y), headers=bearer[who])
    assert response.status_code == status, response.text
    if status == 403:
        assert "scope" in response.json()["description"] or "may not edit" in response.json()["description"]


def test_update_history_and_privacy(
    client: TestClient, session: Session, bearer: dict[str, dict[str, str]]
) -> None:
    x, y = point_in(session, "68")
    created = client.post("/api/growing-areas", json=new_feature(x, y), headers=bearer["t-agri-68"])
    assert created.status_code == 201
    feature_id = created.json()["id"]
    etag = created.headers["etag"]
    assert created.headers["location"] == f"/api/growing-areas/{feature_id}"

    url = f"/api/growing-areas/{feature_id}"
    patch = {"properties": {"name": "Vùng thử đổi tên"}}
    assert client.patch(url, json=patch, headers=bearer["t-agri-68"]).status_code == 428
    changed = client.patch(url, json=patch, headers={**bearer["t-agri-68"], "If-Match": etag})
    assert changed.status_code == 200 and changed.json()["properties"]["name"] == "Vùng thử đổi tên"
    stale = client.patch(url, json=patch, headers={**bearer["t-agri-68"], "If-Match": etag})
    assert stale.status_code == 412
    assert stale.json()["current_etag"] == changed.headers["etag"]
    other = client.patch(
        url, json=patch, headers={**bearer["t-agri-48"], "If-Match": changed.headers["etag"]}
    )
    assert other.status_code == 403

    assert client.get(url).status_code == 404  # a draft dossier is for staff only
    publish(session, feature_id)
    assert "representative_phone" not in client.get(url).json()["properties"]  # anonymous
    assert (
        client.get(url, headers=bearer["t-viewer-68"]).json()["properties"]["representative_phone"] == "0912"
    )
    assert "representative_phone" not in client.get(url, headers=bearer["t-agri-48"]).json()["properties"]

    history = client.get(f"{url}/history", headers=bearer["t-viewer-68"])
    assert [entry["action"] for entry in history.json()] == ["create", "update"]
    assert client.get(f"{url}/history", headers=bearer["t-agri-48"]).status_code == 403
    assert client.get(f"{url}/history").status_code == 401


def test_bad_bodies_get_clear_4xx(
    client: TestClient, session: Session, bearer: dict[str, dict[str, str]]
) -> None:
    headers = bearer["t-agri-68"]
    x, y = point_in(session, "68")
    assert client.post("/api/growing-areas", content=b"{oops", headers=headers).status_code == 422
    swapped = new_feature(y, x)
    response = client.post("/api/growing-areas", json=swapped, headers=headers)
    assert response.status_code == 400 and "[latitude, longitude]" in response.json()["description"]
    extra = new_feature(x, y)
    extra["properties"]["area_ha"] = 3
    response = client.post("/api/growing-areas", json=extra, headers=headers)
    assert response.status_code == 422 and "area_ha" in response.json()["description"]


def test_ogc_items_with_credentials_add_private_fields_in_scope_only(
    client: TestClient, session: Session, bearer: dict[str, dict[str, str]]
) -> None:
    x, y = point_in(session, "68")
    created = client.post("/api/growing-areas", json=new_feature(x, y), headers=bearer["t-agri-68"]).json()
    url = f"/ogc/collections/growing_areas/items/{created['id']}"
    assert client.get(url).status_code == 404  # drafts are never published
    publish(session, created["id"])
    anonymous = client.get(url)
    assert "representative_phone" not in anonymous.json()["properties"]
    in_scope = client.get(url, headers=bearer["t-viewer-68"])
    assert in_scope.json()["properties"]["representative_phone"] == "0912"
    assert in_scope.headers["cache-control"] == "private, no-store"
    out_of_scope = client.get(url, headers=bearer["t-agri-48"])
    assert "representative_phone" not in out_of_scope.json()["properties"]
    page = client.get(
        "/ogc/collections/growing_areas/items", params={"limit": 10000}, headers=bearer["t-agri-48"]
    ).json()
    ours = [f for f in page["features"] if f["id"] == created["id"]]
    assert ours and "representative_phone" not in ours[0]["properties"]
    admin = client.get(url, headers=bearer["t-admin"]).json()
    assert admin["properties"]["representative_phone"] == "0912"


def test_a_write_through_the_api_changes_the_tile_etag(
    client: TestClient, session: Session, bearer: dict[str, dict[str, str]]
) -> None:
    import morecantile

    x, y = point_in(session, "68")
    tile = morecantile.tms.get("WebMercatorQuad").tile(x + 0.0015, y + 0.0015, 15)
    url = f"/ogc/collections/growing_areas/tiles/WebMercatorQuad/15/{tile.y}/{tile.x}"
    before = client.get(url).headers["etag"]
    assert (
        client.post("/api/growing-areas", json=new_feature(x, y), headers=bearer["t-agri-68"]).status_code
        == 201
    )
    after = client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 204  # the new draft is not published, but the layer version moved on
    assert after.headers["etag"] != before
