"""A popup opens clear of what covers the map, title first: on a phone the map's buttons and the
finder's message, whether it comes from a search result or from tapping an area; on a wide screen an
open side panel."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from shapely.geometry import shape

from tests.e2e.phone import fold, get_json, open_map, phone_page, screen_point, tap_feature

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}  # a common small Android screen
# everything that floats over the map along its edges, and the side panels
COVERS = ".leaflet-control-container .leaflet-control, .gisapp-finder-drop, #gisapp-env, #gisapp-record"
LAPTOP = {"viewport": {"width": 1280, "height": 720}, "is_mobile": False, "has_touch": False}


# the texts (or classes) of the covers the open popup overlaps
OVERLAPPED = """(selector) => {
    const popup = document.querySelector(".leaflet-popup")?.getBoundingClientRect();
    if (!popup) return ["no popup"];
    return [...document.querySelectorAll(selector)]
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.left < popup.right && popup.left < box.right
          && box.top < popup.bottom && popup.top < box.bottom;
      })
      .map((node) => node.textContent.trim() || node.className);
}"""


def expect_popup_clear(page: Page) -> None:
    """A popup opens with its title and, once the map has panned to it, overlaps none of the covers."""
    expect(page.locator(".leaflet-popup h2")).to_be_visible()
    try:
        page.wait_for_function(
            f"(selector) => ({OVERLAPPED})(selector).length === 0", arg=COVERS, timeout=5000
        )
    except PlaywrightTimeout:
        pytest.fail(f"the popup stays under {page.evaluate(OVERLAPPED, COVERS)}")


def an_issued_area(live_server: str) -> tuple[dict[str, Any], float, float]:
    """The first issued demo area and a point inside it: (properties, lat, lon)."""
    items = get_json(f"{live_server}/ogc/collections/growing_areas/items?status=issued&limit=1")
    feature = items["features"][0]
    inside = shape(feature["geometry"]).representative_point()
    return feature["properties"], inside.y, inside.x


def test_a_search_result_opens_its_popup_clear_of_the_buttons(chromium: Browser, live_server: str) -> None:
    properties, _, _ = an_issued_area(live_server)
    errors: list[str] = []
    with phone_page(chromium, errors, "popup_clear_after_search", viewport=SMALL_PHONE) as page:
        open_map(page, live_server)
        page.get_by_role("searchbox").fill(fold(properties["name"]))
        page.get_by_role("button", name="Tìm", exact=True).click()
        page.locator(f".gisapp-result-item[data-code='{properties['code']}']").get_by_role("button").click()
        expect_popup_clear(page)
    assert errors == []


def test_a_tapped_area_opens_its_popup_clear_of_the_buttons(chromium: Browser, live_server: str) -> None:
    _, lat, lon = an_issued_area(live_server)
    errors: list[str] = []
    with phone_page(chromium, errors, "popup_clear_after_tap", viewport=SMALL_PHONE) as page:
        open_map(page, live_server)
        tap_feature(page, lat, lon, "growing_areas", zoom=17)
        expect_popup_clear(page)
    assert errors == []


def test_a_popup_beside_an_open_panel_opens_clear_of_it(chromium: Browser, live_server: str) -> None:
    _, lat, lon = an_issued_area(live_server)
    errors: list[str] = []
    with phone_page(chromium, errors, "popup_clear_of_panel", **LAPTOP) as page:
        open_map(page, live_server)
        page.get_by_role("button", name="Báo cáo ô nhiễm").click()  # the panel along the left
        expect(page.locator("#gisapp-env")).to_be_visible()
        # the area just right of the panel, so that a popup centred on it reaches under the panel
        page.evaluate(
            """([lat, lon]) => {
                const map = window.gisapp.map;
                map.setView([lat, lon], 17, {animate: false});
                map.panBy([map.latLngToContainerPoint([lat, lon]).x - 440, 0], {animate: false});
            }""",
            [lat, lon],
        )
        target = screen_point(page, lat, lon)
        page.wait_for_function(
            "({x, y}) => document.elementFromPoint(x, y)?.matches('path.gisapp-layer-growing_areas')",
            arg=target,
        )
        page.mouse.click(target["x"], target["y"])
        expect_popup_clear(page)
    assert errors == []
