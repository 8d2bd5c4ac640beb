"""An agriculture officer edits the boundary of an existing draft from the record panel: cuts a hole in
it, saves, then splits it along a drawn line into the record and a new draft."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect
from shapely.geometry import shape
from sqlalchemy import Engine

from gisapp.services import accounts
from tests.e2e.conftest import BrowserLog
from tests.e2e.draw_helpers import area_meter, areas_removed_afterwards, click_at, rounded_square
from tests.e2e.live_records import bearer, committed_accounts, committed_area, free_ground, sign_in
from tests.e2e.phone import open_map, tap_feature

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ sửa ranh"  # noqa: S105 (a test account)
OFFICER = accounts.NewAccount("e2e.suaranh", "Vũ Thị Ranh", PASSWORD, "agri_officer", "province", ("68",))
NAME = "Ruộng lúa sửa ranh giới E2E"
HALF = 0.002  # about 440 m a side


@dataclass(frozen=True)
class Area:
    id: int
    x: float
    y: float
    url: str


@pytest.fixture
def area(live_server: str, live_engine: Engine) -> Iterator[Area]:
    with committed_accounts(live_engine, OFFICER):
        _, x, y = free_ground(live_engine, "68", skip=29)
        x, y = round(x, 6), round(y, 6)
        feature = {
            "type": "Feature",
            "geometry": rounded_square(x, y, HALF),
            "properties": {"name": NAME, "crop": "lúa", "variety": "ST25"},
        }
        with committed_area(live_server, live_engine, bearer(live_server, OFFICER), feature) as area_id:
            yield Area(area_id, x, y, f"{live_server}/api/growing-areas/{area_id}")


def edit_boundary(page: Page, vertices: int) -> Locator:
    """The open record's edit form, with the boundary's vertices on the map."""
    panel = page.get_by_role("complementary")
    expect(panel.get_by_role("heading", level=2)).to_have_text(NAME)
    panel.get_by_role("button", name="Sửa hồ sơ").click()
    panel.get_by_role("button", name="Sửa ranh giới trên bản đồ").click()
    expect(page.locator(".leaflet-marker-pane .marker-icon:not(.marker-icon-middle)")).to_have_count(vertices)
    return panel


def test_cut_a_hole_then_split_along_a_line(
    map_page: Page, browser_log: BrowserLog, live_server: str, live_engine: Engine, area: Area
) -> None:
    page = map_page
    x, y, hole = area.x, area.y, 0.0006
    open_map(page, live_server)
    sign_in(page, OFFICER)
    tap_feature(page, area.y, area.x, "growing_area_dossiers")
    panel = edit_boundary(page, vertices=4)
    whole = area_meter(panel)
    page.locator(".gisapp-legend summary").click()  # open on a wide screen, it covers the area's east side
    panel.get_by_role("button", name="Khoét lỗ").click()
    expect(panel.locator(".gisapp-sketch-hint")).to_contain_text("Vẽ phần cần khoét bỏ")
    for lon, lat in [(x - hole, y - hole), (x + hole, y - hole), (x + hole, y + hole), (x - hole, y + hole)]:
        click_at(page, lon, lat)
    panel.get_by_role("button", name="Xong").click()
    expect(panel.locator(".gisapp-sketch-hint")).to_have_count(0)
    holed = area_meter(panel)
    assert whole - holed == pytest.approx(whole * (hole / HALF) ** 2, rel=0.01)
    with page.expect_request(lambda r: r.method == "PATCH") as sent:
        panel.get_by_role("button", name="Lưu thay đổi").click()
    patch: dict[str, Any] = sent.value.post_data_json or {}
    assert set(patch) == {"type", "properties", "geometry"} and patch["properties"] == {}
    expect(panel.locator(".gisapp-record-flash")).to_have_text("Đã lưu thay đổi.")
    stored = httpx.get(area.url, headers=bearer(live_server, OFFICER)).json()
    assert len(stored["geometry"]["coordinates"][0]) == 2  # the outer ring and the hole
    assert stored["properties"]["area_ha"] == pytest.approx(holed, abs=0.0002)

    with areas_removed_afterwards(live_engine) as created:
        panel = edit_boundary(page, vertices=8)  # the record stays open after saving; the hole has 4
        panel.get_by_role("button", name="Tách bằng đường kẻ").click()
        expect(panel.locator(".gisapp-sketch-hint")).to_contain_text("Kẻ đường cắt ngang vùng")
        click_at(page, x - 0.0012, y - HALF - 0.0004)  # west of the hole
        click_at(page, x - 0.0012, y + HALF + 0.0004)
        panel.get_by_role("button", name="Xong").click()
        with page.expect_response(lambda r: r.url.endswith("/split")) as answer:
            panel.get_by_role("button", name="Tách vùng theo đường này").click()
        assert answer.value.status == 201, answer.value.text()
        created.append(int(answer.value.json()["created"]["id"]))
        flash = panel.locator(".gisapp-record-flash")
        expect(flash).to_contain_text(f"phần nhỏ hơn thành hồ sơ nháp mới “{NAME} – phần tách”")
        kept = httpx.get(area.url, headers=bearer(live_server, OFFICER)).json()
        assert shape(kept["geometry"]).bounds[0] == pytest.approx(x - 0.0012, abs=3e-5)  # a pixel or so
        assert len(kept["geometry"]["coordinates"][0]) == 2  # the hole stays with the larger part
        flash.get_by_role("button", name="Mở hồ sơ mới").click()
        expect(panel.get_by_role("heading", level=2)).to_have_text(f"{NAME} – phần tách")
        expect(panel.locator("[data-property=variety] td")).to_have_text("ST25")
    assert browser_log.errors == []
