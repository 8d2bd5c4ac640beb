"""A citizen on a phone reports pollution at a point with a photo and gets a receipt; an environment
officer finds it in the moderation queue and links it to a pollution source; the citizen's receipt
check then shows the new status. Everything committed to the live database is removed afterwards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine, text

from gisapp.services import accounts
from gisapp.settings import Settings
from tests.citizen import gps_photo
from tests.e2e.live_records import committed_accounts, free_ground, sign_in
from tests.e2e.phone import open_map, phone_page, screen_point, tap_feature

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ thử"  # noqa: S105 (a test account)
OFFICER = accounts.NewAccount(
    "e2e.moitruong", "Trần Thị Môi Trường", PASSWORD, "env_officer", "province", ("48",)
)
SOURCE = "Trại lợn E2E"
RECEIPT = re.compile(r"^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$")


@dataclass(frozen=True)
class Scene:
    lon: float
    lat: float
    source: int


@pytest.fixture
def scene(live_server: str, live_engine: Engine) -> Iterator[Scene]:
    with committed_accounts(live_engine, OFFICER):
        _, lon, lat = free_ground(live_engine, "48", skip=7)
        with live_engine.begin() as connection:
            source = connection.execute(
                text(
                    "INSERT INTO pollution_sources (name, source_type, latest_sample_status, "
                    "last_exceedance_on, commune_code, geom) SELECT :n, 'livestock_farm', 'exceed', "
                    "DATE '2025-06-10', "
                    "(SELECT code FROM admin_units WHERE level = 'commune' AND valid_to "
                    "IS NULL AND ST_Intersects(geom, p) LIMIT 1), p FROM (SELECT ST_SetSRID("
                    "ST_MakePoint(:x, :y), 4326) AS p) AS point RETURNING id"
                ),
                {"n": SOURCE, "x": lon + 0.002, "y": lat},
            ).scalar_one()
        try:
            yield Scene(lon, lat, int(source))
        finally:
            with live_engine.begin() as connection:
                photos = connection.execute(
                    text("DELETE FROM citizen_reports WHERE pollution_source_id = :s RETURNING photo_path"),
                    {"s": source},
                ).scalars()
                for path in photos:
                    if path:
                        (Settings(environment="test").attachment_folder / path).unlink(missing_ok=True)
                connection.execute(text("DELETE FROM pollution_sources WHERE id = :s"), {"s": source})
                connection.execute(text("DELETE FROM audit_records WHERE entity = 'citizen_reports'"))


def file_a_report(page: Page, scene: Scene) -> str:
    page.evaluate(f"window.gisapp.map.setView([{scene.lat}, {scene.lon}], 16, {{animate: false}})")
    page.get_by_role("button", name="Báo cáo ô nhiễm").click()
    panel = page.locator("#gisapp-env")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Báo cáo ô nhiễm")
    panel.get_by_role("button", name="Chọn điểm trên bản đồ").click()
    expect(panel).to_be_hidden()  # steps aside while the point is picked
    target = screen_point(page, scene.lat, scene.lon)
    page.mouse.click(target["x"], target["y"])
    expect(panel.locator(".gisapp-report-point")).to_contain_text("Điểm đã chọn")
    panel.get_by_label("Mô tả (điều gì, từ khi nào)").fill(
        "Nước thải chuồng trại chảy ra mương từ tuần trước"
    )
    panel.get_by_label("Loại ô nhiễm").select_option("water")
    photo = gps_photo(size=(400, 300))
    panel.get_by_label("Ảnh (không bắt buộc)").set_input_files(
        {"name": "muong.jpg", "mimeType": "image/jpeg", "buffer": photo}
    )
    expect(panel.locator(".gisapp-photo-size")).to_contain_text("KB")
    panel.get_by_label("Liên hệ (không bắt buộc, chỉ cán bộ thấy)").fill("0905 111 222")
    panel.get_by_role("button", name="Gửi báo cáo").click()
    receipt = panel.locator(".gisapp-receipt")
    expect(receipt).to_have_text(RECEIPT)
    return receipt.inner_text()


def on_the_free_map(page: Page, lat: float, lon: float) -> bool:
    """Whether the map shows this position, not a panel or a control over it."""
    shown: bool = page.evaluate(
        """({x, y}) => {
            const node = document.elementFromPoint(x, y);
            return Boolean(node) && window.gisapp.map.getContainer().contains(node)
              && !node.closest(".leaflet-control");
        }""",
        screen_point(page, lat, lon),
    )
    return shown


def check_receipt(page: Page, receipt: str) -> None:
    panel = page.locator("#gisapp-env")
    panel.get_by_label("Số biên nhận").fill(receipt.lower())
    panel.get_by_role("button", name="Kiểm tra").click()


def see_the_commune_summary(page: Page, scene: Scene) -> None:
    """Anyone tapping the commune sees its environment summary, the new report counted as open."""
    page.locator("#gisapp-env .gisapp-env-close").click()
    tap_feature(page, scene.lat, scene.lon, "communes", zoom=13)
    panel = page.locator("#gisapp-env")
    expect(panel.get_by_role("heading", level=2)).to_contain_text("Môi trường của xã")
    expect(panel.locator(".gisapp-summary-reports")).to_have_text("Báo cáo của người dân đang chờ xử lý: 1")
    expect(panel.locator(".gisapp-summary-sources li[data-type=livestock_farm]")).to_contain_text("1")
    exceeding = panel.locator(".gisapp-summary-exceeding li")
    expect(exceeding).to_have_count(1)
    expect(exceeding).to_contain_text(SOURCE)
    expect(exceeding).to_contain_text("10/06/2025")
    page.keyboard.press("Escape")
    page.get_by_role(
        "button", name="Báo cáo ô nhiễm"
    ).click()  # back to the receipt, kept while the page lives


def test_a_citizen_report_is_filed_moderated_and_checked(
    chromium: Browser, live_server: str, scene: Scene
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "citizen_report") as citizen:
        open_map(citizen, live_server)
        receipt = file_a_report(citizen, scene)
        check_receipt(citizen, receipt)
        expect(citizen.locator(".gisapp-receipt-status")).to_have_text("Đã tiếp nhận")
        see_the_commune_summary(citizen, scene)
        with phone_page(chromium, errors, "citizen_report_officer") as officer:
            open_map(officer, live_server)
            sign_in(officer, OFFICER)
            officer.get_by_role("button", name="Hàng chờ báo cáo").click()
            item = officer.locator(f".gisapp-queue-item[data-receipt='{receipt}']")
            expect(item).to_contain_text("0905 111 222")
            item.get_by_role("button", name="Xem trên bản đồ").click()
            assert on_the_free_map(officer, scene.lat, scene.lon), "the report shown lies under the panel"
            # The pollution-source layer is in the catalog: the source nearby is offered by name.
            nearby = item.locator("select.gisapp-queue-nearby")
            expect(nearby).to_be_visible()
            nearby.select_option(str(scene.source))
            expect(item.get_by_label("Mã nguồn (số)")).to_have_value(str(scene.source))
            item.get_by_role("button", name="Gắn với nguồn").click()
            expect(officer.locator(".gisapp-env-notice")).to_have_text(f"Đã cập nhật: {receipt}")
            expect(officer.locator(f".gisapp-queue-item[data-receipt='{receipt}']")).to_have_count(0)
        check_receipt(citizen, receipt)
        expect(citizen.locator(".gisapp-receipt-status")).to_have_text("Đã gắn với một nguồn ô nhiễm")
    assert errors == []
