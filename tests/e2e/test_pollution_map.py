"""Pollution sources on the map in a real browser: the buffers layer can be switched on, and clicking a
source with an exceedance shows its latest samples judged and the growing areas within its distance,
never its owner."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

READY = "body[data-state=ready]"


def exceeding_source(live_server: str) -> dict[str, Any]:
    url = f"{live_server}/api/pollution-sources?latest_sample_status=exceed&limit=1"
    with urllib.request.urlopen(url, timeout=30) as response:
        feature: dict[str, Any] = json.load(response)["features"][0]
    return feature


def drawn_at(page: Page, feature: dict[str, Any]) -> dict[str, float]:
    """Centre the map on the source at zoom 15 and wait until its marker is the element drawn there."""
    lon, lat = feature["geometry"]["coordinates"]
    page.evaluate(f"window.gisapp.map.setView([{lat}, {lon}], 15, {{animate: false}})")
    target: dict[str, float] = page.evaluate(
        """([lat, lon]) => {
            const point = window.gisapp.map.latLngToContainerPoint([lat, lon]);
            const box = window.gisapp.map.getContainer().getBoundingClientRect();
            return {x: box.left + point.x, y: box.top + point.y};
        }""",
        [lat, lon],
    )
    page.wait_for_function(
        "({x, y}) => document.elementFromPoint(x, y)?.matches('path.gisapp-layer-pollution_sources')",
        arg=target,
    )
    return target


def test_a_source_with_an_exceedance_shows_its_samples_and_nearby_areas(
    map_page: Page, browser_log: Any, live_server: str
) -> None:
    source = exceeding_source(live_server)
    map_page.goto(f"{live_server}/")
    map_page.wait_for_selector(READY)
    map_page.evaluate("window.gisapp.ready.then(() => true)")
    toggled = map_page.evaluate(
        """() => {
            const label = [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
                .find((node) => node.textContent.includes('Vùng ảnh hưởng nguồn thải'));
            label.querySelector('input').click();
            return label.querySelector('input').checked;
        }"""
    )
    assert toggled is True
    target = drawn_at(map_page, source)
    map_page.wait_for_selector("path.gisapp-layer-pollution_buffers", state="attached")
    map_page.mouse.click(target["x"], target["y"])
    details = map_page.locator(".leaflet-popup-content .gisapp-pollution-details")
    details.locator(".gisapp-verdict-exceed").first.wait_for()
    text = map_page.locator(".leaflet-popup-content").inner_text()
    assert source["properties"]["name"] in text and "Vượt quy chuẩn" in text
    assert "QCVN 62-MT:2016/BTNMT" in text
    assert details.locator(".gisapp-nearby-area").count() >= 1  # the demo area 300 m away
    assert "Chủ cơ sở demo" not in text
    map_page.wait_for_load_state("networkidle")
    assert browser_log.errors == []
