"""An agriculture officer on a phone records a season, its actual yield, an inspection and a photo
from the record panel, sees each listed, and sees refusals beside the fields they are about.

The draft is created through the API, committed to the live server's database and removed
afterwards with its records, their audit records, the stored files and the test account.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine, text

from gisapp.services import accounts
from gisapp.settings import Settings
from tests.e2e.live_records import bearer, committed_accounts, committed_area, free_ground, sign_in
from tests.e2e.phone import open_map, phone_page, tap_feature
from tests.places import square

pytestmark = pytest.mark.browser

OFFICER = accounts.NewAccount(
    "e2e.ghichep", "Trịnh Văn Ghi", "mật khẩu cán bộ ghi chép", "agri_officer", "province", ("68",)
)
NAME = "Vườn sầu riêng ghi vụ E2E"
ENTITIES = ("growing_area_seasons", "growing_area_inspections", "attachments")


@dataclass(frozen=True)
class Area:
    id: int
    lat: float
    lon: float


def forget_records(engine: Engine, area_id: int) -> None:
    """The records' audit entries and stored files (the rows go with the area)."""
    folder = Settings().attachment_folder
    with engine.begin() as connection:
        paths = connection.execute(
            text("SELECT stored_path, public_copy_path FROM attachments WHERE growing_area_id = :id"),
            {"id": area_id},
        ).all()
        connection.execute(
            text(
                "DELETE FROM audit_records WHERE entity = ANY(:entities) "
                "AND (after ->> 'growing_area_id')::int = :id"
            ),
            {"entities": list(ENTITIES), "id": area_id},
        )
    for path in (p for row in paths for p in row if p):
        (folder / path).unlink(missing_ok=True)


@pytest.fixture
def area(live_server: str, live_engine: Engine) -> Iterator[Area]:
    """A durian draft of about 19 ha on free ground of Lâm Đồng."""
    with committed_accounts(live_engine, OFFICER):
        commune, x, y = free_ground(live_engine, "68", skip=15)
        feature = {
            "type": "Feature",
            "geometry": square(x, y),
            "properties": {
                "name": NAME,
                "crop": "sầu riêng",
                "variety": "Ri6",
                "issued_commune_code": commune,
            },
        }
        with committed_area(live_server, live_engine, bearer(live_server, OFFICER), feature) as area_id:
            try:
                yield Area(area_id, y, x)
            finally:
                forget_records(live_engine, area_id)


def jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (120, 90), (60, 140, 40)).save(out, "JPEG")
    return out.getvalue()


def today() -> str:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date().isoformat()


def field_error(form: Locator, label: str) -> Locator:
    """The message shown beside the field labelled `label`."""
    return form.locator(".gisapp-field", has=form.page.get_by_label(label, exact=True)).locator(
        ".gisapp-field-error"
    )


def add_season(panel: Locator) -> None:
    seasons = panel.get_by_role("region", name="Mùa vụ")
    expect(seasons).to_contain_text("Chưa ghi vụ nào.")
    seasons.get_by_role("button", name="Thêm vụ").click()
    form = seasons.get_by_role("form", name="Thêm vụ")
    expect(form.get_by_label("Cây trồng")).to_have_value("sầu riêng")  # the area's crop by default
    form.get_by_label("Tên vụ").fill("Vụ thuận 2025 E2E")
    form.get_by_label("Ngày bắt đầu vụ").fill("2025-03-01")
    form.get_by_label("Năng suất dự kiến (tấn/ha)").fill("-2")
    form.get_by_role("button", name="Lưu vụ").click()
    expect(field_error(form, "Năng suất dự kiến (tấn/ha)")).to_have_text(
        "Không được âm."
    )  # the form's own check
    form.get_by_label("Năng suất dự kiến (tấn/ha)").fill("18,5")
    form.get_by_label("Thời gian thu hoạch dự kiến").fill("2125-08-15")
    form.get_by_role("button", name="Lưu vụ").click()
    # The server's refusal lands beside its field, in Vietnamese.
    expect(field_error(form, "Thời gian thu hoạch dự kiến")).to_contain_text("quá xa")
    form.get_by_label("Thời gian thu hoạch dự kiến").fill("2025-08-15")
    form.get_by_label("Diện tích vụ (ha)").fill("12,5")
    form.get_by_role("button", name="Lưu vụ").click()
    expect(seasons.locator(".gisapp-records-status")).to_have_text("Đã ghi vụ mới.")
    item = seasons.locator(".gisapp-season")
    expect(item).to_contain_text("Vụ thuận 2025 E2E")
    expect(item).to_contain_text("231,25 tấn")  # 12,5 ha × 18,5 t/ha

    item.get_by_role("button", name="Ghi sản lượng thực tế").click()
    end = item.get_by_role("form", name="Ghi sản lượng thực tế")
    end.get_by_label("Ngày thu hoạch").fill("2025-08-20")
    end.get_by_label("Sản lượng thực tế (tấn)").fill("201,4")
    end.get_by_role("button", name="Lưu sản lượng").click()
    expect(seasons.locator(".gisapp-records-status")).to_have_text("Đã ghi sản lượng thực tế.")
    expect(seasons.locator(".gisapp-season")).to_contain_text("201,4 tấn")


