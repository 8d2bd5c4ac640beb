"""The staff's registry table and "waiting for me" in the browser: a province officer on a phone finds
a dossier another officer submitted, opens it from the list, and the map zooms to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from gisapp.services import accounts
from tests.e2e.live_records import bearer, committed_accounts, committed_area, free_ground, sign_in
from tests.e2e.phone import open_map, phone_page
from tests.places import square

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ bảng"  # noqa: S105 (a test account)
DRAFTER = accounts.NewAccount("e2e.bang.soan", "Đỗ Văn Lập", PASSWORD, "agri_officer", "province", ("68",))
DECIDER = accounts.NewAccount("e2e.bang.duyet", "Vũ Thị Duyệt", PASSWORD, "agri_officer", "province", ("68",))
NAME = "Vùng bơ chờ duyệt thử nghiệm E2E"


@dataclass(frozen=True)
class Dossier:
    id: int
    lat: float
    lon: float


@pytest.fixture
def dossier(live_server: str, live_engine: Engine) -> Iterator[Dossier]:
    """A dossier on free ground of Lâm Đồng, drafted and submitted by DRAFTER through the API."""
    with committed_accounts(live_engine, DRAFTER, DECIDER):
        _, x, y = free_ground(live_engine, "68", skip=17)
        feature = {"type": "Feature", "geometry": square(x, y), "properties": {"name": NAME, "crop": "bơ"}}
        headers = bearer(live_server, DRAFTER)
        with committed_area(live_server, live_engine, headers, feature) as area_id:
            submitted = httpx.post(
                f"{live_server}/api/growing-areas/{area_id}/transitions",
                json={"action": "submit", "reason": "Hồ sơ đủ thành phần"},
                headers=headers,
            )
            assert submitted.status_code == 200, submitted.text
            yield Dossier(area_id, y, x)


def open_registry(page: Page) -> None:
    page.locator(".gisapp-registry-button").click()
    expect(page.get_by_role("heading", name="Bảng hồ sơ vùng trồng")).to_be_visible()


def assert_map_shows(page: Page, dossier: Dossier) -> None:
    panel = page.get_by_role("complementary")
    expect(panel.get_by_role("heading", level=2)).to_have_text(NAME)
    expect(page.locator("#gisapp-registry")).to_be_hidden()
    page.wait_for_function(
        "([lat, lon]) => window.gisapp.map.getBounds().contains([lat, lon])"
        " && window.gisapp.map.getZoom() >= 14",
        arg=[dossier.lat, dossier.lon],
    )
    expect(page.locator("path.gisapp-highlight-current")).to_have_count(1)


def test_province_officer_opens_a_waiting_dossier_from_the_queue(
    chromium: Browser, live_server: str, dossier: Dossier
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "registry_queue") as page:
        open_map(page, live_server)
        expect(page.locator(".gisapp-registry-button")).to_have_count(0)  # nothing for the public
        sign_in(page, DECIDER)
        open_registry(page)
        tab = page.get_by_role("tab", name="Chờ tôi xử lý")
        expect(tab.locator(".gisapp-count")).not_to_have_text("0")
        tab.click()
        decisions = page.locator(".gisapp-queue[data-queue=decisions]")
        item = decisions.locator(f".gisapp-queue-item[data-id='{dossier.id}']")
        expect(item).to_contain_text(NAME)
        expect(item).to_contain_text(f"Nộp bởi {DRAFTER.username}")
        expect(item.locator(".gisapp-status")).to_have_text("Đã nộp, chờ duyệt")
        page.evaluate("window.gisapp.map.setView([21.0, 105.8], 6, {animate: false})")  # far away first
        item.get_by_role("button").click()
        assert_map_shows(page, dossier)
    assert errors == []


def test_the_drafter_does_not_find_their_own_dossier_waiting(
    chromium: Browser, live_server: str, dossier: Dossier
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "registry_queue_drafter") as page:
        open_map(page, live_server)
        sign_in(page, DRAFTER)
        open_registry(page)
        page.get_by_role("tab", name="Chờ tôi xử lý").click()
        expect(page.locator(".gisapp-queue[data-queue=decisions]")).to_be_visible()
        expect(page.locator(f".gisapp-queue-item[data-id='{dossier.id}']")).to_have_count(0)
    assert errors == []


def test_the_table_filters_sorts_and_opens_a_row(
    chromium: Browser, live_server: str, dossier: Dossier
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "registry_table") as page:
        open_map(page, live_server)
        sign_in(page, DECIDER)
        open_registry(page)
        page.get_by_label("Trạng thái").select_option("submitted")
        page.get_by_label("Mã số hoặc tên").fill("vung bo cho duyet")  # typed without diacritics
        page.get_by_role("button", name="Lọc", exact=True).click()
        rows = page.locator(".gisapp-registry-table tbody tr")
        expect(rows).to_have_count(1)
        expect(page.locator(".gisapp-registry-summary")).to_have_text("1–1 trong 1 vùng trồng")
        csv = page.get_by_role("link", name="Tải CSV")
        expect(csv).to_have_attribute(
            "href", "/api/registry/areas.csv?status=submitted&q=vung+bo+cho+duyet&sort=code"
        )
        sheet = rows.first.get_by_role("link", name="Phiếu in")
        expect(sheet).to_have_attribute("href", f"/api/growing-areas/{dossier.id}/sheet.html")
        page.get_by_label("Sắp xếp theo").select_option("-area_ha")
        expect(rows).to_have_count(1)
        rows.first.get_by_role("button", name=NAME).click()
        assert_map_shows(page, dossier)
    assert errors == []
