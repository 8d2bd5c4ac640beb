"""`/v/{code}` and its QR codes on the real database: the status in words, the public facts, the 404
page for codes that do not exist (drafts included), canonical URLs, escaping, PNG and SVG."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.api.deps import get_session
from gisapp.app import create_app
from gisapp.services.qr_codes import qr_png
from gisapp.settings import Settings
from tests.lookup_data import area_with_status, isolated_area, set_columns

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MISSING = ("Mã không tồn tại", "This code does not exist")


def embedded_data(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="verify-data">(.*?)</script>', html, re.S)
    assert found, "no embedded map data"
    data: dict[str, object] = json.loads(found.group(1))
    return data


@pytest.mark.parametrize(
    ("status", "vi", "en"),
    [
        ("issued", "Còn hiệu lực", "Valid"),
        ("suspended", "Tạm dừng", "Suspended"),
        ("revoked", "Đã thu hồi", "Revoked"),
    ],
)
def test_page_shows_the_status_in_words(
    client: TestClient, session: Session, status: str, vi: str, en: str
) -> None:
    area = area_with_status(session, status)
    response = client.get(f"/v/{area.code}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert f'<p class="verdict-vi" id="status-text">{vi}</p>' in html
    assert f">{en}</p>" in html
    assert f"status-{status}" in html
    assert area.code and area.code in html
    assert f'src="/v/{area.code}/qr.svg"' in html


def test_page_lists_the_public_facts(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued")
    other_commune = session.execute(
        text(
            "SELECT code, name FROM admin_units WHERE level = 'commune' AND valid_to IS NULL AND code <>"
            " (SELECT commune_code FROM growing_areas WHERE id = :i) ORDER BY code LIMIT 1"
        ),
        {"i": area.id},
    ).one()
    markets = [{"market": "Trung Quốc", "document_number": "123/BVTV-KD", "document_date": "2025-03-15"}]
    set_columns(
        session,
        area.id,
        export_code="VN-LDOR-0042",
        variety="Ri6",
        standard="VietGAP",
        markets=json.dumps(markets),
        last_inspected_on="2025-10-02",
        issued_commune_code=other_commune.code,
    )
    html = client.get(f"/v/{area.code}").text
    for expected in (
        "VN-LDOR-0042",
        "Ri6",
        "VietGAP",
        "Trung Quốc (123/BVTV-KD, 15/03/2025)",
        "02/10/2025",
        "Xã khi cấp mã",
        other_commune.name,
        " ha</dd>",
    ):
        assert expected in html, expected


def test_page_says_none_where_nothing_is_recorded(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued", offset=1)
    set_columns(session, area.id, last_inspected_on=None, markets="[]", export_code=None)
    html = client.get(f"/v/{area.code}").text
    assert html.count("chưa có / none") >= 3  # export code, markets, last inspection
    assert "Xã khi cấp mã" not in html  # issued under the commune it still lies in


def test_page_embeds_the_boundary_and_the_commune_outline(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued")
    data = embedded_data(client.get(f"/v/{area.code}").text)
    assert data["area"]["type"] == "MultiPolygon"  # type: ignore[index]
    assert data["commune"]["type"] in ("Polygon", "MultiPolygon")  # type: ignore[index]
    assert data["style"]["fill_color"] == "#43a047"  # type: ignore[index]  # the layer's colour for issued


def test_page_is_locked_down_and_never_cached_stale(client: TestClient, session: Session) -> None:
    response = client.get(f"/v/{area_with_status(session, 'issued').code}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["cache-control"] == "no-cache"
    assert "https://" not in response.text  # nothing from another origin, no CDN


def test_values_are_escaped(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued")
    set_columns(session, area.id, name="<img src=x onerror=alert(1)> & </script><script>alert(2)</script>")
    html = client.get(f"/v/{area.code}").text
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp;" in html


def test_odd_spelling_redirects_to_the_canonical_page(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "suspended")
    set_columns(session, area.id, export_code="VN-DNOR-0269")
    response = client.get("/v/vn - dnor - 0269", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/v/VN-DNOR-0269"
    page = client.get("/v/vn-dnor-0269")
    assert page.status_code == 200
    assert "Tạm dừng" in page.text and "VN-DNOR-0269" in page.text


def assert_missing(response_text: str) -> None:
    for words in MISSING:
        assert words in response_text


@pytest.mark.parametrize("code", ["VN-99-99999-999-99", "VN-ZZOR-0001", "not a code at all!", "a/b/c"])
def test_unknown_codes_get_the_404_page(client: TestClient, code: str) -> None:
    response = client.get(f"/v/{code}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert_missing(response.text)


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_dossiers_do_not_exist_for_the_public(client: TestClient, session: Session, status: str) -> None:
    dossier = isolated_area(session, status)
    set_columns(session, dossier.id, export_code="VN-LDOR-0777")
    response = client.get("/v/VN-LDOR-0777")
    assert response.status_code == 404
    assert_missing(response.text)
    assert client.get("/v/VN-LDOR-0777/qr.png").status_code == 404
    assert client.get("/v/VN-LDOR-0777/qr.svg").status_code == 404


def test_missing_page_escapes_what_was_typed(client: TestClient) -> None:
    response = client.get("/v/<script>alert(1)</script>")
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)" in response.text


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a valid PNG has right after the signature."""
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_qr_png_is_a_png_of_the_page_url(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued")
    response = client.get(f"/v/{area.code}/qr.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["cache-control"].startswith("public")
    width, height = png_size(response.content)
    assert width == height and 200 <= width <= 2000
    assert response.content == qr_png(f"http://testserver/v/{area.code}")


def test_qr_svg_is_an_svg(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "revoked")
    response = client.get(f"/v/{area.code}/qr.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.headers["cache-control"].startswith("public")
    assert response.text.lstrip().startswith("<?xml")
    assert "<svg" in response.text and 'xmlns="http://www.w3.org/2000/svg"' in response.text
    assert f"http://testserver/v/{area.code}" in response.text  # in the title, for screen readers


def test_qr_codes_of_unknown_codes_are_404(client: TestClient) -> None:
    assert client.get("/v/VN-99-99999-999-99/qr.png").status_code == 404
    assert client.get("/v/not%20a%20code!/qr.svg").status_code == 404


@pytest.fixture
def proxied_client(settings: Settings, session: Session) -> Iterator[TestClient]:
    """The app as deployed behind a proxy: GISAPP_PUBLIC_URL set."""
    app = create_app(settings.model_copy(update={"public_url": "https://nongnghiep.example.vn/"}))
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def test_qr_code_uses_the_public_url(proxied_client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued")
    body = proxied_client.get(f"/v/{area.code}/qr.png").content
    assert body == qr_png(f"https://nongnghiep.example.vn/v/{area.code}")
    assert f"https://nongnghiep.example.vn/v/{area.code}" in proxied_client.get(f"/v/{area.code}").text
