"""`/api/registry/areas.csv`: what a spreadsheet opens: BOM, Vietnamese headers and letters, the
table's filters and order, public columns only, formulas defused, a file name."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from gisapp.services.principal import Principal
from gisapp.services.registry_csv import COLUMNS
from tests.worklists import bearer_for, inspect, officers, place

URL = "/api/registry/areas.csv"
REPRESENTATIVE = "Nguyễn Thị Riêng Tư"
PHONE = "0987 654 321"


@pytest.fixture
def people(session: Session) -> dict[str, Principal]:
    return officers(session)


@pytest.fixture
def rows(session: Session, people: dict[str, Principal]) -> dict[str, int]:
    drafter = people["drafter"]
    made = {
        "issued": place(
            session,
            drafter,
            status="issued",
            name="Vùng sầu riêng Hòa Phú Đắk Lắk",
            variety="Ri6",
            representative_name=REPRESENTATIVE,
            representative_phone=PHONE,
            households=[{"name": "Trần Văn Hộ Gia Đình", "phone": "0911 111 111"}],
        ),
        "formula": place(session, drafter, skip=1, name='=HYPERLINK("x","Bấm vào đây")', crop="cà phê"),
    }
    inspect(session, made["issued"], 20, next_due_in=100)
    return made


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_opens_in_a_spreadsheet_with_vietnamese_letters(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    response = client.get(URL, params={"sort": "name"}, headers=bearer_for(session, people["viewer"]))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="vung-trong-')
    assert response.headers["content-disposition"].endswith('.csv"')
    assert response.headers["cache-control"] == "private, no-store"
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    lines = table(raw.decode("utf-8-sig"))
    assert lines[0] == [header for _, header in COLUMNS]
    assert lines[0][:3] == ["Mã số vùng trồng", "Mã số xuất khẩu", "Tên vùng trồng"]
    assert len(lines) == 3
    issued = next(line for line in lines if line[2] == "Vùng sầu riêng Hòa Phú Đắk Lắk")
    assert issued[3:5] == ["sầu riêng", "Ri6"]
    assert issued[7] == "Đắk Lắk" and issued[9] == "Còn hiệu lực"
    assert float(issued[8]) > 10  # dot decimals, whatever the locale
    assert issued[10] < issued[11]  # ISO dates sort as text
    assert raw.count(b"\r\n") == 3


def test_csv_never_carries_private_fields(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    for who in ("viewer", "drafter", "admin"):
        text = client.get(URL, headers=bearer_for(session, people[who])).content.decode("utf-8-sig")
        assert REPRESENTATIVE not in text and PHONE not in text and "Hộ Gia Đình" not in text
        assert "Vùng sầu riêng Hòa Phú Đắk Lắk" in text


def test_spreadsheet_formulas_are_defused(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    text = client.get(URL, params={"crop": "cà phê"}, headers=bearer_for(session, people["viewer"])).text
    [_, line] = table(text.lstrip("\ufeff"))
    assert line[2] == '\'=HYPERLINK("x","Bấm vào đây")'


def test_csv_follows_the_filters_and_order(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    who = bearer_for(session, people["viewer"])
    only = table(client.get(URL, params={"status": "issued"}, headers=who).text.lstrip("\ufeff"))
    assert [line[2] for line in only[1:]] == ["Vùng sầu riêng Hòa Phú Đắk Lắk"]
    ordered = table(client.get(URL, params={"sort": "-name"}, headers=who).text.lstrip("\ufeff"))
    assert [line[2] for line in ordered[1:]] == [
        "Vùng sầu riêng Hòa Phú Đắk Lắk",
        '\'=HYPERLINK("x","Bấm vào đây")',
    ]


def test_csv_refuses_what_the_table_refuses(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    who = bearer_for(session, people["viewer"])
    assert client.get(URL).status_code == 401
    assert client.get(URL, params={"sort": "representative_phone"}, headers=who).status_code == 400
    refused = client.get(URL, params={"limit": "10"}, headers=who)  # the export has no pages
    assert refused.status_code == 400 and refused.json()["parameter"] == "limit"


def test_csv_of_nothing_is_a_header_row(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    text = client.get(URL, headers=bearer_for(session, people["viewer"])).content.decode("utf-8-sig")
    assert table(text) == [[header for _, header in COLUMNS]]
