"""Printable sheets open from a saved file with the network cut off: Leaflet runs, the boundary is
drawn, nothing is requested, and the print stylesheet puts the sheet on one A4 page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, Route, expect
from sqlalchemy.orm import Session

from gisapp.services.sheet_builder import Fact, Shape, SheetContent, TileSource, render_sheet
from gisapp.settings import PROJECT_ROOT
from tests.worklists import inspect, officers, place

pytestmark = pytest.mark.browser
PAGE_OBJECT = re.compile(rb"/Type\s*/Page[^s]")
VENDOR = PROJECT_ROOT / "static" / "vendor"


@dataclass
class Offline:
    """A page that may load one file and nothing else; every other attempt is recorded and refused."""

    page: Page
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        url = path.as_uri()

        def guard(route: Route) -> None:
            if route.request.url == url:
                route.continue_()
            else:
                self.refused.append(route.request.url[:100])
                route.abort()

        self.page.context.route("**/*", guard)
        self.page.goto(url)


@pytest.fixture
def offline(chromium: Browser) -> Iterator[Offline]:
    context = chromium.new_context(viewport={"width": 900, "height": 1200}, locale="vi-VN")
    page = context.new_page()
    watch = Offline(page)
    page.on("requestfailed", lambda request: watch.failed.append(request.url[:100]))
    page.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    context.set_offline(True)
    yield watch
    context.close()


@pytest.fixture
def saved_sheet(client: TestClient, session: Session, tmp_path: Path) -> Path:
    """The sheet of an issued area as a browser's "Save page" would keep it."""
    people = officers(session)
    area_id = place(session, people["drafter"], status="issued", name="Vùng sầu riêng ngoại tuyến")
    inspect(session, area_id, 30, next_due_in=150)
    response = client.get(f"/api/growing-areas/{area_id}/sheet.html")
    assert response.status_code == 200, response.text
    path = tmp_path / "phieu-vung-trong.html"
    path.write_bytes(response.content)
    return path


def assert_nothing_fetched(watch: Offline) -> None:
    assert watch.refused == [] and watch.failed == [] and watch.errors == []


def test_a_saved_sheet_opens_and_draws_with_no_network(offline: Offline, saved_sheet: Path) -> None:
    offline.open(saved_sheet)
    page = offline.page
    expect(page.locator("#sheet-status")).to_have_text("Còn hiệu lựcValid")
    paths = page.locator(".sheet-map .leaflet-overlay-pane svg path")
    expect(paths).to_have_count(2)  # the commune's outline, then the area
    expect(page.locator(".sheet-locator .leaflet-overlay-pane svg path")).to_have_count(3)
    area = paths.nth(1).get_attribute("d") or ""
    assert re.match(r"^M-?\d+ -?\d+L", area), area
    box = paths.nth(1).bounding_box()
    assert box and box["width"] > 40 and box["height"] > 40  # fitted: the area fills the map
    assert page.evaluate("document.querySelector('.qr img').naturalWidth") > 0
    expect(page.locator(".leaflet-control-scale-line")).to_have_count(2)
    expect(page.locator(".leaflet-tile")).to_have_count(0)  # no basemap unless configured
    assert_nothing_fetched(offline)


def test_the_sheet_prints_on_one_a4_page(offline: Offline, saved_sheet: Path) -> None:
    offline.open(saved_sheet)
    page = offline.page
    expect(page.locator(".sheet-map .leaflet-overlay-pane svg path")).to_have_count(2)
    page.emulate_media(media="print")
    expect(page.locator("#sheet-print")).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(PAGE_OBJECT.findall(pdf)) == 1
    expect(page.locator(".sheet-map .leaflet-overlay-pane svg path")).to_have_count(2)
    assert_nothing_fetched(offline)


def test_a_point_sheet_from_the_shared_builder(offline: Offline, tmp_path: Path) -> None:
    """What a packing-house sheet will be: the same builder with a point instead of a polygon."""
    content = SheetContent(
        kind_vi="Phiếu thông tin cơ sở đóng gói",
        kind_en="Packing-house sheet",
        title="Cơ sở đóng gói thử nghiệm",
        code="VN-DLPH-001",
        no_code="Chưa có mã số / no code yet",
        status="issued",
        status_vi="Còn hiệu lực",
        status_en="Valid",
        facts=[Fact("Địa chỉ", "Address", "Buôn Ma Thuột, Đắk Lắk")],
        shapes=[
            Shape({"type": "Point", "coordinates": [108.0437, 12.6667]}, "Cơ sở đóng gói", "Packing house")
        ],
        printed_at="08:00 02/10/2025 (UTC+7)",
    )
    path = tmp_path / "phieu-co-so.html"
    path.write_text(render_sheet(content, vendor_dir=VENDOR), encoding="utf-8")
    offline.open(path)
    marker = offline.page.locator(".leaflet-overlay-pane svg path")
    expect(marker).to_have_count(1)
    width = offline.page.evaluate("document.querySelector('.leaflet-overlay-pane svg path').getBBox().width")
    assert width == pytest.approx(18, abs=1)  # a circle of 9 px radius, whatever the zoom
    assert_nothing_fetched(offline)


def test_the_guard_sees_a_sheet_that_would_need_the_network(offline: Offline, tmp_path: Path) -> None:
    """The other tests' empty lists mean something: a configured basemap's tiles are caught here."""
    content = SheetContent(
        kind_vi="Phiếu",
        kind_en="Sheet",
        title="Có bản đồ nền",
        code=None,
        no_code="Chưa có mã số / no code yet",
        status="draft",
        status_vi="Bản nháp",
        status_en="Draft",
        facts=[],
        shapes=[Shape({"type": "Point", "coordinates": [108.0437, 12.6667]}, "Điểm", "Point")],
        printed_at="08:00 02/10/2025 (UTC+7)",
    )
    tiles = TileSource("https://tiles.example.invalid/{z}/{x}/{y}.png", "© thử nghiệm")
    path = tmp_path / "co-ban-do-nen.html"
    path.write_text(render_sheet(content, vendor_dir=VENDOR, tiles=tiles), encoding="utf-8")
    offline.open(path)
    expect(offline.page.locator(".leaflet-tile")).not_to_have_count(0)
    offline.page.wait_for_function(
        "document.querySelectorAll('.leaflet-tile-loaded, .leaflet-tile').length > 0"
    )
    assert any("tiles.example.invalid" in url for url in offline.refused + offline.failed)
