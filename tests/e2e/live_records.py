"""Accounts and growing areas committed to the live server's database for browser tests, and removed
afterwards; signing in with the map's own form."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, delete, text

from gisapp.db import make_session_factory, session_scope
from gisapp.models import User
from gisapp.services import accounts
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings
from tests.places import free_spot


@contextmanager
def committed_accounts(engine: Engine, *people: accounts.NewAccount) -> Iterator[None]:
    """The accounts, hashed with the live server's (test) parameters, deleted when the block ends."""
    passwords = Passwords.for_settings(Settings(environment="test"))
    try:
        with session_scope(make_session_factory(engine)) as session:
            for new in people:
                accounts.create_account(session, new, passwords)
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(delete(User).where(User.username.in_([p.username for p in people])))


def bearer(live_server: str, account: accounts.NewAccount) -> dict[str, str]:
    """Authorization headers for an API token of the account."""
    response = httpx.post(
        f"{live_server}/api/auth/token", data={"username": account.username, "password": account.password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def free_ground(engine: Engine, province: str, skip: int) -> tuple[str, float, float]:
    """(commune, lon, lat) of a spot clear of every growing area in the live database."""
    with session_scope(make_session_factory(engine)) as session:
        return free_spot(session, province, skip=skip)


@contextmanager
def committed_area(
    live_server: str, engine: Engine, headers: dict[str, str], feature: dict[str, Any]
) -> Iterator[int]:
    """A growing area created through the API; it and its audit records are deleted afterwards."""
    created = httpx.post(f"{live_server}/api/growing-areas", json=feature, headers=headers)
    assert created.status_code == 201, created.text
    area_id = int(created.json()["id"])
    try:
        yield area_id
    finally:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM growing_areas WHERE id = :id"), {"id": area_id})
            connection.execute(
                text("DELETE FROM audit_records WHERE entity = 'growing_areas' AND entity_id = :id"),
                {"id": str(area_id)},
            )


LAYER_SWITCHER = ".leaflet-control-layers-overlays label"


def sign_in(page: Page, account: accounts.NewAccount) -> None:
    """Sign in with the map's own form, then fold the account panel away."""
    toggle = page.locator(".gisapp-auth-toggle")
    toggle.click()
    page.get_by_label("Tên đăng nhập").fill(account.username)
    page.get_by_label("Mật khẩu").fill(account.password)
    page.locator(".gisapp-signin-form").get_by_role("button", name="Đăng nhập").click()
    expect(toggle).to_have_text(account.display_name)
    toggle.click()
    # Staff-only layers join the catalog once signed in.
    expect(page.locator(LAYER_SWITCHER, has_text="Hồ sơ đang xử lý")).to_have_count(1)
