"""The imagery basemap is offered in the layer switcher only where the deployment configured one."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import serve
from tests.e2e.conftest import BrowserLog
from tests.e2e.phone import open_map

pytestmark = pytest.mark.browser

BASE_LAYERS = ".leaflet-control-layers-base label"
IMAGERY = "Ảnh vệ tinh, ảnh bay chụp"


@pytest.fixture(scope="module")
def imagery_server(live_database_url: str) -> Iterator[str]:
    """A second server on the same database whose settings name a WMS imagery service (on itself:
    the tiles 404, but the requests show what the map asked for, with no outside server)."""
    with serve(
        live_database_url,
        imagery_url="/imagery-test/wms",
        imagery_kind="wms",
        imagery_wms_layers="anh_2024",
        imagery_attribution="Ảnh: Sở Nông nghiệp và Môi trường (thử)",
    ) as base:
        yield base


def test_no_imagery_unless_configured(map_page: Page, browser_log: BrowserLog, live_server: str) -> None:
    open_map(map_page, live_server)
    expect(map_page.locator(BASE_LAYERS, has_text="OpenStreetMap")).to_have_count(1)
    expect(map_page.locator(BASE_LAYERS, has_text=IMAGERY)).to_have_count(0)
    assert browser_log.errors == []


def test_configured_imagery_is_a_basemap_drawn_from_its_wms(
    map_page: Page, browser_log: BrowserLog, imagery_server: str
) -> None:
    page = map_page
    open_map(page, imagery_server)
    choice = page.locator(BASE_LAYERS, has_text=IMAGERY)
    expect(choice).to_have_count(1)
    assert "/imagery-test/" not in " ".join(browser_log.requests)  # off until chosen: the map works offline
    with page.expect_request(lambda r: "/imagery-test/wms" in r.url) as tile:
        choice.click()
    query = {key.upper(): value for key, value in parse_qs(urlsplit(tile.value.url).query).items()}
    assert query["SERVICE"] == ["WMS"] and query["REQUEST"] == ["GetMap"]
    assert query["LAYERS"] == ["anh_2024"] and query["FORMAT"] == ["image/jpeg"]
    expect(page.locator(".leaflet-control-attribution")).to_contain_text(
        "Ảnh: Sở Nông nghiệp và Môi trường (thử)"
    )
    assert [e for e in browser_log.errors if "404" not in e] == []
