"""Helpers for water-supply tests: staff tokens, a point in a commune, a work, a test body."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services import tokens

DA_NANG = "48"
LAM_DONG = "68"
STAFF: dict[str, tuple[str, str | None, list[str], list[str]]] = {
    # username: (role, level, provinces, communes)
    "w-admin": ("admin", None, [], []),
    "w-env-48": ("env_officer", "province", [DA_NANG], []),
    "w-env-68": ("env_officer", "province", [LAM_DONG], []),
    "w-agri-48": ("agri_officer", "province", [DA_NANG], []),
    "w-viewer-48": ("viewer", None, [DA_NANG], []),
}


def staff_headers(session: Session) -> dict[str, dict[str, str]]:
    """An Authorization header per account above (made in the test's transaction)."""
    headers = {}
    for username, (role, level, provinces, communes) in STAFF.items():
        user_id = session.execute(
            text(
                "INSERT INTO users (username, display_name, password_hash, role, level, scope_provinces, "
                "scope_communes) VALUES (:u, :u, '!', :r, :l, :p, :c) RETURNING id"
            ),
            {"u": username, "r": role, "l": level, "p": provinces, "c": communes},
        ).scalar_one()
        token = tokens.issue(session, user_id, "bearer", timedelta(hours=1)).token
        headers[username] = {"Authorization": f"Bearer {token}"}
    return headers


def commune_point(session: Session, province: str, skip: int = 0) -> tuple[str, float, float]:
    """(commune code, lon, lat) of a point inside a commune of the province."""
    code, x, y = session.execute(
        text(
            "SELECT code, ST_X(p), ST_Y(p) FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM admin_units "
            "WHERE level = 'commune' AND valid_to IS NULL AND parent_code = :province "
            "ORDER BY code OFFSET :skip LIMIT 1) AS c"
        ),
        {"province": province, "skip": skip},
    ).one()
    return str(code), float(x), float(y)


def work_feature(lon: float, lat: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "name": "Trạm cấp nước thử",
            "work_type": "centralised",
            "water_source": "ground",
            **properties,
        },
    }


def new_work(
    client: TestClient, session: Session, headers: dict[str, str], province: str = DA_NANG, **properties: Any
) -> dict[str, Any]:
    """A work created through the API by `headers`' account; the answer's JSON."""
    _, lon, lat = commune_point(session, province, skip=3)
    response = client.post("/api/water-works", json=work_feature(lon, lat, **properties), headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def sample_body(sampled_on: str = "2025-08-01", **overrides: Any) -> dict[str, Any]:
    """A tap sample of group A parameters that all pass."""
    body: dict[str, Any] = {
        "sampled_on": sampled_on,
        "lab": "CDC Đà Nẵng",
        "sampling_point": "tap",
        "results": [
            {"parameter": "ph", "value": 7.2, "unit": "-"},
            {"parameter": "turbidity", "value": 0.8, "unit": "NTU"},
            {"parameter": "free_chlorine", "value": 0.4, "unit": "mg/L"},
            {"parameter": "coliform", "value": 0, "unit": "CFU/100mL"},
            {"parameter": "arsenic", "value": 3, "unit": "µg/L"},
        ],
    }
    return body | overrides
