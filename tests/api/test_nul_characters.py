"""A NUL character anywhere a request carries text gets an answer naming where it is, never a 500:
PostgreSQL's text cannot hold one, and psycopg refused it deep in the write or the query."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import tokens
from tests.citizen import file_report
from tests.registry import staff
from tests.water import DA_NANG, commune_point

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[108.45, 11.95], [108.451, 11.95], [108.451, 11.951], [108.45, 11.951], [108.45, 11.95]]
    ],
}


def officer(session: Session) -> dict[str, str]:
    person = staff(session, "t.nul")
    return {
        "Authorization": f"Bearer {tokens.issue(session, person.user_id, 'bearer', timedelta(hours=1)).token}"
    }


def test_a_query_parameter_holding_nul_is_named(client: TestClient) -> None:
    for query, parameter in [("crop=%00", "crop"), ("code=VN%00", "code"), ("cr%00op=lua", "cr\\x00op")]:
        response = client.get(f"/ogc/collections/growing_areas/items?{query}")
        assert response.status_code == 400, response.text
        assert response.json()["parameter"] == parameter
        assert "NUL" in response.json()["description"]


def test_a_json_field_holding_nul_is_named_by_its_path(client: TestClient, session: Session) -> None:
    headers = officer(session)
    bodies = {
        "properties.crop": {"type": "Feature", "geometry": SQUARE, "properties": {"crop": "l\u0000a"}},
        "geometry.coordinates[0][1][0]": {
            "type": "Feature",
            "geometry": {**SQUARE, "coordinates": [[SQUARE["coordinates"][0][0], ["\u0000", 11.95]]]},
            "properties": {},
        },
    }
    for path, body in bodies.items():
        response = client.post("/api/growing-areas/checks", json=body, headers=headers)
        assert response.status_code == 422, response.text
        assert f"Field '{path}' contains a NUL character" in response.json()["description"]


def test_the_text_backslash_u0000_is_no_nul(client: TestClient, session: Session) -> None:
    body = {"type": "Feature", "geometry": SQUARE, "properties": {"crop": "\\u0000"}}
    response = client.post("/api/growing-areas/checks", json=body, headers=officer(session))
    assert response.status_code == 200, response.text  # an unknown crop, which the checks report


def test_a_form_field_holding_nul_is_named_and_nothing_is_stored(
    client: TestClient, session: Session
) -> None:
    _, lon, lat = commune_point(session, DA_NANG)
    count = "SELECT count(*) FROM citizen_reports"
    before = session.execute(text(count)).scalar_one()
    response = file_report(client, lon, lat, description="Nước kênh đen \x00 và hôi từ sáng nay")
    assert response.status_code == 422, response.text
    assert "'description' contains a NUL character" in response.json()["description"]
    assert session.execute(text(count)).scalar_one() == before


def test_a_body_too_large_to_scan_reaches_the_endpoint_whole(client: TestClient, session: Session) -> None:
    """Past 8 MB the guard reads no further: the endpoint's own limit answers, and an anonymous caller
    still gets its 401 before the body is read."""
    padding = "x" * (9 * 1024 * 1024)
    body = {"type": "Feature", "geometry": SQUARE, "properties": {"crop": "l\u0000a", "note": padding}}
    response = client.post("/api/growing-areas/checks", json=body, headers=officer(session))
    assert response.status_code == 422 and "larger than 5 MB" in response.json()["description"]
    assert client.post("/api/growing-areas/checks", json=body).status_code == 401
