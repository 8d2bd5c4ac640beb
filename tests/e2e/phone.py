"""A phone-sized browser page for the end-to-end tests, and small helpers for driving the map on it."""

from __future__ import annotations

import json
import unicodedata
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page

ARTIFACTS = Path(__file__).parent / "artifacts"
READY = "body[data-state=ready]"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}


@contextmanager
def phone_page(browser: Browser, errors: list[str], name: str, **options: Any) -> Iterator[Page]:
    """A page in a fresh phone context (`options` add e.g. geolocation and permissions).

    Console errors and uncaught page errors go to `errors`; if the block raises, a screenshot is
    written to tests/e2e/artifacts/<name>.png.
    """
    context = browser.new_context(**(PHONE | options))
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        raise
    finally:
        context.close()


def open_map(page: Page, live_server: str) -> None:
    """Load the map and wait until its catalog is in and the sign-in state is known."""
    page.goto(f"{live_server}/")
    page.wait_for_selector(READY)
    page.evaluate("window.gisapp.session.then(() => true)")


def get_json(url: str) -> Any:
    """GET a JSON document from the live server."""
    request = urllib.request.Request(url, headers={"Accept": "application/geo+json, application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def fold(text: str) -> str:
    """Text as a farmer types it on a phone without Vietnamese input: no diacritics, lower case."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def screen_point(page: Page, lat: float, lon: float) -> dict[str, float]:
    """Where a map position is on the screen (page coordinates)."""
    point: dict[str, float] = page.evaluate(
        """([lat, lon]) => {
            const point = window.gisapp.map.latLngToContainerPoint([lat, lon]);
            const box = window.gisapp.map.getContainer().getBoundingClientRect();
            return {x: box.left + point.x, y: box.top + point.y};
        }""",
        [lat, lon],
    )
    return point


def tap_feature(page: Page, lat: float, lon: float, layer: str, zoom: int = 16) -> None:
    """Centre the map on a point and tap the feature of `layer` drawn there, once its tile is in."""
    page.evaluate(f"window.gisapp.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    target = screen_point(page, lat, lon)
    page.wait_for_function(
        "({x, y, layer}) => document.elementFromPoint(x, y)?.matches(`path.gisapp-layer-${layer}`)",
        arg={**target, "layer": layer},
    )
    page.mouse.click(target["x"], target["y"])
