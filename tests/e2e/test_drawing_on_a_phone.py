"""On a small phone, an officer placing vertices gets most of the screen for the map: the record sheet
shrinks to the drawing tools and the map's app buttons step aside until the shape is finished."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine

from gisapp.services import accounts
from tests.e2e.draw_helpers import click_at
from tests.e2e.live_records import committed_accounts, free_ground, sign_in
from tests.e2e.phone import open_map, phone_page

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ vẽ trên điện thoại"  # noqa: S105 (a test account)
OFFICER = accounts.NewAccount("e2e.vedienthoai", "Đỗ Thị Vẽ", PASSWORD, "agri_officer", "province", ("68",))
SMALL_PHONE = {"width": 360, "height": 640}
MAP_SHARE = 0.6  # of the screen's height, at least, left to the map above the sheet while drawing


@pytest.fixture
def spot(live_engine: Engine) -> Iterator[tuple[float, float]]:
    """(lon, lat) on free ground of Lâm Đồng, with the officer's account."""
    with committed_accounts(live_engine, OFFICER):
        _, x, y = free_ground(live_engine, "68", skip=31)
        yield x, y


def map_position(page: Page, x: float, y: float) -> tuple[float, float]:
    """(lon, lat) at a point of the screen."""
    lon, lat = page.evaluate(
        """([x, y]) => {
            const map = window.gisapp.map;
            const box = map.getContainer().getBoundingClientRect();
            const at = map.containerPointToLatLng([x - box.left, y - box.top]);
            return [at.lng, at.lat];
        }""",
        [x, y],
    )
    return lon, lat


def sheet_top(panel: Locator) -> float:
    box = panel.bounding_box()
    assert box is not None
    return box["y"]


def test_the_sheet_and_buttons_make_room_while_vertices_are_placed(
    chromium: Browser, live_server: str, spot: tuple[float, float]
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "drawing_on_a_small_phone", viewport=SMALL_PHONE) as page:
        open_map(page, live_server)
        sign_in(page, OFFICER)
        page.evaluate(f"window.gisapp.map.setView([{spot[1]}, {spot[0]}], 17, {{animate: false}})")
        page.get_by_role("button", name="+ Vùng trồng mới").click()
        panel = page.get_by_role("complementary")
        panel.get_by_role("button", name="Vẽ trên bản đồ").click()

        finish = panel.get_by_role("button", name="Xong", exact=True)
        expect(finish).to_be_in_viewport(ratio=1)
        expect(page.get_by_role("button", name="Báo cáo ô nhiễm")).to_be_hidden()
        expect(page.get_by_role("button", name="+ Vùng trồng mới")).to_be_hidden()
        expect(page.get_by_role("button", name="Phóng to")).to_be_visible()
        top = sheet_top(panel)
        assert top >= MAP_SHARE * SMALL_PHONE["height"]

        # three corners along the left, right and bottom of the free map: none is under a control
        for x, y in [(30, 200), (SMALL_PHONE["width"] - 30, 200), (SMALL_PHONE["width"] / 2, top - 30)]:
            click_at(page, *map_position(page, x, y))
        finish.click()

        expect(panel.get_by_role("button", name="Lưu bản nháp")).to_be_visible()
        expect(page.get_by_role("button", name="+ Vùng trồng mới")).to_be_visible()
        assert sheet_top(panel) < MAP_SHARE * SMALL_PHONE["height"]  # the form is back at full height
        expect(panel.locator(".gisapp-area-meter")).not_to_have_attribute("data-area-ha", "0.0000")
    assert errors == []
