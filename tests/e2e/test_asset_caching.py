"""In a real browser: the map's code all comes from this build's path, and the next visit takes it from
the browser's cache without asking the server (a phone on 3G waits only for the page and the data)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CODE = """() => performance.getEntriesByType("resource")
    .filter((e) => /\\.(js|css)$/.test(new URL(e.name).pathname))
    .map((e) => ({ path: new URL(e.name).pathname, transferred: e.transferSize }))"""


def open_map(page: Page, live_server: str) -> list[dict[str, Any]]:
    page.goto(f"{live_server}/")
    page.wait_for_selector("body[data-state=ready]")
    files: list[dict[str, Any]] = page.evaluate(CODE)
    return files


def test_the_next_visit_takes_the_maps_code_from_the_cache(
    map_page: Page, browser_log: Any, live_server: str
) -> None:
    first = open_map(map_page, live_server)
    assert len(first) > 20  # the modules, Leaflet and the stylesheets
    builds = {entry["path"].split("/")[2] for entry in first if entry["path"].startswith("/assets/")}
    assert len(builds) == 1 and all(entry["path"].startswith("/assets/") for entry in first), first

    again = open_map(map_page, live_server)
    asked = [entry["path"] for entry in again if entry["transferred"] > 0]
    assert asked == [], asked  # not even a revalidation
    assert browser_log.errors == []
