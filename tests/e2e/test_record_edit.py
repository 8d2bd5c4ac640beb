"""An agriculture officer on a phone edits a growing area's record from the record panel.

The draft is created through the API by the province officer, committed to the live server's
database, and removed afterwards with the test accounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine

from gisapp.services import accounts
from tests.e2e.live_records import bearer, committed_accounts, committed_area, free_ground, sign_in
from tests.e2e.phone import open_map, phone_page, tap_feature
from tests.places import square

pytestmark = pytest.mark.browser

PASSWORD = "mật khẩu cán bộ sửa"  # noqa: S105 (test accounts)
EDITOR = accounts.NewAccount("e2e.suahoso", "Đỗ Thị Sửa", PASSWORD, "agri_officer", "province", ("68",))
VIEWER = accounts.NewAccount("e2e.xemhoso", "Vũ Văn Xem", PASSWORD, "viewer", None, ("68",))
OUTSIDER = accounts.NewAccount("e2e.ngoaitinh", "Hà Văn Ngoài", PASSWORD, "agri_officer", "province", ("48",))
NAME = "Ruộng lúa thử sửa hồ sơ E2E"
DOSSIERS = "growing_area_dossiers"
HALF = 0.0004  # about 88 m a side: some 0.77 ha, enough for rice (0.1 ha), too small for durian (1 ha)


@dataclass(frozen=True)
class Area:
    id: int
    lat: float
    lon: float
    url: str  # the API address of the record


@pytest.fixture
def people(live_engine: Engine) -> Iterator[None]:
    """The test accounts, committed to the live database and removed afterwards."""
    with committed_accounts(live_engine, EDITOR, VIEWER, OUTSIDER):
        yield


@pytest.fixture
def area(live_server: str, live_engine: Engine, people: None) -> Iterator[Area]:
    """A small rice draft on free ground of Lâm Đồng, with one member household."""
    commune, x, y = free_ground(live_engine, "68", skip=13)
    feature = {
        "type": "Feature",
        "geometry": square(x, y, HALF),
        "properties": {
            "name": NAME,
            "crop": "lúa",
            "issued_commune_code": commune,
            "representative_name": "Nguyễn Thị Đại Diện",
            "households": [{"name": "Trần Văn Một", "phone": "0912 345 678"}],
        },
    }
    with committed_area(live_server, live_engine, bearer(live_server, EDITOR), feature) as area_id:
        yield Area(area_id, y, x, f"{live_server}/api/growing-areas/{area_id}")


def stored(live_server: str, area: Area) -> dict[str, Any]:
    """The record as the API holds it now (read as the editor, so with private fields)."""
    response = httpx.get(area.url, headers=bearer(live_server, EDITOR))
    assert response.status_code == 200, response.text
    return dict(response.json()["properties"])


def open_record(page: Page, area: Area, name: str = NAME) -> Locator:
    tap_feature(page, area.lat, area.lon, DOSSIERS)
    panel = page.get_by_role("complementary")
    expect(panel.get_by_role("heading", level=2)).to_have_text(name)
    return panel


def start_editing(panel: Locator) -> Locator:
    panel.get_by_role("button", name="Sửa hồ sơ").click()
    form = panel.get_by_role("form", name="Sửa hồ sơ")
    expect(form.get_by_label("Tên vùng trồng")).to_be_focused()
    return form


def test_officer_edits_the_name_and_adds_a_household(chromium: Browser, live_server: str, area: Area) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "edit_name_household") as page:
        open_map(page, live_server)
        sign_in(page, EDITOR)
        form = start_editing(open_record(page, area))
        # The form's own check: a record needs a name (nothing is sent).
        form.get_by_label("Tên vùng trồng").fill("")
        form.get_by_role("button", name="Lưu thay đổi").click()
        expect(form.get_by_role("alert")).to_contain_text("Hãy nhập tên vùng trồng.")
        expect(form.get_by_label("Tên vùng trồng")).to_be_focused()

        form.get_by_label("Tên vùng trồng").fill("Ruộng lúa đã sửa tên E2E")
        form.get_by_role("button", name="Thêm hộ").click()
        added = form.locator(".gisapp-rows-households .gisapp-row").nth(1)
        expect(added.get_by_label("Họ tên")).to_be_focused()
        added.get_by_label("Họ tên").fill("Lê Thị Hai")
        added.get_by_label("Điện thoại").fill("0987 654 321")
        added.get_by_label("Số định danh").fill("012345678901")
        with page.expect_request(lambda r: r.method == "PATCH") as sent:
            form.get_by_role("button", name="Lưu thay đổi").click()
        # A merge patch of only what changed, against the version the panel loaded.
        assert sent.value.headers["if-match"] == '"v1"'
        patch: dict[str, Any] = sent.value.post_data_json or {}
        assert set(patch["properties"]) == {"name", "households"}
        assert [h["name"] for h in patch["properties"]["households"]] == ["Trần Văn Một", "Lê Thị Hai"]

        panel = page.get_by_role("complementary")
        expect(panel.locator(".gisapp-record-flash")).to_have_text("Đã lưu thay đổi.")
        expect(panel.get_by_role("heading", level=2)).to_have_text("Ruộng lúa đã sửa tên E2E")
        expect(panel.locator(".gisapp-households-table tbody tr")).to_have_count(2)

        page.reload()
        page.wait_for_selector("body[data-state=ready]")
        expect(page.locator(".gisapp-auth-toggle")).to_have_text(EDITOR.display_name)
        panel = open_record(page, area, "Ruộng lúa đã sửa tên E2E")
        rows = panel.locator(".gisapp-households-table tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(1)).to_contain_text("Lê Thị Hai")
        expect(rows.nth(1)).to_contain_text("012345678901")
        versions = panel.locator(".gisapp-version-item")
        expect(versions).to_have_count(2)  # created, then edited
    assert errors == []
    assert stored(live_server, area)["name"] == "Ruộng lúa đã sửa tên E2E"


def test_a_stale_edit_is_refused_and_the_record_reloads(
    chromium: Browser, live_server: str, area: Area
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "edit_stale") as page:
        open_map(page, live_server)
        sign_in(page, EDITOR)
        panel = open_record(page, area)
        form = start_editing(panel)
        form.get_by_label("Giống").fill("ST25")
        # Someone else changes the record between load and save.
        changed = httpx.patch(
            area.url,
            json={"properties": {"name": "Đổi tên ở máy khác"}},
            headers={**bearer(live_server, EDITOR), "If-Match": '"v1"'},
        )
        assert changed.status_code == 200, changed.text
        form.get_by_role("button", name="Lưu thay đổi").click()
        refusal = form.get_by_role("alert")
        expect(refusal).to_contain_text("Có người khác đã sửa hồ sơ này")
        refusal.get_by_role("button", name="Tải lại hồ sơ").click()
        expect(panel.get_by_role("heading", level=2)).to_have_text("Đổi tên ở máy khác")
        expect(panel.get_by_role("form", name="Sửa hồ sơ")).to_have_count(0)
    assert [e for e in errors if "status of 412" not in e] == []
    assert stored(live_server, area)["variety"] is None  # the stale change was not written


def test_a_crop_whose_minimum_area_exceeds_the_plot_is_refused_with_the_problem(
    chromium: Browser, live_server: str, area: Area
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "edit_min_area") as page:
        open_map(page, live_server)
        sign_in(page, EDITOR)
        form = start_editing(open_record(page, area))
        crop = form.get_by_label("Cây trồng")
        expect(crop).to_have_value("lúa")
        expect(crop.locator("option[value='sầu riêng']")).to_have_text("sầu riêng (lâu năm, từ 1 ha)")
        crop.select_option("sầu riêng")
        form.get_by_role("button", name="Lưu thay đổi").click()
        refusal = form.get_by_role("alert")
        expect(refusal).to_contain_text("Chưa lưu: hồ sơ không đạt 1 điều kiện kiểm tra")
        problem = refusal.locator(".gisapp-problem[data-check=min_area]")
        expect(problem).to_contain_text(re.compile(r"nhỏ hơn mức tối thiểu 1 ha"))
        # The form keeps what was chosen, to correct it or cancel.
        expect(crop).to_have_value("sầu riêng")
        form.get_by_role("button", name="Hủy").click()
        expect(page.get_by_role("complementary").locator("[data-property=crop] td")).to_have_text("lúa")
    assert [e for e in errors if "status of 422" not in e] == []
    assert stored(live_server, area)["crop"] == "lúa"


def test_an_officer_outside_the_scope_gets_the_servers_refusal(
    chromium: Browser, live_server: str, area: Area
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "edit_out_of_scope") as page:
        open_map(page, live_server)
        sign_in(page, OUTSIDER)
        form = start_editing(open_record(page, area))
        form.get_by_label("Giống").fill("ST24")
        form.get_by_role("button", name="Lưu thay đổi").click()
        expect(form.get_by_role("alert")).to_contain_text("Ngoài phạm vi của bạn")
    assert [e for e in errors if "status of 403" not in e] == []


def test_a_viewer_sees_the_record_but_no_edit_button(chromium: Browser, live_server: str, area: Area) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "edit_viewer") as page:
        open_map(page, live_server)
        sign_in(page, VIEWER)
        panel = open_record(page, area)
        expect(panel.locator("[data-property=representative_name] td")).to_have_text("Nguyễn Thị Đại Diện")
        expect(panel.get_by_role("button", name="Sửa hồ sơ")).to_have_count(0)
        expect(panel.get_by_role("form", name="Sửa hồ sơ")).to_have_count(0)
    assert errors == []
