"""`/api/registry/areas`: the staff's table over HTTP: scope, filters, sorting, paging, overdue
inspections, and refusals of hostile or unknown parameters."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from gisapp.services.principal import Principal
from tests.worklists import PROVINCE, bearer_for, commune_of, commune_officer, inspect, officers, place

URL = "/api/registry/areas"


@pytest.fixture
def people(session: Session) -> dict[str, Principal]:
    return officers(session)


@pytest.fixture
def rows(session: Session, people: dict[str, Principal]) -> dict[str, int]:
    """Five areas of Đắk Lắk: two in its first commune, three in the next ones."""
    drafter = people["drafter"]
    made = {
        "draft": place(session, drafter, name="Vùng cà phê Ea Tu", crop="cà phê"),
        "issued_fresh": place(session, drafter, status="issued", name="Vùng sầu riêng Buôn Đôn"),
        "issued_never": place(
            session, drafter, skip=1, status="issued", name="Vùng hồ tiêu Đắk Mil", crop="hồ tiêu"
        ),
        "issued_due": place(session, drafter, skip=2, status="issued", name="Ấp Đông sầu riêng"),
        "suspended": place(session, drafter, skip=3, status="suspended", name="Vùng bơ Krông Pắc", crop="bơ"),
    }
    inspect(session, made["issued_fresh"], 30, next_due_in=300)
    inspect(session, made["issued_due"], 400, next_due_in=30)  # an old one, then the latest:
    inspect(session, made["issued_due"], 200, next_due_in=-10)
    return made


def get(client: TestClient, who: dict[str, str], **params: Any) -> Any:
    response = client.get(URL, params=params, headers=who)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    return response.json()


def ids(body: Any) -> list[int]:
    return [item["id"] for item in body["items"]]


def test_anonymous_callers_are_refused(client: TestClient) -> None:
    response = client.get(URL)
    assert response.status_code == 401
    assert "Sign in" in response.json()["description"]


def test_staff_see_their_scope_drafts_included(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    province = get(client, bearer_for(session, people["viewer"]), limit=500)
    assert sorted(ids(province)) == sorted(rows.values())
    assert province["total"] == 5
    home = commune_of(session, rows["draft"])
    commune = get(client, bearer_for(session, commune_officer(session, home)))
    expected = [i for i in rows.values() if commune_of(session, i) == home]
    assert rows["draft"] in expected and len(expected) < 5
    assert sorted(ids(commune)) == sorted(expected)
    assert get(client, bearer_for(session, people["other"]), province=PROVINCE)["total"] == 0
    assert get(client, bearer_for(session, people["admin"]), province=PROVINCE)["total"] == 5


def test_a_row_carries_commune_inspections_and_no_private_field(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    body = get(client, bearer_for(session, people["viewer"]), q="Ấp Đông")
    [row] = body["items"]
    assert row["commune_name"] and row["commune_code"] and row["province_name"] == "Đắk Lắk"
    assert row["status"] == "issued" and row["code"].startswith("VN-66-WL-")
    assert row["next_inspection_due"] < body["today"] and row["overdue"] is True
    assert row["overdue_reason"] == "due_date_passed"
    assert row["area_ha"] > 10
    assert not {"representative_name", "representative_phone", "households"} & set(row)


def test_overdue_filter_follows_the_definition(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    who = bearer_for(session, people["viewer"])
    overdue = get(client, who, overdue="true")
    assert sorted(ids(overdue)) == sorted([rows["issued_never"], rows["issued_due"]])
    reasons = {item["id"]: item["overdue_reason"] for item in overdue["items"]}
    assert reasons[rows["issued_never"]] == "never_inspected"
    on_time = get(client, who, overdue="false")
    assert sorted(ids(on_time)) == sorted([rows["draft"], rows["issued_fresh"], rows["suspended"]])


def test_an_old_inspection_without_a_next_date_is_overdue(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    inspect(session, rows["issued_never"], 400)  # over a year ago, no next date: still overdue
    inspect(session, rows["issued_fresh"], 5)  # newer inspection with no next date, within the year
    body = get(client, bearer_for(session, people["viewer"]), overdue="true")
    reasons = {item["id"]: item["overdue_reason"] for item in body["items"]}
    assert reasons == {rows["issued_never"]: "interval_passed", rows["issued_due"]: "due_date_passed"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "issued"}, ["issued_fresh", "issued_never", "issued_due"]),
        ({"status": "draft,suspended"}, ["draft", "suspended"]),
        ({"crop": "hồ tiêu"}, ["issued_never"]),
        ({"q": "sau rieng"}, ["issued_fresh", "issued_due"]),  # no diacritics typed
        ({"q": "VN-66-WL"}, ["issued_fresh", "issued_never", "issued_due", "suspended"]),
        ({"q": "100%_"}, []),  # LIKE wildcards are matched literally
    ],
)
def test_filters(
    client: TestClient,
    session: Session,
    people: dict[str, Principal],
    rows: dict[str, int],
    params: dict[str, str],
    expected: list[str],
) -> None:
    body = get(client, bearer_for(session, people["viewer"]), **params)
    assert sorted(ids(body)) == sorted(rows[name] for name in expected)
    assert body["total"] == len(expected)


def test_commune_filter_and_repeated_status(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    who = bearer_for(session, people["viewer"])
    home = commune_of(session, rows["suspended"])
    body = get(client, who, commune=home)
    assert sorted(ids(body)) == sorted(i for i in rows.values() if commune_of(session, i) == home)
    response = client.get(URL, params=[("status", "draft"), ("status", "issued")], headers=who)
    assert response.json()["total"] == 4


def test_sorting_by_each_column(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    who = bearer_for(session, people["viewer"])
    names = [item["name"] for item in get(client, who, sort="name")["items"]]
    # Vietnamese order: "Ấp" (A with breve and circumflex) before "Vùng"; not byte order, which puts it last.
    assert names[0] == "Ấp Đông sầu riêng"
    assert names[1:] == sorted(names[1:])
    statuses = [item["status"] for item in get(client, who, sort="status")["items"]]
    assert statuses == ["draft", "issued", "issued", "issued", "suspended"]  # lifecycle order
    due = get(client, who, sort="-next_inspection_due")["items"]
    assert [item["id"] for item in due[:2]] == [rows["issued_fresh"], rows["issued_due"]]
    assert all(item["next_inspection_due"] is None for item in due[2:])  # empty last, both ways
    codes = [item["code"] for item in get(client, who, sort="-code")["items"]]
    assert codes[-1] is None and codes[:4] == sorted(codes[:4], reverse=True)
    for column in ("export_code", "crop", "commune", "area_ha", "last_inspected_on", "updated_at"):
        assert get(client, who, sort=column)["total"] == 5


def test_pages(
    client: TestClient, session: Session, people: dict[str, Principal], rows: dict[str, int]
) -> None:
    who = bearer_for(session, people["viewer"])
    whole = ids(get(client, who, sort="area_ha"))
    first = get(client, who, sort="area_ha", limit=2)
    second = get(client, who, sort="area_ha", limit=2, offset=2)
    last = get(client, who, sort="area_ha", limit=2, offset=4)
    assert ids(first) + ids(second) + ids(last) == whole
    assert first["total"] == second["total"] == 5 and len(ids(last)) == 1
    assert first["limit"] == 2 and second["offset"] == 2 and first["sort"] == "area_ha"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"sort": "representative_name"}, "sort"),
        ({"sort": "name; DROP TABLE growing_areas"}, "sort"),
        ({"sort": "--code"}, "sort"),
        ({"status": "issued' OR '1'='1"}, "status"),
        ({"status": "deleted"}, "status"),
        ({"commune": "2484'"}, "commune"),
        ({"province": "6"}, "province"),
        ({"limit": "0"}, "limit"),
        ({"limit": "100000"}, "limit"),
        ({"limit": "1e3"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "١٢"}, "offset"),  # Arabic-Indic digits: isdigit() says yes, int() would too
        ({"overdue": "maybe"}, "overdue"),
        ({"q": "x" * 101}, "q"),
        ({"q": "nul\x00byte"}, "q"),
        ({"crop": "cà phê\x1b"}, "crop"),
        ({"representative_name": "Nguyễn"}, "representative_name"),
    ],
)
def test_hostile_parameters_are_refused_with_a_message(
    client: TestClient, session: Session, people: dict[str, Principal], params: dict[str, str], parameter: str
) -> None:
    response = client.get(URL, params=params, headers=bearer_for(session, people["viewer"]))
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["parameter"] == parameter
    assert " / Parameter " in body["description"]  # Vietnamese first, then English


def test_a_parameter_given_twice_is_refused(
    client: TestClient, session: Session, people: dict[str, Principal]
) -> None:
    response = client.get(
        URL, params=[("sort", "name"), ("sort", "code")], headers=bearer_for(session, people["viewer"])
    )
    assert response.status_code == 400 and response.json()["parameter"] == "sort"
