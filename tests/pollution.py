"""Helpers for pollution-source tests: a source through the API, a sample body."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.water import DA_NANG, commune_point


def source_feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "name": "Trang trại lợn thử",
            "source_type": "livestock_farm",
            "regulation_code": "QCVN 62",
            "regulation_column": "B",
            "owner_name": "Nguyễn Văn Chủ",
            "owner_phone": "0912345678",
            **properties,
        },
    }


def point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def new_source(
    client: TestClient,
    session: Session,
    headers: dict[str, str],
    province: str = DA_NANG,
    geometry: dict[str, Any] | None = None,
    **properties: Any,
) -> dict[str, Any]:
    """A source created through the API by `headers`' account; the answer's JSON."""
    if geometry is None:
        _, lon, lat = commune_point(session, province, skip=2)
        geometry = point(lon, lat)
    response = client.post(
        "/api/pollution-sources", json=source_feature(geometry, **properties), headers=headers
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def effluent_body(sampled_on: str = "2025-06-10", **values: float) -> dict[str, Any]:
    """An outlet sample; every value passes QCVN 62 column B unless overridden."""
    typical = {"ph": 7.0, "bod5": 60.0, "cod": 200.0, "tss": 90.0} | values
    units = {"ph": "-"}
    return {
        "sampled_on": sampled_on,
        "lab": "Trung tâm Quan trắc Đà Nẵng",
        "sampling_point": "Cửa xả sau bể biogas",
        "results": [{"parameter": p, "value": v, "unit": units.get(p, "mg/L")} for p, v in typical.items()],
    }


def source_row(session: Session, source_id: int) -> Any:
    return session.execute(
        text(
            "SELECT latest_sample_status, latest_sample_on, last_exceedance_on FROM pollution_sources "
            "WHERE id = :i"
        ),
        {"i": source_id},
    ).one()
