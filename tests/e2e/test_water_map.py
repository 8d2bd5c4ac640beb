"""Water-supply works on the map in a real browser: a work whose latest test exceeds the regulation
is drawn in the catalog's red, one that passes in blue, and a click shows its public facts only."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page

from gisapp.settings import PROJECT_ROOT

pytestmark = pytest.mark.browser

READY = "body[data-state=ready]"
STYLE = yaml.safe_load((PROJECT_ROOT / "layers" / "water_works.yaml").read_text(encoding="utf-8"))["style"]
COLOURS = {c["value"]: c["fill_color"] for c in STYLE["classes"]}


def demo_work(live_server: str, status: str) -> dict[str, Any]:
    url = f"{live_server}/api/water-works?latest_test_status={status}&limit=1"
    with urllib.request.urlopen(url, timeout=30) as response:
        feature: dict[str, Any] = json.load(response)["features"][0]
    return feature


def drawn_at(page: Page, feature: dict[str, Any]) -> dict[str, float]:
    """Centre the map on the work at zoom 14 and wait until its marker is the element drawn there."""
    lon, lat = feature["geometry"]["coordinates"]
    page.evaluate(f"window.gisapp.map.setView([{lat}, {lon}], 14, {{animate: false}})")
    target: dict[str, float] = page.evaluate(
        """([lat, lon]) => {
            const point = window.gisapp.map.latLngToContainerPoint([lat, lon]);
            const box = window.gisapp.map.getContainer().getBoundingClientRect();
            return {x: box.left + point.x, y: box.top + point.y};
        }""",
        [lat, lon],
    )
    page.wait_for_function(
        "({x, y}) => document.elementFromPoint(x, y)?.matches('path.gisapp-layer-water_works')", arg=target
    )
    return target


def fill_at(page: Page, target: dict[str, float]) -> str:
    return str(page.evaluate("({x, y}) => document.elementFromPoint(x, y).getAttribute('fill')", target))


def test_failing_works_are_red_and_passing_ones_blue(
    map_page: Page, browser_log: Any, live_server: str
) -> None:
    failing, passing = demo_work(live_server, "exceed"), demo_work(live_server, "pass")
    map_page.goto(f"{live_server}/")
    map_page.wait_for_selector(READY)
    map_page.evaluate("window.gisapp.ready.then(() => true)")
    assert fill_at(map_page, drawn_at(map_page, failing)).lower() == COLOURS["exceed"].lower()
    assert fill_at(map_page, drawn_at(map_page, passing)).lower() == COLOURS["pass"].lower()

    target = drawn_at(map_page, failing)
    map_page.mouse.click(target["x"], target["y"])
    popup = map_page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert failing["properties"]["name"] in text and "Vượt quy chuẩn" in text  # the class label
    assert "Người vận hành demo" not in text  # the operator's contact is never in tiles
    map_page.wait_for_load_state("networkidle")
    assert browser_log.errors == []
