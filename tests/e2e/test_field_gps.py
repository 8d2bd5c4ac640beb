"""On a phone in the field: an officer walks round a plot (a simulated GPS track) and saves it as a draft,
and adds corners one by one from GPS fixes, warned about poor ones.

Playwright's geolocation override moves the phone; each step waits for the page to have taken the fix
(its counters), never for a fixed time.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from shapely.geometry import shape
from sqlalchemy import Engine

from gisapp.services import accounts
from tests.e2e.draw_helpers import area_meter, areas_removed_afterwards, created_id
from tests.e2e.live_records import bearer, committed_accounts, free_ground, sign_in
from tests.e2e.phone import open_map, phone_page

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ đi đồng"  # noqa: S105 (a test account)
OFFICER = accounts.NewAccount("e2e.didong", "Phan Văn Đồng", PASSWORD, "agri_officer", "province", ("68",))
SIDE = 0.0009  # about 100 m at Lâm Đồng's latitude


@pytest.fixture
def spot(live_engine: Engine) -> Iterator[tuple[float, float]]:
    """(lon, lat) of the plot's south-west corner on free ground, with the officer's account."""
    with committed_accounts(live_engine, OFFICER):
        _, x, y = free_ground(live_engine, "68", skip=23)
        yield round(x, 6), round(y, 6)


def here(context: BrowserContext, lon: float, lat: float, accuracy: float) -> None:
    context.set_geolocation({"longitude": lon, "latitude": lat, "accuracy": accuracy})


def open_new_area(page: Page, live_server: str, lon: float, lat: float) -> Locator:
    open_map(page, live_server)
    sign_in(page, OFFICER)
    page.evaluate(f"window.gisapp.map.setView([{lat}, {lon}], 17, {{animate: false}})")
    page.get_by_role("button", name="+ Vùng trồng mới").click()
    panel = page.get_by_role("complementary")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Vùng trồng mới")
    return panel


def walk(x: float, y: float) -> list[tuple[float, float, float]]:
    """(lon, lat, accuracy): round a square, a fix every ~25 m with sub-metre jitter, one fix 500 m off."""
    corners = [(x, y), (x + SIDE, y), (x + SIDE, y + SIDE), (x, y + SIDE), (x, y)]
    track: list[tuple[float, float, float]] = []
    for (ax, ay), (bx, by) in itertools.pairwise(corners):
        for step in range(4):
            jitter = 0.000002 * math.sin(len(track) * 1.7)  # about 20 cm
            track.append((ax + (bx - ax) * step / 4 + jitter, ay + (by - ay) * step / 4 - jitter, 4 + step))
    track.insert(6, (x + 0.003, y - 0.002, 500))  # a network fix, 400 m away
    track.append((x + 0.000005, y + 0.000004, 5))  # back at the start, half a metre off
    return track


def test_walking_round_a_plot_makes_a_draft(
    chromium: Browser, live_server: str, live_engine: Engine, spot: tuple[float, float]
) -> None:
    x, y = spot
    track = walk(x, y)
    errors: list[str] = []
    first = {"longitude": track[0][0], "latitude": track[0][1], "accuracy": track[0][2]}
    with (
        areas_removed_afterwards(live_engine) as created,
        phone_page(chromium, errors, "walk_boundary", geolocation=first, permissions=["geolocation"]) as page,
    ):
        panel = open_new_area(page, live_server, x + SIDE / 2, y + SIDE / 2)
        panel.get_by_role("button", name="Đi quanh ranh giới (GPS)").click()
        status = panel.locator(".gisapp-walk-status")
        expect(status).to_have_attribute("data-kept", "1")
        kept, dropped = 1, 0
        for lon, lat, accuracy in track[1:]:
            here(page.context, lon, lat, accuracy)
            if accuracy > 20:
                dropped += 1
                expect(status).to_have_attribute("data-dropped", str(dropped))
                expect(status).to_have_attribute("role", "alert")
                expect(status).to_contain_text("Bỏ qua điểm mới nhất: sai số ±500 m lớn hơn 20 m.")
            else:
                kept += 1
                expect(status).to_have_attribute("data-kept", str(kept))
        expect(status).to_contain_text(f"Đang ghi đường đi: {kept} điểm.")
        expect(status).to_contain_text("Đã bỏ qua 1 điểm có sai số lớn hơn 20 m.")
        panel.get_by_role("button", name="Kết thúc và khép vùng").click()
        # The straight stretches and the jitter are simplified away: four corners remain.
        expect(panel.locator(".gisapp-boundary-message")).to_contain_text("Đã khép vùng từ đường đi (4 đỉnh")
        expect(page.locator(".leaflet-marker-pane .marker-icon:not(.marker-icon-middle)")).to_have_count(4)
        shown_ha = area_meter(panel)

        form = panel.get_by_role("form", name="Vùng trồng mới")
        form.get_by_label("Tên vùng trồng").fill("Ruộng đo bằng GPS E2E")
        form.get_by_label("Cây trồng").select_option("lúa")
        with page.expect_response(
            lambda r: r.request.method == "POST" and r.url.endswith("/api/growing-areas")
        ) as saved:
            form.get_by_role("button", name="Lưu bản nháp").click()
        area_id = created_id(saved.value)
        created.append(area_id)
        expect(panel.locator(".gisapp-record-summary .gisapp-status")).to_have_text("Bản nháp")
        stored = httpx.get(
            f"{live_server}/api/growing-areas/{area_id}", headers=bearer(live_server, OFFICER)
        ).json()
        plot = shape(stored["geometry"])
        west, south, east, north = plot.bounds
        assert west == pytest.approx(x, abs=0.00001) and east == pytest.approx(x + SIDE, abs=0.00001)
        # No trace of the fix 500 m off.
        assert south == pytest.approx(y, abs=0.00001) and north == pytest.approx(y + SIDE, abs=0.00001)
        assert stored["properties"]["area_ha"] == pytest.approx(shown_ha, abs=0.0002)

    assert errors == []


def test_a_walk_that_crosses_itself_is_caught(
    chromium: Browser, live_server: str, spot: tuple[float, float]
) -> None:
    x, y = spot
    bow_tie = [(x, y), (x + SIDE, y + SIDE), (x + SIDE, y), (x, y + SIDE)]
    errors: list[str] = []
    first = {"longitude": x, "latitude": y, "accuracy": 3}
    with phone_page(
        chromium, errors, "walk_crossing", geolocation=first, permissions=["geolocation"]
    ) as page:
        panel = open_new_area(page, live_server, x + SIDE / 2, y + SIDE / 2)
        panel.get_by_role("button", name="Đi quanh ranh giới (GPS)").click()
        status = panel.locator(".gisapp-walk-status")
        expect(status).to_have_attribute("data-kept", "1")
        for count, (lon, lat) in enumerate(bow_tie[1:], start=2):
            here(page.context, lon, lat, 3)
            expect(status).to_have_attribute("data-kept", str(count))
        panel.get_by_role("button", name="Kết thúc và khép vùng").click()
        expect(panel.locator(".gisapp-boundary-message")).to_contain_text("Đường đi tự cắt nhau ở 1 chỗ")
        form = panel.get_by_role("form", name="Vùng trồng mới")
        form.get_by_label("Tên vùng trồng").fill("Hình nơ E2E")
        form.get_by_label("Cây trồng").select_option("lúa")
        form.get_by_role("button", name="Lưu bản nháp").click()
        expect(form.locator(".gisapp-edit-error")).to_contain_text("Ranh giới tự cắt nhau")
    assert errors == []


def test_gps_vertices_warn_about_poor_fixes_and_never_add_them_silently(
    chromium: Browser, live_server: str, spot: tuple[float, float]
) -> None:
    x, y = spot
    errors: list[str] = []
    first = {"longitude": x, "latitude": y, "accuracy": 6}
    with phone_page(chromium, errors, "gps_vertices", geolocation=first, permissions=["geolocation"]) as page:
        panel = open_new_area(page, live_server, x + SIDE / 2, y + SIDE / 2)
        add = panel.get_by_role("button", name="Thêm đỉnh tại vị trí của tôi")
        message = panel.locator(".gisapp-boundary-message")
        add.click()
        expect(message).to_have_text("Đã thêm đỉnh (sai số ±6 m); vùng có 1 đỉnh.")

        here(page.context, x + SIDE, y, 35)
        add.click()
        expect(message).to_have_attribute("role", "alert")
        expect(message).to_contain_text("Sai số vị trí ±35 m (lớn hơn 20 m)")
        expect(page.locator("path.gisapp-fix-poor")).to_have_count(1)
        message.get_by_role("button", name="Thêm đỉnh này").click()
        expect(message).to_contain_text("vùng có 2 đỉnh")

        here(page.context, x + 0.004, y + 0.004, 500)
        add.click()
        expect(message).to_have_class("gisapp-boundary-message gisapp-message-strong")
        expect(message).to_contain_text("Cảnh báo: sai số vị trí rất lớn, ±500 m")
        message.get_by_role("button", name="Bỏ qua").click()
        expect(message).to_have_count(0)

        here(page.context, x + SIDE, y + SIDE, 4)
        add.click()
        expect(message).to_contain_text("vùng có 3 đỉnh")
        assert 0.45 < area_meter(panel) < 0.55  # half of a 100 m square: the 500 m fix was not added
    assert errors == []
