"""`/api/water-works` over HTTP: environment staff in scope write, everyone reads public fields,
the operator's contact stays with staff in scope, and tiles carry public properties only."""

from __future__ import annotations

import mapbox_vector_tile
import morecantile
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.settings import PROJECT_ROOT
from tests.water import DA_NANG, LAM_DONG, commune_point, new_work, staff_headers, work_feature

TMS = morecantile.tms.get("WebMercatorQuad")
CONTACT = {"operator_contact_name": "Trần Thị Vận Hành", "operator_contact_phone": "0905123456"}


@pytest.fixture
def staff(session: Session) -> dict[str, dict[str, str]]:
    return staff_headers(session)


@pytest.mark.parametrize(
    ("who", "province", "status"),
    [
        ("w-env-48", DA_NANG, 201),
        ("w-admin", LAM_DONG, 201),
        ("w-env-68", DA_NANG, 403),  # environment staff, but not of this province
        ("w-agri-48", DA_NANG, 403),  # in scope, but agriculture staff
        ("w-viewer-48", DA_NANG, 403),
    ],
)
def test_only_environment_staff_in_scope_create(
    client: TestClient,
    session: Session,
    staff: dict[str, dict[str, str]],
    who: str,
    province: str,
    status: int,
) -> None:
    commune, lon, lat = commune_point(session, province, skip=2)
    response = client.post("/api/water-works", json=work_feature(lon, lat, **CONTACT), headers=staff[who])
    assert response.status_code == status, response.text
    if status == 201:
        created = response.json()
        assert created["properties"]["commune_code"] == commune  # resolved from the point
        assert created["properties"]["latest_test_status"] == "never_tested"
        assert created["properties"]["operator_contact_phone"] == CONTACT["operator_contact_phone"]
        assert response.headers["Location"] == f"/api/water-works/{created['id']}"
    if who == "w-agri-48":
        assert "may not edit 'water_works'" in response.json()["description"]


def test_anonymous_writes_are_401(client: TestClient) -> None:
    assert client.post("/api/water-works", content=b"{oops").status_code == 401
    assert client.post("/api/water-works/1/tests", content=b"{oops").status_code == 401
    assert client.post("/api/water-works/imports", content=b"x").status_code == 401


