"""Pollution sources on the map in a real browser: the buffers layer can be switched on, and clicking a
source with an exceedance shows its latest samples judged and the growing areas within its distance,
never its owner."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, text

from gisapp.services import accounts
from tests.e2e.live_records import committed_accounts, sign_in

pytestmark = pytest.mark.browser

READY = "body[data-state=ready]"


def exceeding_source(live_server: str) -> dict[str, Any]:
    url = f"{live_server}/api/pollution-sources?latest_sample_status=exceed&limit=1"
    with urllib.request.urlopen(url, timeout=30) as response:
        feature: dict[str, Any] = json.load(response)["features"][0]
    return feature


def switch_on(page: Page, title: str) -> None:
    """Tick a layer in the layer switcher, as a person does (hover opens it)."""
    page.locator(".leaflet-control-layers").hover()
    exactly = re.compile(rf"^\s*{re.escape(title)}\s*$")
    title_span = page.locator(".gisapp-layer-title", has_text=exactly)  # not the zoom hint beside it
    switch = page.locator(".leaflet-control-layers-overlays label", has=title_span)
    switch.click()
    expect(switch.locator("input")).to_be_checked()
    page.mouse.move(5, 300)  # away from the switcher, which folds again


def centre_on(page: Page, feature: dict[str, Any]) -> None:
    lon, lat = feature["geometry"]["coordinates"]
    page.evaluate(f"window.gisapp.map.setView([{lat}, {lon}], 15, {{animate: false}})")


def drawn_at(page: Page, feature: dict[str, Any]) -> dict[str, float]:
    """Centre the map on the source at zoom 15 and wait until its marker is the element drawn there."""
    lon, lat = feature["geometry"]["coordinates"]
    centre_on(page, feature)
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
    centre_on(map_page, source)  # zoom 15: both layers (from zoom 7 and 8) can be switched on
    switch_on(map_page, "Nguồn thải")
    switch_on(map_page, "Vùng ảnh hưởng nguồn thải")
    map_page.wait_for_selector("path.gisapp-layer-pollution_buffers", state="attached")
    target = drawn_at(map_page, source)
    map_page.mouse.click(target["x"], target["y"])
    details = map_page.locator(".leaflet-popup-content .gisapp-pollution-details")
    details.locator(".gisapp-verdict-exceed").first.wait_for()
    text = map_page.locator(".leaflet-popup-content").inner_text()
    assert source["properties"]["name"] in text and "Vượt quy chuẩn" in text
    assert "QCVN 62-MT:2016/BTNMT" in text
    assert details.locator(".gisapp-nearby-area").count() >= 1  # the demo area 300 m away
    assert "Chủ cơ sở demo" not in text
    affected = map_page.locator("path.gisapp-affected-area")
    expect(affected).to_have_count(details.locator(".gisapp-nearby-area").count())
    map_page.evaluate("window.gisapp.map.closePopup()")
    expect(affected).to_have_count(0)  # outlined only while the source is open
    map_page.wait_for_load_state("networkidle")
    assert browser_log.errors == []


PASSWORD = "mật khẩu cán bộ thử"  # noqa: S105 (a test account)
ENV_OFFICER = accounts.NewAccount(
    "e2e.moitruong", "Trần Thị Môi Trường", PASSWORD, "env_officer", "province", ("68",)
)
LAB = "Phòng thí nghiệm E2E"


def source_in_lam_dong(engine: Engine) -> dict[str, Any]:
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT s.id, s.name, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat FROM pollution_sources AS s "
                "JOIN admin_units AS u ON u.code = s.commune_code AND u.level = 'commune' "
                "WHERE s.is_demo AND u.parent_code = '68' AND s.regulation_code IS NOT NULL "
                "ORDER BY s.id LIMIT 1"
            )
        ).one()
    return {"id": row.id, "geometry": {"coordinates": [row.lon, row.lat]}, "properties": {"name": row.name}}


def test_env_staff_record_a_sample_and_see_it_judged(
    map_page: Page, browser_log: Any, live_server: str, live_engine: Engine
) -> None:
    source = source_in_lam_dong(live_engine)
    with committed_accounts(live_engine, ENV_OFFICER):
        try:
            map_page.goto(f"{live_server}/")
            map_page.wait_for_selector(READY)
            sign_in(map_page, ENV_OFFICER)
            centre_on(map_page, source)
            switch_on(map_page, "Nguồn thải")
            target = drawn_at(map_page, source)
            map_page.mouse.click(target["x"], target["y"])
            popup = map_page.locator(".leaflet-popup-content")
            popup.locator(".gisapp-pollution-forms summary", has_text="Ghi mẫu quan trắc").click()
            form = popup.locator(".gisapp-pollution-sample-form")
            form.get_by_label("Ngày lấy mẫu").fill("2025-08-30")
            form.get_by_label("Đơn vị phân tích").fill(LAB)
            form.get_by_label("Vị trí lấy mẫu").fill("Cửa xả cuối")
            form.locator('[data-path="results.3.value"]').fill("999")  # COD, far above any column
            form.locator('[data-path="results.1.value"]').fill("7,1")
            form.get_by_role("button", name="Lưu mẫu").click()
            newest = popup.locator(".gisapp-sample").first
            expect(newest).to_contain_text("2025-08-30: Vượt quy chuẩn")
            expect(newest).to_contain_text("cod")
            map_page.wait_for_load_state("networkidle")
            assert browser_log.errors == []
        finally:
            with live_engine.begin() as connection:
                ids = (
                    connection.execute(
                        text("DELETE FROM pollution_samples WHERE lab = :lab RETURNING id"), {"lab": LAB}
                    )
                    .scalars()
                    .all()
                )
                connection.execute(
                    text(
                        "DELETE FROM audit_records "
                        "WHERE entity = 'pollution_samples' AND entity_id = ANY(:ids)"
                    ),
                    {"ids": [str(i) for i in ids]},
                )
