"""A farmer on a phone finds a growing-area code by position and by name, and opens its verification page.

Real headless Chromium at a phone viewport against the live server; every wait is one of Playwright's
auto-waiting expectations, never a sleep.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from shapely.geometry import shape

from tests.e2e.phone import fold, get_json, open_map, phone_page

pytestmark = pytest.mark.browser

LOCATE = "Tôi đang ở đâu?"


def issued_area(live_server: str, index: int = 0) -> tuple[dict[str, Any], float, float]:
    """An issued demo area (picked through the public API) and a point inside it: (feature, lat, lon)."""
    items = get_json(f"{live_server}/ogc/collections/growing_areas/items?status=issued&limit={index + 1}")
    feature: dict[str, Any] = items["features"][index]
    inside = shape(feature["geometry"]).representative_point()  # a centroid can fall outside
    return feature, inside.y, inside.x


def easternmost(feature: dict[str, Any]) -> tuple[float, float]:
    """(lon, lat) of the area's easternmost vertex: a point due east of it is that far from the area."""
    geometry = shape(feature["geometry"])
    polygons = getattr(geometry, "geoms", [geometry])
    lon, lat = max((c for polygon in polygons for c in polygon.exterior.coords), key=lambda c: c[0])[:2]
    return lon, lat


def open_verification_from_popup(page: Page, live_server: str, code: str) -> None:
    """Follow the popup's link to /v/<code> and see the code's status there."""
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(code)
    popup.get_by_role("link", name="Mở trang xác minh mã số").click()
    expect(page).to_have_url(f"{live_server}/v/{code}")
    expect(page.locator("#code")).to_have_text(code)
    expect(page.locator("#status-text")).to_have_text("Còn hiệu lực")


def test_where_am_i_finds_the_code_and_opens_its_verification_page(
    chromium: Browser, live_server: str
) -> None:
    feature, lat, lon = issued_area(live_server)
    code = feature["properties"]["code"]
    errors: list[str] = []
    geolocation = {"latitude": lat, "longitude": lon, "accuracy": 8}
    with phone_page(
        chromium, errors, "where_am_i", geolocation=geolocation, permissions=["geolocation"]
    ) as page:
        open_map(page, live_server)
        page.get_by_role("button", name=LOCATE).click()

        message = page.locator(".gisapp-finder-message")
        expect(message).to_have_text("Bạn đang ở trong vùng trồng này (sai số vị trí ±8 m).")
        expect(page.locator("path.gisapp-position")).to_have_count(1)  # where the phone is, with its accuracy
        expect(page.locator("path.gisapp-accuracy")).to_have_count(1)
        expect(page.locator("path.gisapp-highlight-current")).not_to_have_count(0)

        page.get_by_role("button", name=re.compile(r"^Hiện danh sách")).click()
        result = page.locator(f".gisapp-result-item[data-code='{code}']")
        expect(result).to_contain_text(feature["properties"]["name"])
        expect(result.locator(".gisapp-status")).to_have_text("Còn hiệu lực")
        result.get_by_role("button").click()  # the list folds away and the popup opens on the area
        open_verification_from_popup(page, live_server, code)
    assert errors == []


def test_name_typed_without_diacritics_finds_the_area(chromium: Browser, live_server: str) -> None:
    feature, _, _ = issued_area(live_server, index=3)
    name, code = feature["properties"]["name"], feature["properties"]["code"]
    typed = fold(name)
    assert typed != name.lower(), "the test needs a name with diacritics"
    errors: list[str] = []
    with phone_page(chromium, errors, "name_without_diacritics") as page:
        open_map(page, live_server)
        page.get_by_role("searchbox", name="Tra cứu mã số vùng trồng").fill(typed)
        page.get_by_role("button", name="Tìm", exact=True).click()

        expect(page.locator(".gisapp-finder-message")).to_contain_text("Tìm thấy")
        result = page.locator(f".gisapp-result-item[data-code='{code}']")
        expect(result.locator(".gisapp-result-name")).to_have_text(name)
        result.get_by_role("button").click()
        expect(page.locator(".gisapp-results")).to_be_hidden()  # the map is left free on a small screen
        expect(page.locator("path.gisapp-highlight-current")).not_to_have_count(0)
        open_verification_from_popup(page, live_server, code)
    assert errors == []


