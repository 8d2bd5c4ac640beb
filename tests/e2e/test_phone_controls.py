"""On a small phone the map's own buttons leave the middle of the map free, and the account panel
folds away once it has been read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from gisapp.services import accounts
from tests.e2e.live_records import committed_accounts
from tests.e2e.phone import open_map, phone_page

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu nút trên điện thoại"  # noqa: S105 (a test account)
AGRI = accounts.NewAccount("e2e.nutnongnghiep", "Lý Thị Nút", PASSWORD, "agri_officer", "province", ("68",))
ENV = accounts.NewAccount("e2e.nutmoitruong", "Hà Văn Nút", PASSWORD, "env_officer", "province", ("68",))
SMALL_PHONE = {"width": 360, "height": 640}
FINGER_PX = 44  # the smallest touch target the map offers on a phone


@pytest.fixture
def officers(live_engine: Engine) -> Iterator[None]:
    with committed_accounts(live_engine, AGRI, ENV):
        yield


def sign_in_with_the_form(page: Page, account: accounts.NewAccount) -> None:
    page.locator(".gisapp-auth-toggle").click()
    page.get_by_label("Tên đăng nhập").fill(account.username)
    page.get_by_label("Mật khẩu").fill(account.password)
    page.locator(".gisapp-signin-form").get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".gisapp-auth-toggle")).to_have_text(account.display_name)


def map_middle(page: Page) -> float:
    box = page.locator("#map").bounding_box()
    assert box is not None
    return box["y"] + box["height"] / 2


def left_column_bottom(page: Page) -> float:
    bottom: float = page.evaluate(
        "Math.max(...[...document.querySelectorAll('.leaflet-top.leaflet-left > .leaflet-control')]"
        ".map((c) => c.getBoundingClientRect().bottom))"
    )
    return bottom


@pytest.mark.parametrize(
    ("account", "last_button"),
    [(AGRI, "+ Vùng trồng mới"), (ENV, "Hàng chờ báo cáo")],
    ids=["agriculture", "environment"],
)
def test_an_officers_buttons_end_above_the_middle_of_the_map(
    chromium: Browser, live_server: str, officers: None, account: accounts.NewAccount, last_button: str
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, f"phone_controls_{account.role}", viewport=SMALL_PHONE) as page:
        open_map(page, live_server)
        sign_in_with_the_form(page, account)
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name=last_button)).to_be_visible()
        expect(page.get_by_role("button", name="Báo cáo ô nhiễm")).to_be_visible()

        assert left_column_bottom(page) < map_middle(page)
        records = page.locator(".gisapp-registry-button").bounding_box()
        assert records is not None
        assert min(records["width"], records["height"]) >= FINGER_PX
    assert errors == []


def test_the_account_panel_folds_on_a_tap_on_the_map_or_escape(
    chromium: Browser, live_server: str, officers: None
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "phone_account_panel", viewport=SMALL_PHONE) as page:
        open_map(page, live_server)
        toggle = page.locator(".gisapp-auth-toggle")
        sign_in_with_the_form(page, AGRI)
        summary = page.locator(".gisapp-user")
        expect(summary).to_contain_text("Phạm vi")

        page.mouse.click(SMALL_PHONE["width"] / 2, SMALL_PHONE["height"] * 0.75)  # the map, under it all
        expect(summary).to_be_hidden()
        page.get_by_role("button", name="+ Vùng trồng mới").click()  # nothing covers it now
        expect(page.get_by_role("complementary")).to_be_visible()

        toggle.click()
        expect(summary).to_be_visible()
        summary.locator(".gisapp-user-scope").click()  # reading it keeps it open
        expect(summary).to_be_visible()
        page.keyboard.press("Escape")
        expect(summary).to_be_hidden()
        expect(toggle).to_be_focused()
    assert errors == []


def test_a_half_typed_sign_in_stays_open_after_a_tap_on_the_map(chromium: Browser, live_server: str) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "phone_sign_in_form", viewport=SMALL_PHONE) as page:
        open_map(page, live_server)
        page.locator(".gisapp-auth-toggle").click()
        page.get_by_label("Tên đăng nhập").fill("nguoi.dang.go")
        page.mouse.click(SMALL_PHONE["width"] / 2, SMALL_PHONE["height"] * 0.75)
        expect(page.get_by_label("Tên đăng nhập")).to_have_value("nguoi.dang.go")
        page.keyboard.press("Escape")
        expect(page.get_by_label("Tên đăng nhập")).to_be_hidden()
    assert errors == []
