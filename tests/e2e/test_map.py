"""The map page in a real browser against a running gisapp: layers drawn, popups, language toggle."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Page
from shapely.geometry import shape

pytestmark = pytest.mark.browser

READY = "body[data-state=ready]"
SWITCHER_OVERLAYS = ".leaflet-control-layers-overlays label"
SWITCHER_TITLES = f"{SWITCHER_OVERLAYS} .gisapp-layer-title"


# `browser_log` (a conftest.BrowserLog) is typed Any: conftest modules are not importable by name.


def get_json(url: str) -> Any:
    """GET a JSON document from the live server."""
    request = urllib.request.Request(url, headers={"Accept": "application/geo+json, application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.fixture
def catalog(live_server: str) -> dict[str, Any]:
    """The layer catalog the page is built from."""
    data: dict[str, Any] = get_json(f"{live_server}/api/layers")
    return data


def vector_layers(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    """Catalog entries the page draws as overlays, in drawing order (bottom first)."""
    return [entry for entry in catalog["layers"] if entry["kind"] == "vector"]


def open_map(page: Page, live_server: str) -> None:
    """Load the page and wait until the catalog is loaded and the layers are added."""
    page.goto(f"{live_server}/")
    page.wait_for_selector(READY)
    page.evaluate("window.gisapp.ready.then(() => true)")


def switcher_titles(page: Page) -> list[str]:
    """Overlay names as the layer switcher shows them (top-most layer first)."""
    return [text.strip() for text in page.locator(SWITCHER_TITLES).all_text_contents()]


def settle(page: Page) -> None:
    """Let pending tile requests finish, so their errors (if any) are reported before we look."""
    page.wait_for_load_state("networkidle")


def test_map_loads_layers_without_errors(
    map_page: Page, browser_log: Any, live_server: str, catalog: dict[str, Any]
) -> None:
    open_map(map_page, live_server)

    titles = [entry["title"]["vi"] for entry in reversed(vector_layers(catalog))]
    assert switcher_titles(map_page) == titles

    provinces = next(entry for entry in catalog["layers"] if entry["id"] == "provinces")
    if map_page.evaluate("window.gisapp.map.getZoom()") < provinces["minzoom"]:
        map_page.evaluate(f"window.gisapp.map.setZoom({provinces['minzoom']}, {{animate: false}})")
    map_page.wait_for_selector("path.gisapp-layer-provinces", state="attached")
    assert map_page.locator("path.gisapp-layer-provinces").count() > 0
    settle(map_page)

    assert browser_log.errors == []
    offsite = [url for url in browser_log.requests if not url.startswith((live_server, "data:"))]
    assert offsite == [], "the page must work offline: no request may leave the gisapp server"


def click_growing_areas_at(page: Page, lat: float, lon: float, zoom: int) -> str:
    """Centre the map on a point, click the growing-areas path drawn there, return the popup text."""
    page.evaluate(f"window.gisapp.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    target = page.evaluate(
        """([lat, lon]) => {
            const point = window.gisapp.map.latLngToContainerPoint([lat, lon]);
            const box = window.gisapp.map.getContainer().getBoundingClientRect();
            return {x: box.left + point.x, y: box.top + point.y};
        }""",
        [lat, lon],
    )
    page.wait_for_function(
        "({x, y}) => document.elementFromPoint(x, y)?.matches('path.gisapp-layer-growing_areas')",
        arg=target,
    )
    page.mouse.click(target["x"], target["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    return popup.inner_text()


def active_area(live_server: str) -> tuple[dict[str, Any], Any]:
    """An issued growing area and a point inside it (a centroid can fall outside a concave area)."""
    items = get_json(f"{live_server}/ogc/collections/growing_areas/items?limit=1&status=issued")
    feature = items["features"][0]
    return feature, shape(feature["geometry"]).representative_point()


def test_click_growing_area_shows_its_code(map_page: Page, browser_log: Any, live_server: str) -> None:
    feature, inside = active_area(live_server)
    open_map(map_page, live_server)
    assert feature["properties"]["code"] in click_growing_areas_at(map_page, inside.y, inside.x, 14)
    settle(map_page)
    assert browser_log.errors == []


def test_low_zoom_cell_popup_counts_growing_areas(map_page: Page, browser_log: Any, live_server: str) -> None:
    """Below zoom 11 a plot is sub-pixel: the map draws cells that count the areas and name the main crop."""
    _, inside = active_area(live_server)
    open_map(map_page, live_server)
    text = click_growing_areas_at(map_page, inside.y, inside.x, 9)
    assert "Số vùng trồng" in text
    assert "Cây trồng" in text
    settle(map_page)
    assert browser_log.errors == []


def test_language_toggle_relabels_switcher(
    map_page: Page, browser_log: Any, live_server: str, catalog: dict[str, Any]
) -> None:
    open_map(map_page, live_server)
    entries = list(reversed(vector_layers(catalog)))
    assert switcher_titles(map_page) == [entry["title"]["vi"] for entry in entries]

    map_page.click("button.gisapp-lang-toggle")

    english = [entry["title"]["en"] for entry in entries]
    map_page.wait_for_function(
        """([selector, expected]) => [...document.querySelectorAll(selector)]
            .map((title) => title.textContent.trim()).join('|') === expected.join('|')""",
        arg=[SWITCHER_TITLES, english],
    )
    assert switcher_titles(map_page) == english
    assert map_page.evaluate("document.documentElement.lang") == "en"
    assert map_page.locator("button.gisapp-lang-toggle").inner_text().strip() == "VI"
    settle(map_page)
    assert browser_log.errors == []


# true once exactly `n` of the switcher's checkboxes are greyed out (Leaflet updates them on zoomend)
GREYED_OUT = "(n) => document.querySelectorAll('.leaflet-control-layers input:disabled').length === n"


def shown_hints(page: Page) -> dict[str, str]:
    """Overlay title -> the zoom hint shown beside it, for the overlays that show one."""
    hints: dict[str, str] = page.evaluate(
        """(selector) => Object.fromEntries([...document.querySelectorAll(selector)]
            .map((label) => [label.querySelector('.gisapp-layer-title').textContent,
                             label.querySelector('.gisapp-zoom-hint')])
            .filter(([, hint]) => hint && hint.getClientRects().length > 0)
            .map(([title, hint]) => [title, hint.textContent.trim()]))""",
        SWITCHER_OVERLAYS,
    )
    return hints


def test_layers_the_zoom_hides_say_to_zoom_in(
    map_page: Page, browser_log: Any, live_server: str, catalog: dict[str, Any]
) -> None:
    """Leaflet greys out such a layer's checkbox; the hint beside it says why, and goes once it draws."""
    open_map(map_page, live_server)
    map_page.evaluate("window.gisapp.map.setZoom(6, {animate: false})")
    hidden = {e["title"]["vi"] for e in vector_layers(catalog) if (e.get("minzoom") or 0) > 6}
    assert hidden, "the catalog needs a layer that starts above zoom 6"
    map_page.wait_for_function(GREYED_OUT, arg=len(hidden))
    assert shown_hints(map_page) == dict.fromkeys(hidden, "· phóng to để xem")

    map_page.evaluate("window.gisapp.map.setZoom(18, {animate: false})")  # every layer draws
    map_page.wait_for_function(GREYED_OUT, arg=0)
    assert shown_hints(map_page) == {}

    map_page.evaluate("window.gisapp.map.setZoom(6, {animate: false})")
    map_page.click("button.gisapp-lang-toggle")
    english = {e["title"]["en"] for e in vector_layers(catalog) if (e.get("minzoom") or 0) > 6}
    map_page.wait_for_function(
        "([sel, title]) => [...document.querySelectorAll(sel)].some((n) => n.textContent === title)",
        arg=[SWITCHER_TITLES, min(english)],
    )
    map_page.wait_for_function(GREYED_OUT, arg=len(hidden))
    assert shown_hints(map_page) == dict.fromkeys(english, "· zoom in to see")
    settle(map_page)
    assert browser_log.errors == []


def test_fakestop_shim_stops_the_click_reaching_the_map(map_page: Page, live_server: str) -> None:
    """VectorGrid's canvas renderer calls L.DomEvent.fakeStop, which Leaflet 1.9 no longer has."""
    open_map(map_page, live_server)
    reached_parent = map_page.evaluate(
        """() => {
            const parent = document.createElement('div');
            const child = parent.appendChild(document.createElement('div'));
            document.body.append(parent);
            let reached = false;
            parent.addEventListener('click', () => { reached = true; });
            child.addEventListener('click', (event) => window.L.DomEvent.fakeStop(event));
            child.click();
            parent.remove();
            return reached;
        }"""
    )
    assert reached_parent is False