def add_inspection(panel: Locator) -> None:
    inspections = panel.get_by_role("region", name="Kiểm tra")
    inspections.get_by_role("button", name="Ghi biên bản kiểm tra").click()
    form = inspections.get_by_role("form", name="Ghi biên bản kiểm tra")
    expect(form.get_by_label("Người kiểm tra")).to_have_value(OFFICER.display_name)
    form.get_by_label("Chức vụ, đơn vị").fill("Chuyên viên Chi cục Trồng trọt và BVTV")
    form.get_by_label("Giai đoạn sinh trưởng").fill("nuôi quả")
    allowed = form.locator(".gisapp-rows-pesticides_permitted_vn")
    allowed.get_by_role("button", name="Thêm thuốc").click()
    allowed.get_by_label("Tên thương phẩm").fill("Ridomil Gold 68WG")
    allowed.get_by_label("Hoạt chất").fill("metalaxyl-M, mancozeb")
    form.get_by_label("Kết luận").select_option(label="Đạt có điều kiện")
    form.get_by_role("button", name="Lưu biên bản").click()
    expect(field_error(form, "Điều kiện hoặc lý do")).to_have_text("Bắt buộc.")
    form.get_by_label("Điều kiện hoặc lý do").fill("Bổ sung nhật ký phun thuốc trong 15 ngày")
    form.get_by_role("button", name="Lưu biên bản").click()
    # The record reloads: its last inspection is today now.
    expect(panel.locator(".gisapp-record-flash")).to_have_text("Đã ghi biên bản kiểm tra.")
    expect(panel.locator("[data-property=last_inspected_on] td")).not_to_be_empty()
    listed = panel.get_by_role("region", name="Kiểm tra").locator(".gisapp-inspection")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Đạt có điều kiện")
    expect(listed).to_contain_text(OFFICER.display_name)


def upload_photo(page: Page, panel: Locator) -> None:
    files = panel.get_by_role("region", name="Tệp đính kèm")
    files.get_by_role("button", name="Tải lên").click()
    form = files.get_by_role("form", name="Tải lên")
    form.get_by_label("Tệp (PDF hoặc ảnh)").set_input_files(
        {"name": "vườn sầu riêng.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}
    )
    expect(form.locator(".gisapp-attachment-chosen")).to_contain_text(
        re.compile(r"vườn sầu riêng\.jpg — [\d.,]+ K?B")
    )
    form.get_by_label("Loại tệp").select_option(label="Ảnh chụp")
    form.get_by_label("Công khai một bản sao (đã xóa vị trí GPS)").check()
    form.get_by_role("button", name="Tải lên").click()
    expect(files.locator(".gisapp-records-status")).to_have_text("Đã tải lên vườn sầu riêng.jpg.")
    expect(files.get_by_role("link", name="vườn sầu riêng.jpg")).to_be_visible()
    expect(files.get_by_role("link", name="bản công khai")).to_be_visible()


def test_officer_records_a_season_an_inspection_and_a_photo_on_a_phone(
    chromium: Browser, live_server: str, area: Area
) -> None:
    errors: list[str] = []
    with phone_page(chromium, errors, "record_forms") as page:
        open_map(page, live_server)
        sign_in(page, OFFICER)
        tap_feature(page, area.lat, area.lon, "growing_area_dossiers")
        panel = page.get_by_role("complementary")
        expect(panel.get_by_role("heading", level=2)).to_have_text(NAME)
        add_season(panel)
        add_inspection(panel)
        upload_photo(page, panel)
    assert [e for e in errors if "status of 422" not in e] == []
    headers = bearer(live_server, OFFICER)
    base = f"{live_server}/api/growing-areas/{area.id}"
    [season] = httpx.get(f"{base}/seasons", headers=headers).json()
    assert (season["area_ha"], season["expected_yield_t_per_ha"], season["actual_yield_t"]) == (
        12.5,
        18.5,
        201.4,
    )
    [inspection] = httpx.get(f"{base}/inspections", headers=headers).json()
    assert inspection["inspected_on"] == today()
    assert inspection["pesticides_permitted_vn"][0]["product"] == "Ridomil Gold 68WG"
    properties = httpx.get(base, headers=headers).json()["properties"]
    assert properties["last_inspected_on"] == today()
