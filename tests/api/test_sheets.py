"""`/api/growing-areas/{id}/sheet.html`: who gets which facts on a printable sheet, and that the file
names nothing outside itself (the offline test in Chromium is tests/e2e/test_sheet_offline.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from gisapp.api.deps import get_session
from gisapp.app import create_app
from gisapp.services.principal import Principal
from gisapp.settings import PROJECT_ROOT, Settings
from tests.worklists import bearer_for, commune_of, inspect, officers, place

REPRESENTATIVE = "Nguyễn Văn Đại Diện"
PHONE = "0912 345 678"
ID_NUMBER = "012345678901"
HOUSEHOLD = "Trần Thị Hộ Viên"
URL = "/api/growing-areas/{}/sheet.html"
EXTERNAL = re.compile(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|\bsrc=\"/|\bhref=\"/", re.I)


@pytest.fixture
def people(session: Session) -> dict[str, Principal]:
    return officers(session)


def private_props() -> dict[str, Any]:
    return {
        "representative_name": REPRESENTATIVE,
        "representative_phone": PHONE,
        "representative_id_number": ID_NUMBER,
        "households": [{"name": HOUSEHOLD, "phone": "0900 000 000"}],
    }


@pytest.fixture
def issued(session: Session, people: dict[str, Principal]) -> int:
    area_id = place(
        session,
        people["drafter"],
        status="issued",
        name="Vùng sầu riêng in phiếu",
        variety="Monthong",
        markets=[{"market": "Trung Quốc", "document_number": "12/BVTV", "document_date": "2025-03-15"}],
        **private_props(),
    )
    inspect(session, area_id, 40, next_due_in=140, conclusion="compliant_with_conditions")
    return area_id


@pytest.fixture
def draft(session: Session, people: dict[str, Principal]) -> int:
    return place(session, people["drafter"], skip=1, name="Hồ sơ nháp in phiếu", **private_props())


def sheet(client: TestClient, area_id: int, headers: dict[str, str] | None = None, **params: str) -> str:
    response = client.get(URL.format(area_id), params=params, headers=headers or {})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return str(response.text)


def test_the_public_sheet_of_an_issued_area(client: TestClient, session: Session, issued: int) -> None:
    response = client.get(URL.format(issued))
    assert response.status_code == 200
    html = response.text
    code = re.search(r'<p class="sheet-code">([^<]+)</p>', html)
    assert code and code.group(1).startswith("VN-66-WL-")
    assert (
        response.headers["content-disposition"] == f'inline; filename="phieu-vung-trong-{code.group(1)}.html"'
    )
    assert response.headers["cache-control"] == "no-cache"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert 'id="sheet-status">Còn hiệu lực<span lang="en">Valid</span>' in html
    assert "Phiếu thông tin vùng trồng" in html and "Vùng sầu riêng in phiếu" in html
    assert "sầu riêng (durian), giống / variety Monthong" in html
    assert "Trung Quốc (12/BVTV, 15/03/2025)" in html
    assert "Đắk Lắk" in html and commune_of(session, issued) in html
    # The map: the commune's boundary and the area; the locator: the commune, the area, a marker on it.
    assert html.count("L.geoJson(") == 5 and 'class="sheet-locator"' in html
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, inside the file
    assert f"testserver/v/{code.group(1)}" in html  # the address to type, without a scheme
    for secret in (
        REPRESENTATIVE,
        PHONE,
        ID_NUMBER,
        HOUSEHOLD,
        "Kết luận kiểm tra",
        "Hạn kiểm tra tiếp theo",
    ):
        assert secret not in html


def test_a_sheet_names_nothing_outside_itself(client: TestClient, issued: int) -> None:
    html = sheet(client, issued)
    assert EXTERNAL.search(html) is None, EXTERNAL.search(html)
    assert "<link" not in html and "@import" not in html
    assert [s[:28] for s in re.findall(r"<script src=\"([^\"]*)", html)] == ["data:text/javascript;base64,"]
    for uri in re.findall(r"url\(([^)]*)\)", html):
        assert uri.startswith(("data:", "#")), uri


def test_leaflet_goes_in_byte_for_byte(client: TestClient, issued: int) -> None:
    """The inlined script is the vendored file, whose checksum static/vendor/VERSIONS.md lists."""
    encoded = re.search(r'<script src="data:text/javascript;base64,([^"]+)"', sheet(client, issued))
    assert encoded
    digest = hashlib.sha256(base64.b64decode(encoded.group(1))).hexdigest()
    versions = (PROJECT_ROOT / "static" / "vendor" / "VERSIONS.md").read_text()
    assert f"{digest}  leaflet/leaflet.js" in versions


@pytest.mark.parametrize("area", ["draft", "missing"])
def test_drafts_and_unknown_ids_do_not_exist_for_the_public(
    client: TestClient, draft: int, area: str
) -> None:
    area_id = draft if area == "draft" else 987654321
    response = client.get(URL.format(area_id))
    assert response.status_code == 404
    assert HOUSEHOLD not in response.text and "Hồ sơ nháp" not in response.text


def test_staff_sheet_of_a_draft(
    client: TestClient, session: Session, people: dict[str, Principal], draft: int
) -> None:
    response = client.get(URL.format(draft), headers=bearer_for(session, people["viewer"]))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-store"
    html = response.text
    assert "Chưa có mã số / no code yet" in html and "Bản nháp" in html
    assert "không thay cho quyết định cấp mã" in html
    assert "image/svg+xml" not in html  # no code, no verification page, no QR code
    assert REPRESENTATIVE not in html  # not asked for


def test_staff_in_scope_see_the_inspection_conclusion(
    client: TestClient, session: Session, people: dict[str, Principal], issued: int
) -> None:
    html = sheet(client, issued, bearer_for(session, people["viewer"]))
    assert "Đạt có điều kiện / compliant with conditions" in html
    assert "Hạn kiểm tra tiếp theo" in html
    outside = sheet(client, issued, bearer_for(session, people["other"]))
    assert "Kết luận kiểm tra" not in outside and "Kiểm tra gần nhất" in outside


def test_the_representative_only_on_request_from_staff_in_scope(
    client: TestClient, session: Session, people: dict[str, Principal], issued: int
) -> None:
    html = sheet(client, issued, bearer_for(session, people["viewer"]), representative="true")
    assert REPRESENTATIVE in html and PHONE in html
    assert "Tài liệu có thông tin cá nhân" in html
    assert ID_NUMBER not in html and HOUSEHOLD not in html  # never on paper
    anonymous = client.get(URL.format(issued), params={"representative": "true"})
    assert anonymous.status_code == 401
    outside = client.get(
        URL.format(issued), params={"representative": "true"}, headers=bearer_for(session, people["other"])
    )
    assert outside.status_code == 403 and "ngoài phạm vi" in outside.json()["description"]
    assert REPRESENTATIVE not in outside.text


def test_bad_ids_and_flags_get_a_400(client: TestClient, issued: int) -> None:
    assert client.get("/api/growing-areas/abc/sheet.html").status_code in (400, 404)
    assert client.get(URL.format(issued), params={"representative": "perhaps"}).status_code == 400


@pytest.fixture
def tiled_client(settings: Settings, session: Session) -> Iterator[TestClient]:
    configured = settings.model_copy(
        update={
            "sheet_tile_url": "https://tiles.example.vn/{z}/{x}/{y}.png",
            "sheet_tile_attribution": "© Sở NN&MT",
        }
    )
    app = create_app(configured)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def test_a_configured_basemap_is_the_only_outside_link(tiled_client: TestClient, issued: int) -> None:
    html = sheet(tiled_client, issued)
    assert "L.tileLayer(" in html and "https://tiles.example.vn/{z}/{x}/{y}.png" in html
    assert '"attribution": "\\u00a9 S\\u1edf NN\\u0026MT"' in html  # folium writes it as escaped JSON
    assert "openstreetmap" not in html.lower()
