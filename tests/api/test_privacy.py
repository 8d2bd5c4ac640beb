"""Personal data never leaves through a public door: sentinels planted in every private field are
looked for in every public output (all collections, tiles at several zooms, every public /api route)."""

from __future__ import annotations

import mapbox_vector_tile
import morecantile
from fastapi.testclient import TestClient
from shapely.geometry import shape
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.settings import PROJECT_ROOT

TMS = morecantile.tms.get("WebMercatorQuad")
CATALOG = load_catalog(PROJECT_ROOT / "layers")
SENTINEL = "SNT7f3a9c"  # short: private columns are as narrow as a phone number
REPORT_RECEIPT = "ABCDE23456"


def plant(session: Session) -> None:
    add_records_with_private_fields(session)
    for layer in CATALOG:
        if layer.config.source.type != "table":
            continue
        for name in layer.config.private_properties:
            session.execute(text(f"UPDATE {layer.id} SET {name} = :v"), {"v": f"{SENTINEL}{len(name)}"})
    session.execute(
        text(
            "INSERT INTO growing_area_households "
            "(growing_area_id, position, name, phone, id_number, address) "
            "SELECT id, 1, :v || 'n', :v || 'p', :v || 'i', :v || 'a' FROM growing_areas"
        ),
        {"v": SENTINEL},
    )


def add_records_with_private_fields(session: Session) -> None:
    """An issued packing house linked to an issued area, and a household plot in that area."""
    session.execute(
        text(
            "INSERT INTO packing_houses (code, name, status, commune_code, geom) "
            "SELECT 'VN-LDPH-900', 'Cơ sở thử', 'issued', commune_code, ST_PointOnSurface(geom) "
            "FROM growing_areas WHERE status = 'issued' ORDER BY id LIMIT 1"
        )
    )
    session.execute(
        text(
            "INSERT INTO packing_house_suppliers (packing_house_id, growing_area_id) "
            "SELECT h.id, g.id FROM packing_houses AS h, growing_areas AS g "
            "WHERE h.code = 'VN-LDPH-900' AND g.status = 'issued' ORDER BY g.id LIMIT 1"
        )
    )
    session.execute(
        text(
            "INSERT INTO household_plots (growing_area_id, label, declared_area_ha, commune_code, geom) "
            "SELECT id, 'Thửa 1', 1, commune_code, ST_PointOnSurface(geom) "
            "FROM growing_areas WHERE status = 'issued' ORDER BY id LIMIT 1"
        )
    )
    session.execute(
        text(
            "INSERT INTO citizen_reports (receipt, description, contact, address_hash, commune_code, geom) "
            "SELECT :receipt, 'Nước thải chảy ra kênh', :contact, repeat('a', 64), commune_code, "
            "ST_PointOnSurface(geom) FROM growing_areas WHERE status = 'issued' ORDER BY id LIMIT 1"
        ),
        {"receipt": REPORT_RECEIPT, "contact": f"{SENTINEL}contact"},
    )


def packing_house_outputs(client: TestClient) -> list[str]:
    houses = client.get("/api/packing-houses").json()["features"]
    assert houses, "the planted packing house should be public"
    x, y = houses[0]["geometry"]["coordinates"]
    urls = ["/api/packing-houses", f"/api/packing-houses/{houses[0]['id']}"]
    for z in (9, 12, 15):
        tile = TMS.tile(x, y, z)
        urls.append(f"/ogc/collections/packing_houses/tiles/WebMercatorQuad/{z}/{tile.y}/{tile.x}")
    return urls


def pollution_source_outputs(client: TestClient) -> list[str]:
    """The demo sources (owners planted) as lists, features, samples, nearby answers and tiles."""
    sources = client.get("/api/pollution-sources", params={"limit": 1000}).json()["features"]
    assert sources, "the demo pollution sources should be public"
    source = next(s for s in sources if s["properties"]["latest_sample_status"] == "exceed")
    urls = [
        "/api/pollution-sources?limit=1000",
        f"/api/pollution-sources/{source['id']}",
        f"/api/pollution-sources/{source['id']}/samples",
        f"/api/pollution-sources/{source['id']}/nearby",
        "/api/risk/growing-areas?exceedance_since=2020-01-01&within_m=50000",
    ]
    lon, lat = source["geometry"]["coordinates"]
    for z in (9, 13, 16):
        tile = TMS.tile(lon, lat, z)
        for layer in ("pollution_sources", "pollution_buffers"):
            urls.append(f"/ogc/collections/{layer}/tiles/WebMercatorQuad/{z}/{tile.y}/{tile.x}")
    return urls


