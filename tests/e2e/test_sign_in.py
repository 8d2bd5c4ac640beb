"""Signing in and out on the map and using the admin page, in a real browser against a live server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, delete
from sqlalchemy.pool import NullPool

from gisapp.db import make_session_factory, session_scope
from gisapp.models import User
from gisapp.services import accounts
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu trình duyệt"  # noqa: S105 (a test account)
OFFICER = accounts.NewAccount("e2e.canbo", "Nguyễn Thị Thử", PASSWORD, "agri_officer", "province", ("68",))
ADMIN = accounts.NewAccount("e2e.quantri", "Trần Văn Quản", PASSWORD, "admin")


@pytest.fixture
def live_accounts(live_database_url: str) -> Iterator[None]:
    """The test accounts, committed to the live server's database and removed afterwards."""
    engine = create_engine(live_database_url, poolclass=NullPool)
    passwords = Passwords.for_settings(Settings(environment="test"))  # the live server's parameters
    usernames = [OFFICER.username, ADMIN.username, "e2e.moi"]
    try:
        with session_scope(make_session_factory(engine)) as session:
            for new in (OFFICER, ADMIN):
                accounts.create_account(session, new, passwords)
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(delete(User).where(User.username.in_(usernames)))
        engine.dispose()


def sign_in(page: Page, username: str, password: str, prefix: str = "gisapp-signin") -> None:
    page.fill(f"#{prefix}-username", username)
    page.fill(f"#{prefix}-password", password)
    page.click(f"#{prefix}-password >> xpath=ancestor::form//button[@type='submit']")


def open_map(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/")
    page.wait_for_selector("body[data-state=ready]")
    page.evaluate("window.gisapp.session")


def test_sign_in_shows_name_role_and_scope_then_sign_out(
    map_page: Page, browser_log: Any, live_server: str, live_accounts: None
) -> None:
    open_map(map_page, live_server)
    toggle = map_page.locator(".gisapp-auth-toggle")
    expect(toggle).to_have_text("Đăng nhập")
    toggle.click()
    sign_in(map_page, OFFICER.username, PASSWORD)

    summary = map_page.locator(".gisapp-user")
    expect(summary.locator(".gisapp-user-name")).to_have_text("Nguyễn Thị Thử")
    expect(summary.locator(".gisapp-user-role")).to_have_text("Cán bộ nông nghiệp (cấp tỉnh)")
    expect(summary.locator(".gisapp-user-scope")).to_contain_text("tỉnh Lâm Đồng")
    expect(toggle).to_have_text("Nguyễn Thị Thử")

    map_page.reload()  # the HttpOnly cookie survives; the page asks the server who is signed in
    map_page.wait_for_selector("body[data-state=ready]")
    expect(toggle).to_have_text("Nguyễn Thị Thử")
    map_page.click(".gisapp-lang-toggle")
    toggle.click()
    expect(summary.locator(".gisapp-user-role")).to_have_text("Agriculture officer (province level)")

    summary.locator(".gisapp-signout").click()
    expect(toggle).to_have_text("Sign in")
    session = map_page.evaluate("fetch('/api/auth/session').then((r) => r.json())")
    assert session == {"session": None}
    assert map_page.context.cookies() == [] or all(
        c["name"] != "gisapp_session" or not c["value"] for c in map_page.context.cookies()
    )
    assert browser_log.errors == []


def test_wrong_password_says_so(
    map_page: Page, browser_log: Any, live_server: str, live_accounts: None
) -> None:
    open_map(map_page, live_server)
    map_page.click(".gisapp-auth-toggle")
    sign_in(map_page, OFFICER.username, "không phải mật khẩu")
    expect(map_page.locator(".gisapp-signin-error")).to_have_text("Sai tên đăng nhập hoặc mật khẩu.")
    expect(map_page.locator(".gisapp-auth-toggle")).to_have_text("Đăng nhập")
    # The browser reports the refused request itself; nothing else may fail.
    others = [e for e in browser_log.errors if "status of 401" not in e]
    assert others == []


def test_admin_page_creates_and_disables_an_account(
    map_page: Page, browser_log: Any, live_server: str, live_accounts: None
) -> None:
    map_page.set_viewport_size({"width": 390, "height": 844})  # a phone
    map_page.goto(f"{live_server}/admin")
    map_page.wait_for_selector("body[data-state=ready]")
    sign_in(map_page, ADMIN.username, PASSWORD, prefix="admin-signin")
    expect(map_page.locator("[data-username='e2e.canbo']")).to_contain_text("Nguyễn Thị Thử")

    map_page.click(".admin-new summary")
    map_page.fill("#new-username", "e2e.moi")
    map_page.fill("#new-display-name", "Lê Thị Mới")
    map_page.fill("#new-password", "mật khẩu mới đủ dài")
    map_page.select_option("#new-role", "viewer")
    map_page.check("#new-p-68")
    map_page.click(".admin-new button[type=submit]")
    created = map_page.locator("[data-username='e2e.moi']")
    expect(created).to_contain_text("Người xem · tỉnh Lâm Đồng")

    created.get_by_role("button", name="Vô hiệu hóa").click()
    expect(created.locator(".admin-state")).to_have_text("Đã vô hiệu hóa")
    assert browser_log.errors == []
