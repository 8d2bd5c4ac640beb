"""The verification page in real headless Chromium on a phone-sized screen: the status readable, the
boundary drawn from the page's own data, and not one request outside the app's origin."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Request, expect

from tests.e2e.phone import READY, get_json, phone_page

pytestmark = pytest.mark.browser


def public_area(live_server: str, status: str) -> dict[str, Any]:
    items = get_json(f"{live_server}/ogc/collections/growing_areas/items?status={status}&limit=1")
    feature: dict[str, Any] = items["features"][0]
    return feature


def test_page_shows_the_status_and_draws_the_boundary_offline(chromium: Browser, live_server: str) -> None:
    feature = public_area(live_server, "issued")
    code = feature["properties"]["code"]
    errors: list[str] = []
    requested: list[str] = []
    with phone_page(chromium, errors, "verify_page") as page:
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{live_server}/v/{code.lower()}")  # typed in lower case: redirected to the canonical page
        page.wait_for_selector(READY)
        expect(page).to_have_url(f"{live_server}/v/{code}")
        status = page.locator("#status-text")
        expect(status).to_have_text("Còn hiệu lực")
        expect(status).to_be_in_viewport()  # the verdict is the first thing on the screen
        assert float(status.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 32
        expect(page.locator("#code")).to_have_text(code)

        boundary = page.locator("#verify-map .leaflet-overlay-pane path")
        expect(boundary).to_have_count(2)  # the commune outline, then the growing area
        area = boundary.nth(1)
        expect(area).to_have_attribute("fill", feature_colour(live_server))
        box, frame = area.bounding_box(), page.locator("#verify-map").bounding_box()
        assert box and frame and box["width"] > 20 and box["height"] > 20, box
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
        qr = page.locator(".qr img")
        expect(qr).to_be_visible()
        assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
        page.wait_for_load_state("networkidle")
    assert errors == []  # a Content-Security-Policy violation would be reported here
    outside = [url for url in requested if not url.startswith(live_server + "/")]
    assert outside == []


def feature_colour(live_server: str) -> str:
    """The fill colour the catalog gives issued growing areas (the page must draw the same)."""
    catalog = get_json(f"{live_server}/api/layers")
    layer = next(entry for entry in catalog["layers"] if entry["id"] == "growing_areas")
    style = layer["style"]
    colour = next(c for c in style["classes"] if c["value"] == "issued")
    return str(colour.get("fill_color") or style["default"]["fill_color"])


def test_unknown_code_shows_the_missing_page(chromium: Browser, live_server: str) -> None:
    errors: list[str] = []
    statuses: list[int] = []
    with phone_page(chromium, errors, "verify_missing") as page:

        def on_response(request: Request) -> None:
            response = request.response()
            if response is not None and "/v/" in request.url:
                statuses.append(response.status)

        page.on("requestfinished", on_response)
        page.goto(f"{live_server}/v/VN-99-99999-999-99")
        expect(page.locator("#status-text")).to_have_text("Mã không tồn tại")
        expect(page.get_by_text("This code does not exist")).to_be_visible()
    assert statuses == [404]
    # Chromium reports the page's own 404 as a failed resource; nothing else may go wrong.
    assert [e for e in errors if "status of 404" not in e] == []
