"""`/api/packing-houses/{id}/sheet.html`: the packing house's printable sheet, who gets which facts,
and that it names nothing outside itself (the offline browser check covers the shared builder)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import tokens
from gisapp.services.principal import Principal
from tests.api.test_sheets import EXTERNAL
from tests.packing import add_season, issued_area, issued_house, link, new_house, officers
from tests.registry import staff

URL = "/api/packing-houses/{}/sheet.html"
OPERATOR = "Lê Văn Điều Hành"
OPERATOR_PHONE = "0988 111 222"


def bearer(session: Session, who: Principal) -> dict[str, str]:
    token = tokens.issue(session, who.user_id, "bearer", timedelta(hours=1)).token
    return {"Authorization": f"Bearer {token}"}


def issued_with_supplier(session: Session) -> tuple[int, Principal]:
    drafter, decider = officers(session)
    area_id = issued_area(session, drafter, decider)
    add_season(session, area_id, date(2026, 1, 1), "1.5", "10")
    house_id = issued_house(session, drafter, decider, code="VN - LDPH - 042")
    link(session, drafter, house_id, [area_id])
    session.execute(
        text("UPDATE packing_houses SET operator_name = :n, operator_phone = :p WHERE id = :id"),
        {"n": OPERATOR, "p": OPERATOR_PHONE, "id": house_id},
    )
    return house_id, drafter


def test_the_public_sheet_shows_public_facts_only(client: TestClient, session: Session) -> None:
    house_id, _ = issued_with_supplier(session)
    response = client.get(URL.format(house_id))
    assert response.status_code == 200, response.text
    html = response.text
    assert (
        response.headers["content-disposition"] == 'inline; filename="phieu-co-so-dong-goi-VN-LDPH-042.html"'
    )
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert '<p class="sheet-code">VN-LDPH-042</p>' in html and "Phiếu thông tin cơ sở đóng gói" in html
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code carries the code itself
    assert "Lâm Đồng" in html
    for secret in (OPERATOR, OPERATOR_PHONE, "Vùng trồng cung cấp", "Lô hàng gần nhất"):
        assert secret not in html
    assert EXTERNAL.search(html) is None


def test_staff_in_scope_see_suppliers_and_the_contact_only_on_request(
    client: TestClient, session: Session
) -> None:
    house_id, drafter = issued_with_supplier(session)
    headers = bearer(session, drafter)
    html = client.get(URL.format(house_id), headers=headers).text
    assert "Vùng trồng cung cấp" in html and "Lô hàng gần nhất" in html
    assert OPERATOR not in html
    with_contact = client.get(URL.format(house_id), params={"contact": "true"}, headers=headers)
    assert (
        with_contact.status_code == 200
        and OPERATOR in with_contact.text
        and OPERATOR_PHONE in with_contact.text
    )
    assert with_contact.headers["cache-control"] == "private, no-store"
    outsider = bearer(session, staff(session, "t.sheet.danang", provinces=("48",)))
    refused = client.get(URL.format(house_id), params={"contact": "true"}, headers=outsider)
    assert refused.status_code == 403 and "ngoài phạm vi" in refused.json()["description"]
    assert client.get(URL.format(house_id), params={"contact": "true"}).status_code == 401


def test_a_draft_does_not_exist_for_the_public(client: TestClient, session: Session) -> None:
    drafter, _ = officers(session)
    house_id, _ = new_house(session, drafter, code="VN-LDPH-043")
    assert client.get(URL.format(house_id)).status_code == 404
    staff_sheet = client.get(URL.format(house_id), headers=bearer(session, drafter))
    assert staff_sheet.status_code == 200 and "Chưa có mã số" not in staff_sheet.text
    assert re.search(r"Hồ sơ chưa được cấp mã số", staff_sheet.text)
