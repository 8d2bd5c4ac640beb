"""The dry-run registry check through a running server's async read pool (prepared statements,
generic plans, no transaction): the same answers as the checks a write runs in its transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from gisapp.db import make_session_factory, session_scope
from gisapp.services import accounts
from gisapp.services.registry_checks import Ground, registry_problems
from gisapp.settings import Settings
from tests.e2e.live_records import bearer, committed_accounts
from tests.places import free_spot, square

CHECKS = "/api/growing-areas/checks"
CHECKER = accounts.NewAccount(
    "t.live.checker", "Cán bộ kiểm tra", "mật khẩu đủ dài 2025", "agri_officer", "province", ["68"], []
)


@pytest.fixture(scope="module")
def engine(live_database_url: str) -> Iterator[Engine]:
    engine = create_engine(live_database_url, poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def checker(live_server: str, engine: Engine) -> Iterator[dict[str, str]]:
    with committed_accounts(engine, CHECKER):
        yield bearer(live_server, CHECKER)


def _bodies(engine: Engine) -> list[dict[str, Any]]:
    """Plots that pass and plots that break each rule, on the live database's own data."""
    with session_scope(make_session_factory(engine)) as session:
        commune, x, y = free_spot(session, "68", skip=3)
        issued = session.execute(
            text(
                "SELECT ST_AsGeoJSON(geom) FROM growing_areas WHERE status = 'issued' "
                "AND ST_Area(geom::geography) > 30000 ORDER BY id LIMIT 1"
            )
        ).scalar_one()
        closed = session.execute(
            text(
                "SELECT old_commune_code FROM commune_crosswalk x WHERE NOT EXISTS "
                "(SELECT FROM admin_units a "
                "WHERE a.code = x.old_commune_code AND a.valid_to IS NULL) ORDER BY 1 LIMIT 1"
            )
        ).scalar_one()
    clean = square(x, y)

    def plot(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
        return {"type": "Feature", "geometry": geometry, "properties": {"crop": "sầu riêng", **properties}}

    return [
        plot(clean, issued_commune_code=commune),
        plot(json.loads(issued)),  # overlaps an issued area
        plot(clean, crop="cây tưởng tượng"),
        plot(square(x, y, half=0.0002), crop="cà phê"),  # below coffee's 1 ha
        plot(clean, issued_commune_code=closed),
        plot(clean, issued_commune_code="99999"),
        plot(square(x, y, half=0.0002), crop="lúa", issued_commune_code=commune),
    ]


def test_the_pooled_dry_run_answers_as_a_write_would(
    live_server: str, engine: Engine, checker: dict[str, str]
) -> None:
    settings = Settings()
    for body in _bodies(engine):
        answer = httpx.post(f"{live_server}{CHECKS}", json=body, headers=checker, timeout=30)
        assert answer.status_code == 200, answer.text
        properties = body["properties"]
        ground = Ground(
            json.dumps(body["geometry"]), properties["crop"], properties.get("issued_commune_code")
        )
        with session_scope(make_session_factory(engine)) as session:
            expected = [p.as_json() for p in registry_problems(session, settings, ground)]
        assert answer.json() == {"ok": not expected, "problems": expected}
    checks = [
        [p["check"] for p in httpx.post(f"{live_server}{CHECKS}", json=b, headers=checker).json()["problems"]]
        for b in _bodies(engine)
    ]
    assert checks == [[], ["overlap"], ["crop"], ["min_area"], ["commune"], ["commune"], []]


@pytest.mark.parametrize(
    ("geometry", "words"),
    [
        ({"type": "Polygon", "coordinates": [[[108.4, 11.9], [108.41]]]}, "not valid GeoJSON"),
        ({"type": "Blob", "coordinates": [1, 2]}, "not valid GeoJSON"),
        (
            {"type": "Polygon", "coordinates": [[[108.4, 11.9], [108.41, "11.9"], [108.4, 11.91]]]},
            "not a finite",
        ),
        ({"type": "Point", "coordinates": [108.4, 11.9]}, "must be a Polygon or MultiPolygon"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[11.9, 108.4], [11.9, 108.41], [11.91, 108.4], [11.9, 108.4]]],
            },
            "[latitude, longitude]",
        ),
    ],
)
def test_bad_geometry_gets_a_400_and_leaves_the_pool_working(
    live_server: str, checker: dict[str, str], geometry: dict[str, Any], words: str
) -> None:
    body = {"type": "Feature", "geometry": geometry, "properties": {"crop": "sầu riêng"}}
    with httpx.Client(base_url=live_server, headers=checker, timeout=30) as http:
        for _ in range(3):  # more than once: a connection the error reached must still serve
            refused = http.post(CHECKS, json=body)
            assert refused.status_code == 400 and words in refused.json()["description"], refused.text
        assert http.get("/api/lookup", params={"code": "VN-68-0000-25"}).status_code < 500
