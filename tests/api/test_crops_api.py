"""`/api/crops`: the crop catalogue the record form offers, public and read-only."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session


def test_crops_lists_the_catalogue_with_minimum_areas(client: TestClient, session: Session) -> None:
    response = client.get("/api/crops")
    assert response.status_code == 200
    crops = {crop["name"]: crop for crop in response.json()["crops"]}
    stored = session.execute(text("SELECT count(*) FROM crops")).scalar_one()
    assert len(crops) == stored
    assert crops["sầu riêng"] == {
        "name": "sầu riêng",
        "name_en": "durian",
        "lifecycle": "perennial",
        "min_area_ha": 1.0,
    }
    assert crops["lúa"]["lifecycle"] == "annual" and crops["lúa"]["min_area_ha"] == 0.1


def test_crops_follow_the_table(client: TestClient, session: Session) -> None:
    """A crop a province adds (or tightens) shows at once: nothing is cached in the app."""
    session.execute(
        text(
            "INSERT INTO crops (name, name_en, lifecycle, min_area_ha) "
            "VALUES ('cà phê chè thử', 'test arabica', 'perennial', 2.5)"
        )
    )
    crops = {crop["name"]: crop for crop in client.get("/api/crops").json()["crops"]}
    assert crops["cà phê chè thử"]["min_area_ha"] == 2.5


def test_crops_need_no_sign_in_and_refuse_writes(client: TestClient) -> None:
    assert client.get("/api/crops").status_code == 200
    assert client.post("/api/crops", json={"name": "x"}).status_code == 405
