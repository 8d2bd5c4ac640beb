"""Sign-in over HTTP: cookie sessions with CSRF, bearer tokens, one refusal, locks, expiry, sign-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from gisapp.models import AuthToken
from gisapp.services import accounts
from gisapp.settings import Settings
from tests.accounts import LAM_DONG, PASSWORD, bearer, cookie_login, make_user, officer


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/api/auth/login", json={"username": username, "password": password})


def test_login_sets_a_safe_cookie_and_returns_the_user(
    client: TestClient, session: Session, settings: Settings
) -> None:
    officer(session, settings)
    response = login(client, "t.officer")
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("gisapp_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # the test environment is plain http
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["user"]["username"] == "t.officer" and body["user"]["role"] == "agri_officer"
    assert body["user"]["level"] == "province"
    assert body["user"]["scope"] == [
        {"level": "province", "code": LAM_DONG, "name": "Lâm Đồng", "unit_type": "Tỉnh"}
    ]
    assert body["via"] == "cookie" and len(body["csrf_token"]) >= 40
    assert "password" not in response.text and "argon2" not in response.text


def test_me_and_session_follow_the_cookie(client: TestClient, session: Session, settings: Settings) -> None:
    officer(session, settings)
    anonymous = client.get("/api/auth/me")
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "not_authenticated"
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/auth/session").json() == {"session": None}
    csrf = cookie_login(client, "t.officer")
    me = client.get("/api/auth/me").json()
    assert me["user"]["display_name"] == "Test t.officer" and me["csrf_token"] == csrf
    assert client.get("/api/auth/session").json()["session"]["csrf_token"] == csrf


def test_secure_cookie_outside_development(client: TestClient, session: Session, settings: Settings) -> None:
    assert Settings(
        environment="production", database_url="postgresql://x/y", report_address_salt="s" * 16
    ).secure_cookies
    assert not settings.secure_cookies
    assert Settings(environment="test", cookie_secure=True).secure_cookies


def test_every_failure_gets_the_same_answer(client: TestClient, session: Session, settings: Settings) -> None:
    officer(session, settings)
    disabled = make_user(session, settings, "da.nghi")
    accounts.set_active(session, disabled, active=False)
    answers = [
        login(client, "khong.co.ai"),
        login(client, "da.nghi"),
        login(client, "t.officer", "sai mật khẩu rồi"),
        client.post("/api/auth/token", data={"username": "khong.co.ai", "password": PASSWORD}),
        client.post("/api/auth/token", data={"username": "t.officer", "password": "sai mật khẩu rồi"}),
    ]
    assert {a.status_code for a in answers} == {401}
    assert len({a.text for a in answers}) == 1
    assert "Wrong username or password" in answers[0].json()["description"]
    assert "set-cookie" not in answers[0].headers


def test_lockout_after_five_failures(client: TestClient, session: Session, settings: Settings) -> None:
    officer(session, settings)
    for _ in range(settings.login_max_failures):
        assert login(client, "t.officer", "sai mật khẩu rồi").status_code == 401
    locked = login(client, "t.officer")
    assert locked.status_code == 401 and locked.text == login(client, "khong.co.ai").text
    user = accounts.find_by_username(session, "t.officer")
    assert user is not None
    session.refresh(user)
    assert accounts.is_locked(user)
    session.execute(update(type(user)).where(type(user).id == user.id).values(locked_until=None))
    assert login(client, "t.officer").status_code == 200


def test_bearer_token_for_api_clients(client: TestClient, session: Session, settings: Settings) -> None:
    officer(session, settings)
    response = client.post(
        "/api/auth/token", data={"grant_type": "password", "username": "t.officer", "password": PASSWORD}
    )
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["expires_in"] == settings.bearer_token_minutes * 60
    assert body["token_type"] == "bearer"  # noqa: S105 (the OAuth2 token type)
    assert "set-cookie" not in response.headers
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}).json()
    assert me["via"] == "bearer" and me["csrf_token"] is None and me["user"]["username"] == "t.officer"


@pytest.mark.parametrize(
    ("content", "headers", "words"),
    [
        ('{"username": "a", "password": "b"}', {"Content-Type": "application/json"}, "form"),
        ("grant_type=client_credentials&username=a&password=b", None, "grant_type"),
        ("username=t.officer", None, "password"),
        ("username=&password=x", None, "username"),
    ],
)
def test_token_form_errors_are_400(
    client: TestClient, content: str, headers: dict[str, str] | None, words: str
) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/api/auth/token", content=content, headers=headers or form)
    assert response.status_code == 400 and words in response.json()["description"]


def test_bad_bearer_tokens_are_401_even_on_public_routes(
    client: TestClient, session: Session, settings: Settings
) -> None:
    officer(session, settings)
    headers = bearer(client, "t.officer")
    token = headers["Authorization"].removeprefix("Bearer ")
    session.execute(
        update(AuthToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )  # every token of the test transaction has now expired
    for value in (f"Bearer {token}", "Bearer forged-token", "Bearer ", "bearer x" * 300):
        response = client.get("/api/auth/session", headers={"Authorization": value})
        assert response.status_code == 401, value
        assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/auth/session", headers={"Authorization": "Basic dXNlcjpwdw=="}).status_code == 200


def test_expired_cookie_is_simply_anonymous(client: TestClient, session: Session, settings: Settings) -> None:
    officer(session, settings)
    cookie_login(client, "t.officer")
    session.execute(update(AuthToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert client.get("/api/auth/session").json() == {"session": None}
    assert client.get("/api/auth/me").status_code == 401


def test_logout_needs_csrf_with_a_cookie_and_revokes(
    client: TestClient, session: Session, settings: Settings
) -> None:
    officer(session, settings)
    csrf = cookie_login(client, "t.officer")
    refused = client.post("/api/auth/logout")
    assert refused.status_code == 403 and refused.json()["parameter"] == "X-CSRF-Token"
    assert client.post("/api/auth/logout", headers={"X-CSRF-Token": "wrong"}).status_code == 403
    old_cookie = client.cookies.get("gisapp_session")
    done = client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
    assert done.status_code == 204
    assert 'gisapp_session=""' in done.headers["set-cookie"] or "Max-Age=0" in done.headers["set-cookie"]
    assert client.get("/api/auth/me").status_code == 401
    client.cookies.set("gisapp_session", old_cookie or "")  # replaying the old cookie signs nobody in
    assert client.get("/api/auth/me").status_code == 401


def test_logout_with_bearer_needs_no_csrf(client: TestClient, session: Session, settings: Settings) -> None:
    officer(session, settings)
    headers = bearer(client, "t.officer")
    assert client.post("/api/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/auth/me", headers=headers).status_code == 401
    assert client.post("/api/auth/logout").status_code == 401


def test_a_new_login_replaces_the_previous_cookie_session(
    client: TestClient, session: Session, settings: Settings
) -> None:
    officer(session, settings)
    cookie_login(client, "t.officer")
    first = client.cookies.get("gisapp_session")
    cookie_login(client, "t.officer")
    client.cookies.set("gisapp_session", first or "")
    assert client.get("/api/auth/me").status_code == 401


HOSTILE = [
    "a" * 64 + "b",
    "a" * 256,
    "' OR '1'='1' --",
    "admin'; DROP TABLE users; --",
    "admin\x00",
    "\x00",
    "ad\nmin",
    "💥" * 50,
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "Ａｄｍｉｎ",
]


@pytest.mark.parametrize("username", HOSTILE)
def test_hostile_usernames_never_500(client: TestClient, username: str) -> None:
    assert login(client, username).status_code == 401
    token = client.post("/api/auth/token", data={"username": username, "password": PASSWORD})
    assert token.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"username": "a" * 257, "password": "x"},
        {"username": "a", "password": "x" * 1025},
        {"username": "", "password": "x"},
        {"username": ["admin"], "password": "x"},
        {"username": "admin"},
        {"username": "admin", "password": "x", "extra": 1},
    ],
)
def test_malformed_login_bodies_are_400(client: TestClient, body: dict[str, Any]) -> None:
    assert login_raw(client, body).status_code == 400


def login_raw(client: TestClient, body: object) -> Any:
    return client.post("/api/auth/login", json=body)


def test_login_refuses_a_form_post_from_another_site(client: TestClient) -> None:
    """A cross-site HTML form can only send form or text bodies; login reads JSON only."""
    response = client.post(
        "/api/auth/login",
        content="username=admin&password=x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