def test_a_code_typed_with_spaces_goes_straight_to_the_area(chromium: Browser, live_server: str) -> None:
    feature, _, _ = issued_area(live_server, index=1)
    code = feature["properties"]["code"]
    errors: list[str] = []
    with phone_page(chromium, errors, "code_with_spaces") as page:
        open_map(page, live_server)
        page.get_by_role("searchbox").fill(" " + code.lower().replace("-", " - ") + " ")
        page.get_by_role("searchbox").press("Enter")
        expect(page.locator(".leaflet-popup-content")).to_contain_text(code)
        expect(page.locator(".gisapp-finder-message")).to_have_text("Tìm thấy 1 vùng trồng.")
    assert errors == []


def test_near_an_area_the_distance_is_given(chromium: Browser, live_server: str) -> None:
    """20 m east of an area's easternmost vertex: not inside it, so the nearest within 50 m, with distance."""
    feature, _, _ = issued_area(live_server)
    code = feature["properties"]["code"]
    lon, lat = easternmost(feature)
    east = {"latitude": lat, "longitude": lon + 20 / (111_320 * math.cos(math.radians(lat))), "accuracy": 5}
    errors: list[str] = []
    with phone_page(chromium, errors, "near_area", geolocation=east, permissions=["geolocation"]) as page:
        open_map(page, live_server)
        page.get_by_role("button", name=LOCATE).click()
        expect(page.locator(".gisapp-finder-message")).to_have_text(
            re.compile(r"^Vị trí của bạn không nằm trong vùng trồng nào; vùng gần nhất cách \d+ m")
        )
        page.get_by_role("button", name=re.compile(r"^Hiện danh sách")).click()
        result = page.locator(f".gisapp-result-item[data-code='{code}']")
        expect(result.locator(".gisapp-result-distance")).to_have_text(re.compile(r"^Cách (19|20|21) m$"))
    assert errors == []


def test_no_growing_area_here_says_so(chromium: Browser, live_server: str) -> None:
    sea = {"latitude": 10.2, "longitude": 108.9, "accuracy": 20}  # open sea off the south-central coast
    errors: list[str] = []
    with phone_page(chromium, errors, "no_area_here", geolocation=sea, permissions=["geolocation"]) as page:
        open_map(page, live_server)
        page.get_by_role("button", name=LOCATE).click()
        expect(page.locator(".gisapp-finder-message")).to_have_text(
            "Không có vùng trồng nào tại đây (trong vòng 50 m quanh vị trí của bạn, sai số ±20 m)."
        )
        expect(page.locator(".gisapp-result-item")).to_have_count(0)
    assert errors == []


def test_denied_location_and_lost_network_are_explained(chromium: Browser, live_server: str) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "denied_and_offline") as page:  # no geolocation permission granted
        open_map(page, live_server)
        page.get_by_role("button", name=LOCATE).click()
        message = page.locator(".gisapp-finder-message")
        expect(message).to_contain_text("Trang chưa được phép dùng vị trí.")

        def offline(route: Route) -> None:
            route.abort("internetdisconnected")

        page.route("**/api/lookup?**", offline)
        page.get_by_role("searchbox").fill("ca phe")
        page.get_by_role("button", name="Tìm", exact=True).click()
        expect(message).to_have_text("Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.")
        page.unroute("**/api/lookup?**")

        page.get_by_role("searchbox").fill("VN-00-00000-99-99")
        page.get_by_role("button", name="Tìm", exact=True).click()
        expect(message).to_have_text(
            "Không tìm thấy mã số “VN-00-00000-99-99” trong các mã đã cấp. Hãy kiểm tra lại từng ký tự."
        )
    assert [e for e in errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_results_follow_the_language_toggle(chromium: Browser, live_server: str) -> None:
    feature, _, _ = issued_area(live_server, index=2)
    code = feature["properties"]["code"]
    errors: list[str] = []
    with phone_page(chromium, errors, "results_in_english") as page:
        open_map(page, live_server)
        page.get_by_role("searchbox").fill(fold(feature["properties"]["name"]))
        page.get_by_role("button", name="Tìm", exact=True).click()
        result = page.locator(f".gisapp-result-item[data-code='{code}']")
        expect(result.locator(".gisapp-status")).to_have_text("Còn hiệu lực")

        page.get_by_role("button", name="Switch to English").click()
        expect(page.locator(".gisapp-finder-message")).to_have_text(
            re.compile(r"^Growing areas found: \d+\.$")
        )
        expect(result.locator(".gisapp-status")).to_have_text("Valid")
        expect(page.get_by_role("button", name="Where am I?")).to_be_visible()
        expect(page.get_by_role("searchbox", name="Look up a growing-area code")).to_have_value(
            fold(feature["properties"]["name"])
        )
    assert errors == []
