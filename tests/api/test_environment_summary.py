"""The commune environment summary against hand-made works, sources and reports in a commune that
holds no demo data, so every number can be worked out by hand."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.citizen import file_report, new_source


def empty_commune(session: Session) -> tuple[str, float, float]:
    """A commune in force with no works, sources or reports, and a point inside it."""
    code, x, y = session.execute(
        text(
            "SELECT code, ST_X(p), ST_Y(p) FROM (SELECT code, ST_PointOnSurface(geom) AS p "
            "FROM admin_units AS a WHERE level = 'commune' AND valid_to IS NULL "
            "AND NOT EXISTS (SELECT FROM water_works WHERE commune_code = a.code) "
            "AND NOT EXISTS (SELECT FROM pollution_sources WHERE commune_code = a.code) "
            "ORDER BY code LIMIT 1) AS c"
        )
    ).one()
    return str(code), float(x), float(y)


def add_work(
    session: Session, code: str, lon: float, lat: float, status: str, households: int | None
) -> None:
    session.execute(
        text(
            "INSERT INTO water_works (name, work_type, water_source, households_served, latest_test_status, "
            "commune_code, geom) VALUES ('Trạm thử', 'centralised', 'ground', :h, :s, :c, "
            "ST_SetSRID(ST_MakePoint(:x, :y), 4326))"
        ),
        {"h": households, "s": status, "c": code, "x": lon, "y": lat},
    )


def test_a_commune_with_nothing_is_not_assessable(client: TestClient, session: Session) -> None:
    code, _, _ = empty_commune(session)
    summary = client.get(f"/api/communes/{code}/environment-summary").json()
    water = summary["water_supply"]
    assert water["assessment"] == "not_assessable" and water["share_passing"] is None
    assert summary["pollution_sources"]["total"] == 0 and summary["open_citizen_reports"] == 0


def test_untested_works_alone_are_not_assessable(client: TestClient, session: Session) -> None:
    code, lon, lat = empty_commune(session)
    add_work(session, code, lon, lat, "never_tested", 100)
    add_work(session, code, lon, lat, "not_assessable", 50)
    water = client.get(f"/api/communes/{code}/environment-summary").json()["water_supply"]
    assert water["assessment"] == "not_assessable" and water["share_passing"] is None
    assert water["households_served"] == 150 and water["by_latest_status"]["never_tested"]["works"] == 1


def test_summary_arithmetic(client: TestClient, session: Session) -> None:
    code, lon, lat = empty_commune(session)
    add_work(session, code, lon, lat, "pass", 300)
    add_work(session, code, lon, lat, "pass", None)  # counted as a work, adds no households
    add_work(session, code, lon, lat, "exceed", 100)
    add_work(session, code, lon, lat, "never_tested", 100)
    new_source(session, lon, lat, latest_sample_status="exceed", last_exceedance_on="2025-09-01")
    new_source(session, lon, lat, latest_sample_status="pass", last_exceedance_on="2025-03-01")
    new_source(session, lon, lat, source_type="craft_village")
    assert file_report(client, lon, lat).status_code == 201
    summary = client.get(f"/api/communes/{code}/environment-summary").json()
    water = summary["water_supply"]
    assert water["assessment"] == "assessable"
    assert water["works"] == 4 and water["households_served"] == 500
    assert water["households_served_by_passing_works"] == 300 and water["share_passing"] == 0.6
    assert water["by_latest_status"]["pass"] == {"works": 2, "households": 300, "households_unknown": 1}
    sources = summary["pollution_sources"]
    assert (sources["total"], sources["latest_exceeds"], sources["with_exceedance"]) == (3, 1, 2)
    livestock = next(t for t in sources["by_type"] if t["source_type"] == "livestock_farm")
    assert livestock == {
        "source_type": "livestock_farm",
        "sources": 2,
        "latest_exceeds": 1,
        "with_exceedance": 2,
        "last_exceedance_on": "2025-09-01",
    }
    # The sources that ever exceeded, most recent first, by their public names only.
    exceeding = sources["exceeding"]
    assert [(e["latest_sample_status"], e["last_exceedance_on"]) for e in exceeding] == [
        ("exceed", "2025-09-01"),
        ("pass", "2025-03-01"),
    ]
    assert set(exceeding[0]) == {"id", "name", "source_type", "latest_sample_status", "last_exceedance_on"}
    assert summary["open_citizen_reports"] == 1
    assert summary["commune"]["code"] == code


def test_unknown_and_malformed_commune_codes(client: TestClient) -> None:
    assert client.get("/api/communes/99999/environment-summary").status_code == 404
    malformed = client.get("/api/communes/24-1/environment-summary")
    assert malformed.status_code == 400