def public_outputs(client: TestClient) -> list[tuple[str, bytes]]:
    """Every public read a stranger can make, with what it answered."""
    urls = [
        "/api/layers",
        "/api/admin-units",
        "/api/admin-units?province=68",
        "/api/auth/session",
        "/ogc",
        "/ogc/collections",
        "/healthz",
    ]
    for layer in CATALOG.visible_to(signed_in=False):
        base = f"/ogc/collections/{layer.id}"
        urls += [
            base,
            f"{base}/queryables",
            f"{base}/items?limit=10000",
            f"{base}/tiles/WebMercatorQuad",
            f"{base}/tiles/WebMercatorQuad/tilejson.json",
        ]
    area = client.get("/ogc/collections/growing_areas/items", params={"limit": 1, "status": "issued"}).json()
    feature = area["features"][0]
    urls += [f"/ogc/collections/growing_areas/items/{feature['id']}", f"/api/growing-areas/{feature['id']}"]
    point = shape(feature["geometry"]).representative_point()
    code = feature["properties"]["code"]
    urls += [
        f"/api/growing-areas/{feature['id']}?at=2099-01-01",
        f"/api/lookup?code={code}",
        f"/api/lookup?lon={point.x}&lat={point.y}",
        # Matches the planted representatives' names (search is case-blind), which must not come back;
        # lower case so the echoed query itself is not mistaken for a leak.
        f"/api/lookup?q={SENTINEL.lower()}",
        "/api/lookup?q=sau rieng&limit=50",
        f"/v/{code}",
    ]
    for z in (6, 9, 12, 15):
        tile = TMS.tile(point.x, point.y, z)
        urls.append(f"/ogc/collections/growing_areas/tiles/WebMercatorQuad/{z}/{tile.y}/{tile.x}")
    urls += packing_house_outputs(client)
    urls += [
        f"/api/citizen-reports/{REPORT_RECEIPT}",
        f"/api/communes/{feature['properties']['commune_code']}/environment-summary",
    ]
    work = client.get("/api/water-works", params={"limit": 1, "latest_test_status": "exceed"}).json()[
        "features"
    ][0]
    urls += [
        "/api/water-works?limit=1000",
        f"/api/water-works/{work['id']}",
        f"/api/water-works/{work['id']}/tests",
    ]
    lon, lat = work["geometry"]["coordinates"]
    for z in (9, 13, 16):
        tile = TMS.tile(lon, lat, z)
        urls.append(f"/ogc/collections/water_works/tiles/WebMercatorQuad/{z}/{tile.y}/{tile.x}")
    urls += pollution_source_outputs(client)
    outputs = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 204), (url, response.status_code, response.text[:200])
        outputs.append((url, response.content))
    return outputs


def test_no_private_value_in_any_public_output(client: TestClient, session: Session) -> None:
    plant(session)
    leaks = [url for url, body in public_outputs(client) if SENTINEL.encode() in body]
    assert leaks == []


def test_household_plots_give_anonymous_callers_nothing(client: TestClient, session: Session) -> None:
    plant(session)
    plot_id = session.execute(text("SELECT id FROM household_plots ORDER BY id LIMIT 1")).scalar_one()
    for url in (
        f"/api/household-plots/{plot_id}",
        "/ogc/collections/household_plots/items",
        "/ogc/collections/household_plots/tiles/WebMercatorQuad/12/0/0",
    ):
        assert client.get(url).status_code == 404, url


def test_tiles_carry_only_public_properties(client: TestClient, session: Session) -> None:
    plant(session)
    layer = CATALOG.get("growing_areas")
    public = {p.name for p in layer.properties}
    feature = client.get("/ogc/collections/growing_areas/items", params={"limit": 1}).json()["features"][0]
    point = shape(feature["geometry"]).representative_point()
    tile = TMS.tile(point.x, point.y, 15)
    body = client.get(f"/ogc/collections/growing_areas/tiles/WebMercatorQuad/15/{tile.y}/{tile.x}").content
    for decoded in mapbox_vector_tile.decode(body)["growing_areas"]["features"]:
        assert set(decoded["properties"]) <= public
