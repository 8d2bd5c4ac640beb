"""Packing houses, suppliers, lots and household plots over HTTP: If-Match, privacy, refusals."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import mapbox_vector_tile
import morecantile
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from gisapp.services import tokens
from gisapp.services.principal import Principal
from tests.packing import add_season, house_feature, issued_area, officers
from tests.places import free_spot
from tests.registry import new_area, staff

TMS = morecantile.tms.get("WebMercatorQuad")
TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
DECISION = {
    "reason": "Được nước nhập khẩu phê duyệt",
    "document_number": "88/BVTV-KD",
    "document_date": "2025-10-02",
    "authority": "Cục Bảo vệ thực vật",
}
PRIVATE = {"operator_name", "operator_phone", "operator_address", "suppliers"}


def bearer(session: Session, who: Principal) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {tokens.issue(session, who.user_id, 'bearer', timedelta(hours=1)).token}"
    }


class People(dict[str, dict[str, str]]):
    """Bearer headers by role ("xa" drafts, "tinh" decides, "danang" is out of scope), and principals."""

    drafter: Principal
    decider: Principal


@pytest.fixture
def people(session: Session) -> People:
    drafter, decider = officers(session)
    found = People(
        xa=bearer(session, drafter),
        tinh=bearer(session, decider),
        danang=bearer(session, staff(session, "t.ph.danang", provinces=("48",))),
    )
    found.drafter, found.decider = drafter, decider
    return found


def new_house(client: TestClient, session: Session, who: dict[str, str], **properties: Any) -> dict[str, Any]:
    _, x, y = free_spot(session, "68")
    body = house_feature(x, y, operator_name="Công ty Thử", operator_phone="0263 382 2111", **properties)
    response = client.post("/api/packing-houses", json=body, headers=who)
    assert response.status_code == 201, response.text
    assert response.headers["etag"] == '"v1"' and response.headers["location"].endswith(
        str(response.json()["id"])
    )
    return dict(response.json())


def issue(client: TestClient, people: People, house_id: int) -> None:
    url = f"/api/packing-houses/{house_id}/transitions"
    assert (
        client.post(url, json={"action": "submit", "reason": "Nộp"}, headers=people["xa"]).status_code == 200
    )
    issued = client.post(url, json={"action": "issue", **DECISION}, headers=people["tinh"])
    assert issued.status_code == 200, issued.text


def test_create_patch_with_if_match_and_decide(client: TestClient, session: Session, people: People) -> None:
    created = new_house(client, session, people["xa"], code="VN - LDPH - 031")
    url = f"/api/packing-houses/{created['id']}"
    assert created["properties"]["code"] == "VN-LDPH-031" and created["properties"]["operator_name"]
    patch = {"properties": {"markets": [{"market": "Trung Quốc / China", "document_date": "2025-09-01"}]}}
    assert client.patch(url, json=patch, headers=people["xa"]).status_code == 428
    assert client.patch(url, json=patch, headers={**people["xa"], "If-Match": '"v9"'}).status_code == 412
    changed = client.patch(url, json=patch, headers={**people["xa"], "If-Match": '"v1"'})
    assert changed.status_code == 200 and changed.headers["etag"] == '"v2"'
    bad = client.patch(
        url, json={"properties": {"code": "VN-LD-031"}}, headers={**people["xa"], "If-Match": '"v2"'}
    )
    assert (
        bad.status_code == 422 and "VN-<2 letters of the province>PH-<3 digits>" in bad.json()["description"]
    )
    assert client.get(url).status_code == 404  # a draft is not public
    issue(client, people, created["id"])
    public = client.get(url).json()["properties"]
    assert public["status"] == "issued" and not PRIVATE & set(public)
    steps = client.get(f"{url}/transitions", headers=people["xa"]).json()
    assert [s["action"] for s in steps] == ["submit", "issue"]
    assert client.get(f"{url}/transitions", headers=people["danang"]).status_code == 403


def test_operator_contact_is_never_public(client: TestClient, session: Session, people: People) -> None:
    house = new_house(client, session, people["xa"], code="VN-LDPH-032")
    draft = new_house(client, session, people["xa"])
    issue(client, people, house["id"])
    listed = client.get("/api/packing-houses").json()["features"]
    assert [f["id"] for f in listed] == [house["id"]]  # drafts are for staff
    assert not PRIVATE & set(listed[0]["properties"])
    staff_view = {
        f["id"]: f for f in client.get("/api/packing-houses", headers=people["xa"]).json()["features"]
    }
    assert {house["id"], draft["id"]} <= set(staff_view)
    assert staff_view[house["id"]]["properties"]["operator_phone"] == "0263 382 2111"
    outsider = {
        f["id"]: f for f in client.get("/api/packing-houses", headers=people["danang"]).json()["features"]
    }
    assert "operator_phone" not in outsider[house["id"]]["properties"]
    assert client.get("/api/packing-houses", params={"code": "vn-ldph-032"}).json()["numberReturned"] == 1
    assert client.get("/api/packing-houses", params={"status": "active"}).status_code == 400
    too_far = client.get(
        "/api/packing-houses", params={"offset": "9" * 20}
    )  # PostgreSQL's OFFSET is a bigint
    assert too_far.status_code == 400 and too_far.json()["parameter"] == "offset"
    items = client.get("/ogc/collections/packing_houses/items").json()["features"]
    assert items and all(not PRIVATE & set(f["properties"]) for f in items)
    x, y = house["geometry"]["coordinates"]
    for z in (9, 12, 15):
        tile = TMS.tile(x, y, z)
        body = client.get(
            f"/ogc/collections/packing_houses/tiles/WebMercatorQuad/{z}/{tile.y}/{tile.x}"
        ).content
        features = mapbox_vector_tile.decode(body)["packing_houses"]["features"]
        assert features and all(
            set(f["properties"]) <= {"code", "name", "status", "commune_code"} for f in features
        )
        assert b"0263" not in body and "Công ty Thử".encode() not in body


def test_suppliers_and_lots_over_http(client: TestClient, session: Session, people: People) -> None:
    drafter, decider = people.drafter, people.decider
    house = new_house(client, session, people["xa"], code="VN-LDPH-033")
    issue(client, people, house["id"])
    area = issued_area(session, drafter, decider)
    add_season(session, area, TODAY - timedelta(days=60), "2", "10")  # 20,000 kg
    url = f"/api/packing-houses/{house['id']}"
    lot = {"packed_on": TODAY.isoformat(), "total_weight_t": 25, "sources": [{"growing_area_id": area}]}
    refused = client.post(f"{url}/lots", json=lot, headers=people["xa"])
    assert (
        refused.status_code == 422 and "does not supply this packing house" in refused.json()["description"]
    )
    assert (
        client.put(f"{url}/suppliers", json={"growing_areas": [area]}, headers=people["xa"]).status_code
        == 428
    )
    linked = client.put(
        f"{url}/suppliers", json={"growing_areas": [area]}, headers={**people["xa"], "If-Match": '"v3"'}
    )
    assert linked.status_code == 200, linked.text
    assert linked.headers["etag"] == '"v4"' and linked.json()[0]["growing_area_id"] == area
    assert client.get(f"{url}/suppliers").status_code == 401
    assert client.get(f"{url}/suppliers", headers=people["danang"]).status_code == 403
    assert client.get(f"{url}/suppliers", headers=people["xa"]).json()[0]["status"] == "issued"
    recorded = client.post(f"{url}/lots", json=lot, headers=people["xa"])
    assert recorded.status_code == 201, recorded.text
    body = recorded.json()
    assert body["flagged"] is True and body["total_weight_kg"] == 25000.0
    assert body["balance"]["total"] == {
        "capacity_kg": 20000.0,
        "used_kg": 0.0,
        "remaining_kg": 20000.0,
        "this_lot_kg": 25000.0,
        "excess_kg": 5000.0,
    }
    assert client.get(f"{url}/lots", headers=people["xa"]).json()[0]["id"] == body["id"]
    assert client.get(f"{url}/lots").status_code == 401


@pytest.mark.parametrize(
    ("lot", "status", "words"),
    [
        ({"total_weight_kg": -3}, 422, "must be more than 0"),
        ({"total_weight_kg": 3, "packed_on": "2999-01-01"}, 422, "is in the future"),
        ({"total_weight_kg": 3, "packed_on": "01/02/2026"}, 400, "packed_on"),
        ({"total_weight_kg": 3, "sources": []}, 400, "sources"),
        ({"total_weight_kg": "ba tấn"}, 400, "total_weight_kg"),
        ({"total_weight_kg": 3, "colour": "red"}, 400, "colour"),
    ],
)
def test_bad_lots_get_a_4xx(
    client: TestClient,
    session: Session,
    people: People,
    lot: dict[str, Any],
    status: int,
    words: str,
) -> None:
    house = new_house(client, session, people["xa"], code="VN-LDPH-034")
    issue(client, people, house["id"])
    body = {"packed_on": TODAY.isoformat(), "sources": [{"growing_area_id": 1}], **lot}
    response = client.post(f"/api/packing-houses/{house['id']}/lots", json=body, headers=people["xa"])
    assert response.status_code == status and words in response.json()["description"], response.text
    assert client.get(f"/api/packing-houses/{house['id']}/lots", headers=people["xa"]).json() == []


def test_household_plots_are_for_staff_only(client: TestClient, session: Session, people: People) -> None:
    area_id, stored = new_area(session, people.drafter, households=[{"name": "Hộ Thử"}])
    x, y = stored["geometry"]["coordinates"][0][0][2]
    x, y = x - 0.002, y - 0.002  # the middle of the 0.004° square
    body: dict[str, Any] = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [x, y]},
        "properties": {
            "growing_area_id": area_id,
            "label": "Thửa 1",
            "declared_area_ha": 1.2,
            "holder_name": "Hộ Thử",
        },
    }
    created = client.post("/api/household-plots", json=body, headers=people["xa"])
    assert created.status_code == 201, created.text
    url = f"/api/household-plots/{created.json()['id']}"
    assert client.get(url).status_code == 404
    assert client.get(url, headers=people["xa"]).json()["properties"]["holder_name"] == "Hộ Thử"
    assert "holder_name" not in client.get(url, headers=people["danang"]).json()["properties"]
    assert client.get("/ogc/collections/household_plots/items").status_code == 404
    big = {**body, "properties": {**body["properties"], "declared_area_ha": 6}}
    refused = client.post("/api/household-plots", json=big, headers=people["xa"])
    assert refused.status_code == 422 and "must be mapped as a polygon" in refused.json()["description"]
