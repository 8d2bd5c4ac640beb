"""Risk answers on the real database: growing areas and water intakes within a geodesic distance of
sources, boundaries just inside and just outside, defaults by source type, published areas only for
the public, and the buffers layer."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.places import free_spot
from tests.pollution import effluent_body, new_source, point
from tests.registry import decide, new_area, staff
from tests.water import LAM_DONG, staff_headers

HALF = 0.002  # new_area's square: centre ± HALF degrees


@pytest.fixture
def headers(session: Session) -> dict[str, dict[str, str]]:
    return staff_headers(session)


def east_of(session: Session, lon: float, lat: float, metres: float) -> dict[str, Any]:
    x, y = session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Project(ST_SetSRID(ST_MakePoint(:x, :y), 4326)"
            "::geography, :d, radians(90))::geometry AS p) AS q"
        ),
        {"x": lon, "y": lat, "d": metres},
    ).one()
    return point(float(x), float(y))


def issued_and_draft_areas(session: Session) -> tuple[tuple[int, float, float], tuple[int, float, float]]:
    """An issued and a draft area in Lâm Đồng, each with its east edge's midpoint."""
    drafter, decider = staff(session, "r.drafter"), staff(session, "r.decider")
    found = []
    for skip in (0, 1):
        _, x, y = free_spot(session, LAM_DONG, skip=skip)
        area_id, _ = new_area(session, drafter, skip=skip)
        found.append((area_id, x + HALF, y))
    decide(session, drafter, found[0][0], "submit")
    decide(session, decider, found[0][0], "issue")
    return found[0], found[1]


def exceeding_source(
    client: TestClient, session: Session, headers: dict[str, str], geometry: dict[str, Any], **properties: Any
) -> int:
    source = new_source(client, session, headers, geometry=geometry, **properties)
    response = client.post(
        f"/api/pollution-sources/{source['id']}/samples", json=effluent_body(cod=900), headers=headers
    )
    assert response.status_code == 201 and response.json()["verdict"] == "exceed", response.text
    return int(source["id"])


def risk(client: TestClient, headers: dict[str, str] | None = None, **params: Any) -> dict[int, Any]:
    response = client.get("/api/risk/growing-areas", params=params, headers=headers or {})
    assert response.status_code == 200, response.text
    return {area["id"]: area for area in response.json()["growing_areas"]}


def test_areas_near_an_exceeding_source_by_the_types_default_and_an_exact_distance(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    (issued, x, y), _ = issued_and_draft_areas(session)
    source_id = exceeding_source(client, session, headers["w-env-68"], east_of(session, x, y, 450))
    found = risk(client, exceedance_since="2025-01-01")
    assert issued in found
    nearest = found[issued]["sources"][0]
    assert nearest["id"] == source_id and nearest["within_m"] == 500  # livestock farm default
    distance = nearest["distance_m"]
    assert 445 < distance < 455
    assert set(found[issued]) >= {"code", "crop", "status", "area_ha", "commune_code"}
    assert not {"representative_name", "representative_phone"} & set(found[issued])
    assert issued in risk(client, exceedance_since="2025-01-01", within_m=distance + 0.5)
    assert issued not in risk(client, exceedance_since="2025-01-01", within_m=distance - 0.5)
    assert issued not in risk(client, exceedance_since="2025-06-11")  # the exceedance was on 10 June


def test_an_outfall_reaches_300_m_by_default(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    (issued, x, y), _ = issued_and_draft_areas(session)
    exceeding_source(
        client,
        session,
        headers["w-env-68"],
        east_of(session, x, y, 350),
        source_type="wastewater_outfall",
        regulation_code="QCVN 40",
        regulation_column="B",
    )
    assert issued not in risk(client, exceedance_since="2025-01-01")
    assert issued in risk(client, exceedance_since="2025-01-01", within_m=400)


def test_the_public_sees_published_areas_only(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    _, (draft, x, y) = issued_and_draft_areas(session)
    source_id = exceeding_source(client, session, headers["w-env-68"], east_of(session, x, y, 100))
    assert draft not in risk(client, exceedance_since="2025-01-01")
    assert draft in risk(client, headers["w-viewer-48"], exceedance_since="2025-01-01")
    public = client.get(f"/api/pollution-sources/{source_id}/nearby").json()
    assert draft not in [a["id"] for a in public["growing_areas"]]
    staff_view = client.get(f"/api/pollution-sources/{source_id}/nearby", headers=headers["w-env-68"]).json()
    assert draft in [a["id"] for a in staff_view["growing_areas"]]


def test_nearby_lists_water_intakes_within_the_distance(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    lon, lat = session.execute(
        text("SELECT ST_X(geom), ST_Y(geom) FROM water_works WHERE code LIKE 'DEMO-68-%' ORDER BY id LIMIT 1")
    ).one()
    work_id = session.execute(
        text("SELECT id FROM water_works WHERE code LIKE 'DEMO-68-%' ORDER BY id LIMIT 1")
    ).scalar_one()
    source = new_source(client, session, headers["w-env-68"], geometry=east_of(session, lon, lat, 250))
    url = f"/api/pollution-sources/{source['id']}/nearby"
    answer = client.get(url).json()
    assert answer["within_m"] == 500
    works = {w["id"]: w for w in answer["water_works"]}
    assert 249 < works[work_id]["distance_m"] < 251
    assert work_id not in [w["id"] for w in client.get(url, params={"within_m": 249}).json()["water_works"]]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"exceedance_since": "yesterday"},
        {"exceedance_since": "2025-01-01", "within_m": 0},
        {"exceedance_since": "2025-01-01", "within_m": 10**6},
        {"exceedance_since": "2025-01-01", "within_m": "far"},
    ],
)
def test_bad_risk_queries_are_4xx(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/risk/growing-areas", params=params)
    assert 400 <= response.status_code < 500, response.text


def test_the_buffers_layer_draws_each_source_at_its_types_distance(
    client: TestClient, session: Session, headers: dict[str, dict[str, str]]
) -> None:
    (_, x, y), _ = issued_and_draft_areas(session)
    source_id = exceeding_source(client, session, headers["w-env-68"], east_of(session, x, y, 450))
    area_m2, recent, distance = session.execute(
        text(
            "SELECT ST_Area(geom::geography), recent_exceedance, distance_m "
            "FROM pollution_buffers WHERE id = :i"
        ),
        {"i": source_id},
    ).one()
    assert distance == 500 and recent is True  # exceeded on 10 June 2025, within two years
    assert 0.98 < area_m2 / (3.14159265 * 500**2) < 1.01
    items = client.get("/ogc/collections/pollution_buffers/items", params={"limit": 1000}).json()
    assert source_id in [f["id"] for f in items["features"]]
