"""Helpers for tests that need real accounts: create one in the test's transaction, sign it in."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from gisapp.models import User
from gisapp.services import accounts
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings

PASSWORD = "mật khẩu đủ dài 2025"  # noqa: S105 (a test account)
LAM_DONG = "68"
DA_NANG = "48"
LAM_DONG_COMMUNE = "22918"  # Mũi Né, a commune of Lâm Đồng since 2025
DA_NANG_COMMUNE = "20194"  # Hải Vân


def make_user(
    session: Session,
    settings: Settings,
    username: str,
    role: str = "viewer",
    *,
    level: str | None = None,
    provinces: Sequence[str] = (),
    communes: Sequence[str] = (),
    password: str = PASSWORD,
    display_name: str | None = None,
) -> User:
    """An account made by the accounts service, with the test settings' (cheap) hashing."""
    new = accounts.NewAccount(
        username, display_name or f"Test {username}", password, role, level, provinces, communes
    )
    return accounts.create_account(session, new, Passwords.for_settings(settings))


def officer(session: Session, settings: Settings, username: str = "t.officer") -> User:
    return make_user(session, settings, username, "agri_officer", level="province", provinces=[LAM_DONG])


def bearer(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    """Authorization headers for an API token of this account."""
    response = client.post("/api/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def cookie_login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign the client in with a cookie session; return the CSRF token to send on writes."""
    response = client.post("/api/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    csrf: str = response.json()["csrf_token"]
    return csrf
