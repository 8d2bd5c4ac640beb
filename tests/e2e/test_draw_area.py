"""An agriculture officer draws a new growing area with the mouse, meets an overlap, fixes it by snapping
to the neighbour's edge, saves the draft and submits it.

The neighbour is a submitted dossier another officer drafted through the API; everything the test
creates is removed afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect
from shapely.geometry import shape
from sqlalchemy import Engine, text

from gisapp.services import accounts
from tests.e2e.conftest import BrowserLog
from tests.e2e.draw_helpers import (
    area_meter,
    areas_removed_afterwards,
    click_at,
    created_id,
    drag_vertex,
    rounded_square,
)
from tests.e2e.live_records import bearer, committed_accounts, committed_area, free_ground, sign_in
from tests.e2e.phone import open_map

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ vẽ"  # noqa: S105 (test accounts)
OFFICER = accounts.NewAccount("e2e.vebando", "Trần Văn Vẽ", PASSWORD, "agri_officer", "province", ("68",))
NEIGHBOUR_OFFICER = accounts.NewAccount(
    "e2e.langgieng", "Lê Thị Giềng", PASSWORD, "agri_officer", "province", ("68",)
)
HALF = 0.0008  # the neighbour: a square about 175 m a side
NAME = "Ruộng lúa vẽ trên bản đồ E2E"


# The commune holding a point, and another commune of the same province.
COMMUNE_AND_NEIGHBOUR = text(
    """
    SELECT c.code, o.code
    FROM admin_units AS c
    JOIN admin_units AS o
      ON o.parent_code = c.parent_code AND o.code <> c.code AND o.level = 'commune' AND o.valid_to IS NULL
    WHERE c.level = 'commune' AND c.valid_to IS NULL
      AND ST_Contains(c.geom, ST_SetSRID(ST_MakePoint(:x, :y), 4326))
    LIMIT 1
    """
)


@dataclass(frozen=True)
class Neighbour:
    id: int
    west: float
    east: float
    south: float
    north: float
    geometry: dict[str, Any]


@pytest.fixture
def neighbour(live_server: str, live_engine: Engine) -> Iterator[Neighbour]:
    """A submitted dossier (so new plots may not overlap it) on free ground of Lâm Đồng."""
    with committed_accounts(live_engine, OFFICER, NEIGHBOUR_OFFICER):
        _, x, y = free_ground(live_engine, "68", skip=17)
        geometry = rounded_square(x, y, HALF)
        feature = {
            "type": "Feature",
            "geometry": geometry,
            "properties": {"name": "Hàng xóm E2E", "crop": "lúa"},
        }
        headers = bearer(live_server, NEIGHBOUR_OFFICER)
        with committed_area(live_server, live_engine, headers, feature) as area_id:
            submitted = httpx.post(
                f"{live_server}/api/growing-areas/{area_id}/transitions",
                json={"action": "submit", "reason": "Hồ sơ đủ"},
                headers=headers,
            )
            assert submitted.status_code == 200, submitted.text
            ring = geometry["coordinates"][0]
            yield Neighbour(area_id, ring[0][0], ring[1][0], ring[0][1], ring[2][1], geometry)


def start_new_area(page: Page, lon: float, lat: float) -> Any:
    page.evaluate(f"window.gisapp.map.setView([{lat}, {lon}], 17, {{animate: false}})")
    page.get_by_role("button", name="+ Vùng trồng mới").click()
    panel = page.get_by_role("complementary")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Vùng trồng mới")
    # Neighbours in view are loaded as shapes to snap to (the vector tiles cannot be snapped to).
    snap = panel.locator(".gisapp-snap-status")
    expect(snap).to_have_attribute("data-status", "ready")
    expect(snap).not_to_have_attribute("data-count", "0")
    return panel


def test_officer_draws_fixes_an_overlap_by_snapping_saves_and_submits(
    map_page: Page, browser_log: BrowserLog, live_server: str, live_engine: Engine, neighbour: Neighbour
) -> None:
    page = map_page
    n = neighbour
    west = n.west - 0.0012  # the new plot lies west of the neighbour...
    inside = n.west + 0.0005  # ...but its east side reaches 55 m into it
    south, north = n.south + 0.0003, n.north - 0.0003
    open_map(page, live_server)
    sign_in(page, OFFICER)
    with areas_removed_afterwards(live_engine) as created:
        # Centred east of the neighbour's west edge, so the plot is drawn clear of the layer list and legend.
        panel = start_new_area(page, n.west + 0.0015, (n.south + n.north) / 2)
        panel.get_by_role("button", name="Vẽ trên bản đồ").click()
        expect(panel.locator(".gisapp-sketch-hint")).to_contain_text("Chạm lên bản đồ")
        for lon, lat in [(west, south), (inside, south), (inside, north), (west, north)]:
            click_at(page, lon, lat)
        expect(panel.locator(".gisapp-area-meter")).not_to_have_attribute("data-area-ha", "")
        click_at(page, west, south)  # the first vertex again closes the polygon
        expect(panel.locator(".gisapp-sketch-hint")).to_have_count(0)
        expect(panel.get_by_role("button", name="Khoét lỗ")).to_be_visible()
        drawn_ha = area_meter(panel)
        assert 1.9 < drawn_ha < 2.2  # about 186 m × 110 m

        form = panel.get_by_role("form", name="Vùng trồng mới")
        form.get_by_label("Tên vùng trồng").fill(NAME)
        form.get_by_label("Cây trồng").select_option("lúa")
        with page.expect_response(
            lambda r: r.request.method == "POST" and r.url.endswith("/api/growing-areas")
        ) as refused:
            form.get_by_role("button", name="Lưu bản nháp").click()
        assert refused.value.status == 422
        # The overlap is listed with the neighbour, and drawn in red on the map.
        problem = form.locator(".gisapp-problem[data-check=overlap]")
        expect(problem).to_contain_text("Chồng lấn")
        expect(problem).to_contain_text("Hàng xóm E2E")
        expect(page.locator("path.gisapp-check-overlap")).to_have_count(1)

        # Drag the two vertices inside the neighbour to a few pixels off its western corners: they snap.
        drag_vertex(page, (inside, north), (n.west, n.north), offset=(4, -3))
        drag_vertex(page, (inside, south), (n.west, n.south), offset=(-3, 4))
        fixed_ha = area_meter(panel)
        assert fixed_ha < drawn_ha
        with page.expect_response(
            lambda r: r.request.method == "POST" and r.url.endswith("/api/growing-areas")
        ) as saved:
            form.get_by_role("button", name="Lưu bản nháp").click()
        area_id = created_id(saved.value)
        created.append(area_id)

        expect(panel.get_by_role("heading", level=2)).to_have_text(NAME)
        expect(panel.locator(".gisapp-record-flash")).to_have_text("Đã lưu hồ sơ nháp.")
        expect(panel.locator(".gisapp-record-summary .gisapp-status")).to_have_text("Bản nháp")
        expect(page.locator("path.gisapp-check-overlap")).to_have_count(0)

        stored = httpx.get(
            f"{live_server}/api/growing-areas/{area_id}", headers=bearer(live_server, OFFICER)
        ).json()
        corners = {tuple(p) for p in shape(stored["geometry"]).geoms[0].exterior.coords}
        assert {(n.west, n.north), (n.west, n.south)} <= corners  # the neighbour's own vertices, exactly
        assert shape(stored["geometry"]).intersection(shape(n.geometry)).area == pytest.approx(0, abs=1e-12)
        # (c) The live area matched the server's geodesic area.
        assert stored["properties"]["area_ha"] == pytest.approx(fixed_ha, abs=0.0002)

        panel.get_by_label("Lý do").fill("Hồ sơ đủ thành phần")
        panel.locator(".gisapp-transition-submit").click()
        expect(panel.locator(".gisapp-record-summary .gisapp-status")).to_have_text("Đã nộp, chờ duyệt")
        # Another province officer (not the drafter) now finds it waiting for a decision.
        deciders = bearer(live_server, NEIGHBOUR_OFFICER)
        queues = httpx.get(f"{live_server}/api/registry/queue", headers=deciders)
        decisions = next(q for q in queues.json()["queues"] if q["id"] == "decisions")
        assert area_id in [item["id"] for item in decisions["items"]]
    assert [e for e in browser_log.errors if "status of 422" not in e] == []


def test_the_commune_filed_under_is_outlined_when_the_plot_lies_elsewhere(
    map_page: Page, browser_log: BrowserLog, live_server: str, live_engine: Engine, neighbour: Neighbour
) -> None:
    page = map_page
    n = neighbour
    with live_engine.connect() as connection:
        commune, other = connection.execute(COMMUNE_AND_NEIGHBOUR, {"x": n.west - 0.0015, "y": n.south}).one()
    open_map(page, live_server)
    sign_in(page, OFFICER)
    panel = start_new_area(page, n.west, n.south)
    panel.get_by_role("button", name="Vẽ trên bản đồ").click()
    for lon, lat in [
        (n.west - 0.002, n.south - 0.0006),
        (n.west - 0.0009, n.south - 0.0006),
        (n.west - 0.0009, n.south),
    ]:
        click_at(page, lon, lat)
    panel.get_by_role("button", name="Xong").click()
    form = panel.get_by_role("form", name="Vùng trồng mới")
    form.get_by_label("Cây trồng").select_option("lúa")
    form.get_by_label("Mã xã nộp hồ sơ").fill(other)
    form.get_by_role("button", name="Kiểm tra ranh giới").click()
    expect(form.locator(".gisapp-problem[data-check=commune]")).to_contain_text(commune)
    expect(page.locator("path.gisapp-check-commune")).to_have_count(1)
    expect(page.locator(".gisapp-commune-label")).to_contain_text(re.compile(rf"\({commune}\)"))
    assert browser_log.errors == []
