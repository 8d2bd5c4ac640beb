"""Helpers for the drawing browser tests: map positions on screen, dragging vertices, removing what the
tests created through the map."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Locator, Page, Response, expect
from sqlalchemy import Engine, text

from tests.e2e.phone import screen_point


def rounded_square(x: float, y: float, half: float) -> dict[str, Any]:
    """A square with 6-decimal corners, so vertices read back from the API compare exactly."""
    west, east, south, north = (round(v, 6) for v in (x - half, x + half, y - half, y + half))
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def click_at(page: Page, lon: float, lat: float) -> None:
    """Click the map at (lon, lat); fails, naming what is in the way, when a control or panel covers it."""
    point = screen_point(page, lat, lon)
    cover = page.evaluate(
        """({x, y}) => {
            const node = document.elementFromPoint(x, y);
            const map = window.gisapp.map.getContainer();
            const control = node?.closest(".leaflet-control");
            if (node && map.contains(node) && !control) return null;
            const target = control ?? node;
            return target ? `${target.tagName.toLowerCase()}.${[...target.classList].join(".")}` : "nothing";
        }""",
        point,
    )
    assert cover is None, f"({lon}, {lat}) is at {point} on screen, under {cover}, not on the map"
    page.mouse.click(point["x"], point["y"])


def drag_vertex(
    page: Page, start: tuple[float, float], end: tuple[float, float], offset: tuple[int, int]
) -> None:
    """Drag the vertex handle at `start` (lon, lat) to `offset` pixels from `end`, in small mouse steps."""
    source = screen_point(page, start[1], start[0])
    target = screen_point(page, end[1], end[0])
    handle = page.locator(".leaflet-marker-pane .marker-icon:not(.marker-icon-middle)")
    expect(handle.first).to_be_visible()
    page.mouse.move(source["x"], source["y"])
    page.mouse.down()
    page.mouse.move(target["x"] + offset[0], target["y"] + offset[1], steps=12)
    page.mouse.up()


def area_meter(panel: Locator) -> float:
    """The live area the boundary section shows, in hectares (its data attribute, 4 decimals)."""
    meter = panel.locator(".gisapp-area-meter")
    expect(meter).to_have_attribute("data-area-ha", re.compile(r"^\d+\.\d{4}$"))
    return float(meter.get_attribute("data-area-ha") or "nan")


@contextmanager
def areas_removed_afterwards(engine: Engine) -> Iterator[list[int]]:
    """Ids the test appends (areas created through the map) are deleted with their audit records."""
    ids: list[int] = []
    try:
        yield ids
    finally:
        with engine.begin() as connection:
            for area_id in ids:
                connection.execute(text("DELETE FROM growing_areas WHERE id = :id"), {"id": area_id})
                connection.execute(
                    text("DELETE FROM audit_records WHERE entity = 'growing_areas' AND entity_id = :id"),
                    {"id": str(area_id)},
                )


def created_id(response: Response) -> int:
    assert response.status == 201, response.text()
    return int(response.json()["id"])
