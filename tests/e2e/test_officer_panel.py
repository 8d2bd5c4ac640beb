"""A province agriculture officer on a phone opens a submitted dossier, checks it and issues its code.

The dossier is drafted and submitted through the API by another officer (separation of duties: who
drafts never decides), committed to the live server's database and removed afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine, text

from gisapp.services import accounts
from tests.e2e.live_records import (
    LAYER_SWITCHER,
    bearer,
    committed_accounts,
    committed_area,
    free_ground,
    sign_in,
)
from tests.e2e.phone import open_map, phone_page, tap_feature
from tests.places import square

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ thử"  # noqa: S105 (a test account)
DRAFTER = accounts.NewAccount("e2e.soanthao", "Lê Văn Soạn", PASSWORD, "agri_officer", "province", ("68",))
DECIDER = accounts.NewAccount(
    "e2e.quyetdinh", "Phạm Thị Quyết", PASSWORD, "agri_officer", "province", ("68",)
)
NAME = "Vùng trồng sầu riêng thử nghiệm E2E"
REPRESENTATIVE = "Nguyễn Văn Đại Diện"
DOSSIERS = "growing_area_dossiers"
SWITCHER = LAYER_SWITCHER


@dataclass(frozen=True)
class Dossier:
    id: int
    commune: str
    lat: float
    lon: float


@pytest.fixture
def officers(live_engine: Engine) -> Iterator[None]:
    """The drafting and the deciding officer, committed to the live database and removed afterwards."""
    with committed_accounts(live_engine, DRAFTER, DECIDER):
        yield


@pytest.fixture
def dossier(live_server: str, live_engine: Engine, officers: None) -> Iterator[Dossier]:
    """A dossier on free ground of Lâm Đồng, drafted and submitted by DRAFTER through the API."""
    commune, x, y = free_ground(live_engine, "68", skip=11)
    feature = {
        "type": "Feature",
        "geometry": square(x, y),
        "properties": {
            "name": NAME,
            "crop": "sầu riêng",
            "variety": "Ri6",
            "issued_commune_code": commune,
            "representative_name": REPRESENTATIVE,
            "households": [{"name": "Trần Thị Hộ", "phone": "0912 345 678", "id_number": "012345678901"}],
        },
    }
    headers = bearer(live_server, DRAFTER)
    with committed_area(live_server, live_engine, headers, feature) as area_id:
        submitted = httpx.post(
            f"{live_server}/api/growing-areas/{area_id}/transitions",
            json={"action": "submit", "reason": "Hồ sơ đủ thành phần"},
            headers=headers,
        )
        assert submitted.status_code == 200, submitted.text
        yield Dossier(area_id, commune, y, x)


def open_record(page: Page, dossier: Dossier) -> Locator:
    """Tap the dossier on the map; the record panel opens with its name."""
    tap_feature(page, dossier.lat, dossier.lon, DOSSIERS)
    panel = page.get_by_role("complementary")
    expect(panel.get_by_role("heading", level=2)).to_have_text(NAME)
    return panel


def decide(panel: Locator, action: str, number: str) -> None:
    panel.get_by_role("radio", name=action).check()
    panel.get_by_label("Lý do").fill("Đủ điều kiện cấp mã số vùng trồng")
    panel.get_by_label("Số văn bản").fill(number)
    panel.get_by_label("Ngày văn bản").fill("2025-09-15")
    panel.get_by_label("Cơ quan quyết định").fill("Chi cục Trồng trọt và BVTV tỉnh Lâm Đồng")
    panel.locator(".gisapp-transition-submit").click()


def test_officer_issues_a_submitted_dossier_and_sees_the_code(
    chromium: Browser, live_server: str, dossier: Dossier
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "officer_issues") as page:
        open_map(page, live_server)
        sign_in(page, DECIDER)
        panel = open_record(page, dossier)
        expect(panel.locator(".gisapp-record-summary .gisapp-status")).to_have_text("Đã nộp, chờ duyệt")
        expect(panel.locator(".gisapp-record-code")).to_have_text("Chưa có mã số")
        # Private fields and households reach the officer in scope.
        expect(panel.locator("[data-property=representative_name] td")).to_have_text(REPRESENTATIVE)
        expect(panel.locator(".gisapp-households-table tbody tr")).to_have_text(re.compile("Trần Thị Hộ"))
        expect(panel.locator(".gisapp-history-item[data-action=submit]")).to_contain_text(DRAFTER.username)

        decide(panel, "Cấp mã số", "45/QĐ-TTBVTV")
        code = panel.locator(".gisapp-record-code")
        expect(code).to_have_text(re.compile(rf"^VN-68-{dossier.commune}-\d+-25$"))
        issued = code.inner_text()
        expect(panel.locator(".gisapp-record-flash")).to_have_text(f"Đã cấp mã số {issued}.")
        expect(panel.locator(".gisapp-record-summary .gisapp-status")).to_have_text("Còn hiệu lực")
        decision = panel.locator(".gisapp-history-item[data-action=issue]")
        expect(decision).to_contain_text("45/QĐ-TTBVTV")
        expect(decision).to_contain_text(DECIDER.username)
        expect(decision).to_contain_text(issued)
        # Issued: the decisions now open are suspend and revoke.
        expect(panel.get_by_role("radio")).to_have_count(2)
        expect(panel.get_by_role("radio", name="Tạm dừng mã số")).to_be_checked()
    assert errors == []


def test_the_drafter_may_not_decide_on_their_own_dossier(
    chromium: Browser, live_server: str, dossier: Dossier
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "drafter_refused") as page:
        open_map(page, live_server)
        sign_in(page, DRAFTER)
        panel = open_record(page, dossier)
        decide(panel, "Cấp mã số", "46/QĐ-TTBVTV")
        expect(panel.get_by_role("alert")).to_contain_text("Không được tự quyết định hồ sơ mình lập")
        expect(panel.locator(".gisapp-record-code")).to_have_text("Chưa có mã số")
        expect(panel.locator(".gisapp-record-summary .gisapp-status")).to_have_text("Đã nộp, chờ duyệt")
    assert [e for e in errors if "status of 403" not in e] == []


@dataclass(frozen=True)
class Overlap:
    dossier: Dossier  # lat, lon: a point of the moved dossier off the other area
    other_code: str


@pytest.fixture
def overlapping(live_engine: Engine, dossier: Dossier) -> Overlap:
    """Older data can overlap: the dossier moved half onto an issued area of Lâm Đồng."""
    with live_engine.begin() as connection:
        other_id, other_code = connection.execute(
            text(
                "SELECT g.id, g.code FROM growing_areas AS g JOIN admin_units AS c ON c.level = 'commune'"
                " AND c.code = g.commune_code AND c.valid_to IS NULL AND c.parent_code = '68'"
                " WHERE g.status = 'issued' ORDER BY g.id LIMIT 1"
            )
        ).one()
        lat, lon = connection.execute(
            text(
                "UPDATE growing_areas AS d SET geom = ST_Multi(ST_Translate(o.geom,"
                " (ST_XMax(o.geom) - ST_XMin(o.geom)) / 2, 0)) FROM growing_areas AS o"
                " WHERE o.id = :other AND d.id = :id"
                " RETURNING ST_Y(ST_PointOnSurface(ST_Difference(d.geom, o.geom))),"
                " ST_X(ST_PointOnSurface(ST_Difference(d.geom, o.geom)))"
            ),
            {"other": other_id, "id": dossier.id},
        ).one()
    return Overlap(Dossier(dossier.id, dossier.commune, lat, lon), other_code)


def expect_overlap_shown(page: Page, problems: Locator, other_code: str) -> None:
    """The overlap is listed with the other code and its area, and drawn in red on the map."""
    overlap = problems.locator(".gisapp-problem[data-check=overlap]")
    expect(overlap).to_contain_text(other_code)
    expect(overlap.locator(".gisapp-problem-other")).to_contain_text(re.compile(r"\d m²$"))
    drawn = page.locator("path.gisapp-check-overlap")
    expect(drawn).not_to_have_count(0)
    assert drawn.first.get_attribute("stroke") == "#b71c1c"


def test_check_of_a_clean_dossier_finds_no_problem(
    chromium: Browser, live_server: str, dossier: Dossier
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "check_clean") as page:
        open_map(page, live_server)
        sign_in(page, DECIDER)
        panel = open_record(page, dossier)
        panel.get_by_role("button", name="Kiểm tra ranh giới và thông tin").click()
        expect(panel.locator(".gisapp-check-result")).to_have_text("Không phát hiện vấn đề.")
        expect(page.locator("path.gisapp-check-problem")).to_have_count(0)
    assert errors == []


def test_check_draws_the_overlap_in_red_and_names_the_other_code(
    chromium: Browser, live_server: str, overlapping: Overlap
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "check_overlap") as page:
        open_map(page, live_server)
        sign_in(page, DECIDER)
        panel = open_record(page, overlapping.dossier)
        panel.get_by_role("button", name="Kiểm tra ranh giới và thông tin").click()
        expect(panel.locator(".gisapp-check-failed")).to_contain_text("Phát hiện")
        expect_overlap_shown(page, panel.locator(".gisapp-check-result"), overlapping.other_code)
    assert errors == []


def test_issuing_an_overlapping_dossier_is_refused_with_the_problems_drawn(
    chromium: Browser, live_server: str, overlapping: Overlap
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "issue_refused_overlap") as page:
        open_map(page, live_server)
        sign_in(page, DECIDER)
        panel = open_record(page, overlapping.dossier)
        decide(panel, "Cấp mã số", "47/QĐ-TTBVTV")
        refusal = panel.get_by_role("alert")
        expect_overlap_shown(page, refusal, overlapping.other_code)
        expect(panel.locator(".gisapp-record-code")).to_have_text("Chưa có mã số")
    assert [e for e in errors if "status of 422" not in e] == []


def test_staff_layers_leave_the_map_at_sign_out(chromium: Browser, live_server: str, officers: None) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "staff_layers") as page:
        open_map(page, live_server)
        expect(page.locator(SWITCHER, has_text="Vùng trồng")).to_have_count(1)
        expect(page.locator(SWITCHER, has_text="Hồ sơ đang xử lý")).to_have_count(0)
        sign_in(page, DECIDER)
        expect(page.locator(SWITCHER, has_text="Chồng lấn vùng trồng")).to_have_count(1)
        page.locator(".gisapp-auth-toggle").click()
        page.get_by_role("button", name="Đăng xuất").click()
        expect(page.locator(".gisapp-auth-toggle")).to_have_text("Đăng nhập")
        expect(page.locator(SWITCHER, has_text="Hồ sơ đang xử lý")).to_have_count(0)
        expect(page.locator(SWITCHER, has_text="Chồng lấn vùng trồng")).to_have_count(0)
    assert errors == []


def test_history_shows_versions_and_the_record_as_of_a_day(
    chromium: Browser, live_server: str, dossier: Dossier
) -> None:
    yesterday = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date() - timedelta(days=1)
    errors: list[str] = []
    with phone_page(chromium, errors, "history_versions") as page:
        open_map(page, live_server)
        sign_in(page, DECIDER)
        panel = open_record(page, dossier)
        versions = panel.locator(".gisapp-version-item")
        expect(versions).to_have_count(2)  # drafted, then submitted, the same day: newest first
        expect(versions.nth(1)).to_contain_text("Đã được thay thế ngay trong ngày")
        versions.nth(0).get_by_role("button", name="Xem phiên bản này").click()
        banner = panel.get_by_role("note")
        expect(banner).to_contain_text("Đang xem phiên bản 2")
        expect(page.locator("path.gisapp-highlight-version")).not_to_have_count(0)  # dashed outline
        expect(panel.locator(".gisapp-transition-form")).to_have_count(0)  # no decisions on the past

        panel.get_by_label("Xem hồ sơ vào cuối ngày").fill(yesterday.isoformat())
        panel.get_by_role("button", name="Xem", exact=True).click()
        expect(banner).to_contain_text("Hồ sơ chưa tồn tại vào ngày")
        banner.get_by_role("button", name="Về hồ sơ hiện tại").click()
        expect(panel.get_by_role("note")).to_have_count(0)
        expect(panel.locator(".gisapp-transition-form")).to_have_count(1)
    assert [e for e in errors if "status of 404" not in e] == []
