"""An agriculture officer on a phone taps a packing house: code, markets, operator, suppliers, and a lot
heavier than its source area can yield, flagged with the numbers.

Everything is made through the API on the live server's database (committed) and removed afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine, text

from gisapp.services import accounts
from tests.e2e.live_records import bearer, committed_accounts, committed_area, free_ground, sign_in
from tests.e2e.phone import open_map, phone_page, tap_feature
from tests.places import square

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ thử"  # noqa: S105 (a test account)
DRAFTER = accounts.NewAccount("e2e.donggoi", "Lê Thị Đóng Gói", PASSWORD, "agri_officer", "province", ("68",))
DECIDER = accounts.NewAccount("e2e.duyet", "Phạm Văn Duyệt", PASSWORD, "agri_officer", "province", ("68",))
HOUSE = "Cơ sở đóng gói sầu riêng E2E"
DECISION = {
    "reason": "Được phê duyệt",
    "document_number": "77/BVTV",
    "document_date": "2025-09-15",
    "authority": "Cục Bảo vệ thực vật",
}
TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


@dataclass(frozen=True)
class Scene:
    house: int
    area_code: str
    lat: float
    lon: float


def decide(live_server: str, path: str, drafter: dict[str, str], decider: dict[str, str]) -> httpx.Response:
    submitted = httpx.post(
        f"{live_server}{path}/transitions", json={"action": "submit", "reason": "Nộp"}, headers=drafter
    )
    assert submitted.status_code == 200, submitted.text
    issued = httpx.post(
        f"{live_server}{path}/transitions", json={"action": "issue", **DECISION}, headers=decider
    )
    assert issued.status_code == 200, issued.text
    return issued


@pytest.fixture
def scene(live_server: str, live_engine: Engine) -> Iterator[Scene]:
    with committed_accounts(live_engine, DRAFTER, DECIDER):
        drafter, decider = bearer(live_server, DRAFTER), bearer(live_server, DECIDER)
        _, x, y = free_ground(live_engine, "68", skip=13)
        area = {
            "type": "Feature",
            "geometry": square(x, y),
            "properties": {"name": "Vùng E2E", "crop": "sầu riêng"},
        }
        with committed_area(live_server, live_engine, drafter, area) as area_id:
            code = decide(live_server, f"/api/growing-areas/{area_id}", drafter, decider).json()[
                "properties"
            ]["code"]
            with live_engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO growing_area_seasons (growing_area_id, crop, area_ha, started_on, "
                        "expected_yield_t_per_ha) VALUES (:a, 'sầu riêng', 2, :d, 10)"
                    ),
                    {"a": area_id, "d": TODAY - timedelta(days=60)},
                )
            house_y = y + 0.006
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [x, house_y]},
                "properties": {
                    "name": HOUSE,
                    "code": "VN-LDPH-901",
                    "operator_name": "Công ty TNHH Trái Cây E2E",
                    "markets": [{"market": "Trung Quốc / China", "document_number": "12/BVTV"}],
                },
            }
            created = httpx.post(f"{live_server}/api/packing-houses", json=feature, headers=drafter)
            assert created.status_code == 201, created.text
            house_id = int(created.json()["id"])
            try:
                issued = decide(live_server, f"/api/packing-houses/{house_id}", drafter, decider)
                linked = httpx.put(
                    f"{live_server}/api/packing-houses/{house_id}/suppliers",
                    json={"growing_areas": [area_id]},
                    headers={**drafter, "If-Match": issued.headers["etag"]},
                )
                assert linked.status_code == 200, linked.text
                lot = {
                    "packed_on": TODAY.isoformat(),
                    "total_weight_t": 25,
                    "lot_number": "L-01",
                    "sources": [{"growing_area_id": area_id}],
                }
                recorded = httpx.post(
                    f"{live_server}/api/packing-houses/{house_id}/lots", json=lot, headers=drafter
                )
                assert recorded.status_code == 201, recorded.text
                yield Scene(house_id, code, house_y, x)
            finally:
                with live_engine.begin() as connection:
                    connection.execute(
                        text("DELETE FROM packing_lots WHERE packing_house_id = :h"), {"h": house_id}
                    )
                    connection.execute(text("DELETE FROM packing_houses WHERE id = :h"), {"h": house_id})
                    connection.execute(
                        text("DELETE FROM audit_records WHERE entity IN ('packing_houses', 'packing_lots')")
                    )


def test_officer_sees_the_flagged_lot_with_its_numbers(
    chromium: Browser, live_server: str, scene: Scene
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "packing_panel") as page:
        open_map(page, live_server)
        sign_in(page, DRAFTER)
        tap_feature(page, scene.lat, scene.lon, "packing_houses")
        panel = page.get_by_role("complementary")
        expect(panel.get_by_role("heading", level=2)).to_have_text(HOUSE)
        expect(panel.locator(".gisapp-record-summary .gisapp-status")).to_have_text("Còn hiệu lực")
        expect(panel.locator(".gisapp-record-summary .gisapp-record-code")).to_have_text("VN-LDPH-901")
        expect(panel.locator(".gisapp-packing-markets li")).to_contain_text("Trung Quốc / China — 12/BVTV")
        expect(panel.locator(".gisapp-packing-operator")).to_contain_text("Công ty TNHH Trái Cây E2E")
        expect(panel.locator(".gisapp-packing-suppliers li")).to_contain_text(scene.area_code)
        sheet = panel.locator("a.gisapp-sheet-link")
        expect(sheet).to_have_text("Phiếu in")
        printed = page.request.get(live_server + str(sheet.get_attribute("href")))
        assert printed.ok and "VN-LDPH-901" in printed.text() and "Vùng trồng cung cấp" in printed.text()
        lot = panel.locator(".gisapp-lots li.gisapp-lot")
        expect(lot).to_have_attribute("data-flagged", "true")
        expect(lot.locator(".gisapp-lot-badge")).to_have_text("Cần kiểm tra")
        # 2 ha × 10 t/ha = 20,000 kg can be yielded; the lot is 25,000 kg: 5,000 kg over (Vietnamese digits).
        expect(lot.locator(".gisapp-lot-numbers")).to_have_text(
            "Khả năng cung cấp 20.000 kg, đã đóng gói 0 kg, lô này 25.000 kg, vượt 5.000 kg"
        )
        expect(lot.locator(".gisapp-lot-flags li[data-kind=over_capacity]").first).to_contain_text(
            "vượt 5.000 kg"
        )
        page.get_by_role("button", name="Switch to English").click()
        expect(lot.locator(".gisapp-lot-badge")).to_have_text("To inspect")
        expect(lot.locator(".gisapp-lot-flags li").first).to_contain_text("5,000 kg more than")
        panel.locator(".gisapp-record-close").click()
        expect(panel).to_be_hidden()
    assert errors == []