def test_public_readers_never_see_the_operator_contact(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    work = new_work(client, session, staff["w-env-48"], **CONTACT)
    one = client.get(f"/api/water-works/{work['id']}")
    assert one.status_code == 200
    assert "operator_contact_phone" not in one.json()["properties"]
    assert one.json()["properties"]["name"] == "Trạm cấp nước thử"
    listing = client.get("/api/water-works", params={"limit": 1000})
    assert CONTACT["operator_contact_phone"] not in listing.text
    assert work["id"] in {f["id"] for f in listing.json()["features"]}
    items = client.get("/ogc/collections/water_works/items", params={"limit": 1000})
    assert CONTACT["operator_contact_phone"] not in items.text
    # Staff whose scope holds the work read it; staff of another province do not.
    assert (
        client.get(f"/api/water-works/{work['id']}", headers=staff["w-viewer-48"]).json()["properties"][
            "operator_contact_phone"
        ]
        == CONTACT["operator_contact_phone"]
    )
    other = client.get(f"/api/water-works/{work['id']}", headers=staff["w-env-68"])
    assert "operator_contact_phone" not in other.json()["properties"]
    staff_list = client.get("/api/water-works", params={"limit": 1000}, headers=staff["w-env-68"])
    assert CONTACT["operator_contact_phone"] not in staff_list.text
    assert staff_list.headers["Cache-Control"] == "private, no-store"


def test_tiles_carry_public_properties_only(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    work = new_work(client, session, staff["w-env-48"], **CONTACT)
    lon, lat = work["geometry"]["coordinates"]
    public = {p.name for p in load_catalog(PROJECT_ROOT / "layers").get("water_works").properties}
    for z in (9, 13, 16):
        tile = TMS.tile(lon, lat, z)
        body = client.get(f"/ogc/collections/water_works/tiles/WebMercatorQuad/{z}/{tile.y}/{tile.x}").content
        assert CONTACT["operator_contact_phone"].encode() not in body
        features = mapbox_vector_tile.decode(body)["water_works"]["features"]
        mine = [f for f in features if f["id"] == work["id"]]
        assert mine and set(mine[0]["properties"]) <= public
        assert {"name", "latest_test_status"} <= set(mine[0]["properties"])


def test_the_service_area_is_a_public_extra_kept_in_its_own_layer(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    _, lon, lat = commune_point(session, DA_NANG, skip=3)
    ring = [
        [lon - 0.01, lat - 0.01],
        [lon + 0.01, lat - 0.01],
        [lon + 0.01, lat + 0.01],
        [lon - 0.01, lat - 0.01],
    ]
    area = {"type": "Polygon", "coordinates": [ring]}
    work = new_work(client, session, staff["w-env-48"], service_area=area)
    assert work["properties"]["service_area"]["type"] == "MultiPolygon"
    public = client.get(f"/api/water-works/{work['id']}").json()
    assert public["properties"]["service_area"]["type"] == "MultiPolygon"
    shown = client.get("/ogc/collections/water_work_service_areas/items", params={"code": "", "limit": 1000})
    assert shown.status_code == 200
    found = client.get(f"/ogc/collections/water_work_service_areas/items/{work['id']}").json()
    assert (
        found["properties"]["latest_test_status"] == "never_tested" and found["properties"]["area_ha"] > 100
    )
    etag = client.get(f"/api/water-works/{work['id']}").headers["ETag"]
    removed = client.patch(
        f"/api/water-works/{work['id']}",
        json={"properties": {"service_area": None}},
        headers=staff["w-env-48"] | {"If-Match": etag},
    )
    assert removed.status_code == 200 and removed.json()["properties"]["service_area"] is None
    assert client.get(f"/ogc/collections/water_work_service_areas/items/{work['id']}").status_code == 404


def test_changes_need_the_current_etag_and_are_audited(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    work = new_work(client, session, staff["w-env-48"])
    url = f"/api/water-works/{work['id']}"
    patch = {"properties": {"sustainability": "weak", "actual_capacity_m3_day": 35.5}}
    assert client.patch(url, json=patch, headers=staff["w-env-48"]).status_code == 428
    assert client.patch(url, json=patch, headers=staff["w-agri-48"] | {"If-Match": '"v1"'}).status_code == 403
    changed = client.patch(url, json=patch, headers=staff["w-env-48"] | {"If-Match": '"v1"'})
    assert changed.status_code == 200, changed.text
    assert changed.json()["properties"]["sustainability"] == "weak"
    history = client.get(f"{url}/history", headers=staff["w-env-48"]).json()
    assert [h["action"] for h in history] == ["create", "update"]
    assert client.patch(url, json=patch, headers=staff["w-env-48"] | {"If-Match": '"v1"'}).status_code == 412


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        (
            {
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[108, 16], [108.1, 16], [108, 16.1], [108, 16]]],
                }
            },
            400,
            "must be a Point",
        ),
        ({"geometry": {"type": "Point", "coordinates": [16.05, 108.2]}}, 400, "[latitude, longitude]"),
        ({"properties": {"work_type": "pipeline"}}, 422, "'work_type' must be one of"),
        ({"properties": {"design_capacity_m3_day": -5}}, 422, "must be between 0 and"),
        ({"properties": {"households_served": 10**12}}, 422, "must be between 0 and"),
        ({"properties": {"loss_rate_pct": 140}}, 422, "between 0 and 100"),
        ({"properties": {"year_built": 1850}}, 422, "'year_built'"),
        ({"properties": {"name": None}}, 422, "name must be given"),
        ({"properties": {"latest_test_status": "pass"}}, 422, "Cannot set latest_test_status"),
        ({"properties": {"households_served": "many"}}, 422, "must be a integer"),
    ],
)
def test_bad_input_is_refused_with_what_is_wrong(
    client: TestClient,
    session: Session,
    staff: dict[str, dict[str, str]],
    change: dict[str, object],
    status: int,
    words: str,
) -> None:
    _, lon, lat = commune_point(session, DA_NANG, skip=4)
    feature = work_feature(lon, lat)
    feature["properties"] |= change.get("properties", {})
    if "geometry" in change:
        feature["geometry"] = change["geometry"]
    response = client.post("/api/water-works", json=feature, headers=staff["w-env-48"])
    assert response.status_code == status, response.text
    assert words in response.json()["description"]


def test_a_code_belongs_to_one_work(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]]
) -> None:
    new_work(client, session, staff["w-env-48"], code="CN-DN-001")
    _, lon, lat = commune_point(session, DA_NANG, skip=5)
    again = client.post(
        "/api/water-works", json=work_feature(lon, lat, code="cn-dn-001"), headers=staff["w-env-48"]
    )
    assert again.status_code == 409 and "already belongs to water-supply work" in again.json()["description"]


def test_the_demo_works_show_every_latest_status(session: Session) -> None:
    statuses = set(
        session.execute(text("SELECT latest_test_status FROM water_works WHERE is_demo")).scalars()
    )
    assert statuses == {"pass", "exceed", "not_assessable", "never_tested"}
