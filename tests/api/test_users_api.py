"""The admin API: only admins, CSRF on cookie writes, never a password hash, clear 400s."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from gisapp.settings import Settings
from tests.accounts import (
    DA_NANG,
    LAM_DONG,
    LAM_DONG_COMMUNE,
    PASSWORD,
    bearer,
    cookie_login,
    make_user,
)

NEW_USER: dict[str, Any] = {
    "username": "canbo.moi",
    "display_name": "Cán bộ Mới",
    "password": "một mật khẩu đủ dài",
    "role": "agri_officer",
    "level": "commune",
    "communes": [LAM_DONG_COMMUNE],
}


@pytest.fixture
def people(session: Session, settings: Settings) -> dict[str, int]:
    """One account per role; returns their ids."""
    made = [
        make_user(session, settings, "t.admin", "admin"),
        make_user(session, settings, "t.agri", "agri_officer", level="province", provinces=[LAM_DONG]),
        make_user(session, settings, "t.env", "env_officer", level="province", provinces=[DA_NANG]),
        make_user(session, settings, "t.viewer", "viewer", provinces=[LAM_DONG]),
    ]
    return {user.username: user.id for user in made}


def call(client: TestClient, method: str, path: str, headers: dict[str, str], body: object = None) -> Any:
    return client.request(method, path, headers=headers, json=body)


ROUTES = [("GET", "/api/users", None), ("POST", "/api/users", NEW_USER), ("PATCH", "/api/users/{id}", {})]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("t.viewer", 403), ("t.agri", 403), ("t.env", 403), ("t.admin", 0)]
)
def test_role_matrix(
    client: TestClient,
    people: dict[str, int],
    method: str,
    path: str,
    body: object,
    who: str | None,
    status: int,
) -> None:
    headers = bearer(client, who) if who else {}
    response = call(client, method, path.format(id=people["t.viewer"]), headers, body)
    expected = status or {"GET": 200, "POST": 201, "PATCH": 200}[method]
    assert response.status_code == expected, response.text
    if status == 403:
        assert "admin" in response.json()["description"]


def test_anonymous_write_is_401_before_the_body_is_checked(client: TestClient) -> None:
    assert client.post("/api/users", json={"nonsense": True}).status_code == 401
    assert client.patch("/api/users/1", json=[1, 2]).status_code == 401
    malformed = {"Content-Type": "application/json"}
    assert client.post("/api/users", content="{not json", headers=malformed).status_code == 401
    assert client.patch("/api/users/1", content=b"\xff", headers=malformed).status_code == 401


def test_malformed_body_is_400_for_an_admin(client: TestClient, people: dict[str, int]) -> None:
    headers = {**bearer(client, "t.admin"), "Content-Type": "application/json"}
    response = client.post("/api/users", content="{not json", headers=headers)
    assert response.status_code == 400 and "JSON" in response.json()["description"]
    response = client.post("/api/users", json={**NEW_USER, "password": 5}, headers=headers)
    assert response.status_code == 400 and response.json()["parameter"] == "password"
    assert "5" not in response.json()["description"]  # the offending input is never echoed


def test_list_never_shows_password_hashes(client: TestClient, people: dict[str, int]) -> None:
    response = client.get("/api/users", headers=bearer(client, "t.admin"))
    assert "argon2" not in response.text and "password_hash" not in response.text
    users = {u["username"]: u for u in response.json()["users"]}
    assert {"t.admin", "t.agri", "t.env", "t.viewer"} <= set(users)
    agri = users["t.agri"]
    assert agri["provinces"] == [LAM_DONG] and agri["scope"][0]["name"] == "Lâm Đồng"
    assert agri["is_active"] and agri["locked_until"] is None


def test_create_then_sign_in(client: TestClient, people: dict[str, int]) -> None:
    created = client.post("/api/users", json=NEW_USER, headers=bearer(client, "t.admin"))
    assert created.status_code == 201
    body = created.json()
    assert body["username"] == "canbo.moi" and body["scope"][0]["name"] == "Mũi Né"
    assert "password" not in body
    me = client.get("/api/auth/me", headers=bearer(client, "canbo.moi", NEW_USER["password"])).json()
    assert me["user"]["level"] == "commune"


@pytest.mark.parametrize(
    ("change", "parameter", "status"),
    [
        ({"username": "x"}, "username", 400),
        ({"password": "ngắn"}, "password", 400),
        ({"level": None}, "level", 400),
        ({"communes": ["00000"]}, "communes", 400),
        ({"role": "root"}, "role", 400),
        ({"username": "t.agri"}, "username", 409),
    ],
)
def test_create_errors_name_the_field(
    client: TestClient, people: dict[str, int], change: dict[str, object], parameter: str, status: int
) -> None:
    response = client.post("/api/users", json={**NEW_USER, **change}, headers=bearer(client, "t.admin"))
    assert response.status_code == status, response.text
    assert response.json()["parameter"] == parameter


def test_patch_rescopes_disables_and_resets(client: TestClient, people: dict[str, int]) -> None:
    admin = bearer(client, "t.admin")
    agri = bearer(client, "t.agri")
    url = f"/api/users/{people['t.agri']}"
    rescoped = client.patch(url, json={"provinces": [DA_NANG], "display_name": "Cán bộ ĐN"}, headers=admin)
    assert rescoped.status_code == 200
    assert rescoped.json()["provinces"] == [DA_NANG] and rescoped.json()["level"] == "province"
    assert client.get("/api/auth/me", headers=agri).json()["user"]["scope"][0]["code"] == DA_NANG
    assert client.patch(url, json={"is_active": False}, headers=admin).json()["is_active"] is False
    assert client.get("/api/auth/me", headers=agri).status_code == 401  # disabled: its tokens ended
    renewed = "mật khẩu mới rất dài"
    assert client.patch(url, json={"is_active": True, "password": renewed}, headers=admin).is_success
    old = client.post("/api/auth/token", data={"username": "t.agri", "password": PASSWORD})
    assert old.status_code == 401
    assert bearer(client, "t.agri", renewed)
    assert client.patch("/api/users/987654", json={}, headers=admin).status_code == 404
    cleared = client.patch(url, json={"role": "viewer", "level": None}, headers=admin).json()
    assert (cleared["role"], cleared["level"]) == ("viewer", None)


def test_cookie_admin_needs_csrf_to_write(client: TestClient, people: dict[str, int]) -> None:
    csrf = cookie_login(client, "t.admin")
    assert client.get("/api/users").status_code == 200  # reads need no CSRF token
    assert client.post("/api/users", json=NEW_USER).status_code == 403
    assert client.post("/api/users", json=NEW_USER, headers={"X-CSRF-Token": csrf}).status_code == 201
    url = f"/api/users/{people['t.viewer']}"
    assert client.patch(url, json={"is_active": False}).status_code == 403
    assert client.patch(url, json={"is_active": False}, headers={"X-CSRF-Token": csrf}).status_code == 200


def test_admin_units_for_scope_pickers(client: TestClient) -> None:
    provinces = client.get("/api/admin-units").json()["units"]
    assert len(provinces) == 34 and {"level": "province", "code": LAM_DONG, "name": "Lâm Đồng"} in provinces
    communes = client.get("/api/admin-units", params={"province": LAM_DONG}).json()["units"]
    assert any(c["code"] == LAM_DONG_COMMUNE for c in communes)
    assert {c["level"] for c in communes} == {"commune"}
    assert client.get("/api/admin-units", params={"province": "x'--"}).status_code == 400
    assert client.get("/api/admin-units", params={"province": "99"}).json()["units"] == []
