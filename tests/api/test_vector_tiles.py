"""Vector tiles decoded in the test: features, public properties only, ETag/304, 204, bad z/y/x."""

from __future__ import annotations

from typing import Any

import mapbox_vector_tile
import morecantile
import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from shapely.geometry import shape
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.settings import PROJECT_ROOT

TMS = morecantile.tms.get("WebMercatorQuad")
MVT = "application/vnd.mapbox-vector-tile"


def tile_url(layer: str, z: int, y: int, x: int) -> str:
    return f"/ogc/collections/{layer}/tiles/WebMercatorQuad/{z}/{y}/{x}"


def tile_of(client: TestClient, layer: str, feature_id: str | int, z: int) -> morecantile.Tile:
    feature = client.get(f"/ogc/collections/{layer}/items/{feature_id}").json()
    point = shape(feature["geometry"]).representative_point()
    return TMS.tile(point.x, point.y, z)


def first_area(client: TestClient) -> dict[str, Any]:
    page = client.get("/ogc/collections/growing_areas/items", params={"limit": 1, "status": "issued"})
    feature: dict[str, Any] = page.json()["features"][0]
    return feature


@pytest.mark.parametrize("z", [11, 12, 15])
def test_growing_area_tile_carries_the_feature_and_public_properties(client: TestClient, z: int) -> None:
    area = first_area(client)
    tile = tile_of(client, "growing_areas", area["id"], z)
    response = client.get(tile_url("growing_areas", z, tile.y, tile.x))
    assert response.status_code == 200
    assert response.headers["content-type"] == MVT
    decoded = mapbox_vector_tile.decode(response.content)
    features = decoded["growing_areas"]["features"]
    ours = next(f for f in features if f["id"] == area["id"])
    assert ours["properties"]["code"] == area["properties"]["code"]
    assert set(ours["properties"]) <= {
        "code",
        "export_code",
        "variety",
        "standard",
        "issued_commune_code",
        "last_inspected_on",
        "name",
        "crop",
        "status",
        "area_ha",
        "commune_code",
        "issued_year",
        "is_demo",
    }
    assert isinstance(ours["properties"]["area_ha"], float)
    assert decoded["growing_areas"]["extent"] == 4096


@pytest.mark.parametrize("z", [5, 8, 10])
def test_low_zoom_growing_area_tiles_draw_cells_by_main_crop(
    client: TestClient, session: Session, z: int
) -> None:
    area = first_area(client)
    tile = tile_of(client, "growing_areas", area["id"], z)
    response = client.get(tile_url("growing_areas", z, tile.y, tile.x))
    assert response.status_code == 200
    cells = mapbox_vector_tile.decode(response.content)["growing_areas"]["features"]
    assert cells
    assert all(set(c["properties"]) == {"crop", "plots", "area_ha"} for c in cells)
    assert all(c["geometry"]["type"] == "Polygon" for c in cells)
    stored = session.execute(
        text("SELECT sum(plots) FROM growing_area_cells WHERE zoom = :z AND cx / 64 = :x AND cy / 64 = :y"),
        {"z": z, "x": tile.x, "y": tile.y},
    ).scalar_one()
    assert sum(c["properties"]["plots"] for c in cells) == stored


def test_cells_follow_every_write(session: Session) -> None:
    def cells(crop: str) -> list[tuple[int, int]]:
        rows = session.execute(
            text(
                "SELECT zoom, sum(plots) FROM growing_area_cells WHERE crop = :c GROUP BY zoom ORDER BY zoom"
            ),
            {"c": crop},
        )
        return [(int(z), int(n)) for z, n in rows]

    session.execute(
        text(
            "INSERT INTO crops (name, name_en, lifecycle, min_area_ha) "
            "VALUES ('ca cao', 'cocoa', 'perennial', 1)"
        )
    )
    new_id = session.execute(
        text(
            "INSERT INTO growing_areas (name, crop, status, geom) VALUES ('t', 'ca cao', 'draft', "
            "ST_Multi(ST_Buffer(ST_SetSRID(ST_Point(108.3, 12.1), 4326), 0.002))) RETURNING id"
        )
    ).scalar_one()
    assert cells("ca cao") == []  # a draft dossier is not published, not even as a count
    session.execute(text("UPDATE growing_areas SET status = 'issued' WHERE id = :id"), {"id": new_id})
    assert cells("ca cao") == [(z, 1) for z in range(4, 11)]
    avocado_before = dict(cells("bơ"))
    session.execute(text("UPDATE growing_areas SET crop = 'bơ' WHERE id = :id"), {"id": new_id})
    assert cells("ca cao") == []
    assert cells("bơ") == [(z, avocado_before.get(z, 0) + 1) for z in range(4, 11)]
    before = session.execute(text("SELECT sum(plots) FROM growing_area_cells WHERE zoom = 10")).scalar_one()
    session.execute(text("DELETE FROM growing_areas WHERE id = :id"), {"id": new_id})
    after = session.execute(text("SELECT sum(plots) FROM growing_area_cells WHERE zoom = 10")).scalar_one()
    assert after == before - 1
    assert session.execute(text("SELECT count(*) FROM growing_area_cells WHERE plots <= 0")).scalar_one() == 0
    published = session.execute(
        text("SELECT count(*) FROM growing_areas WHERE status IN ('issued', 'suspended', 'revoked')")
    ).scalar_one()
    session.execute(text("SELECT gisapp_growing_area_cells_rebuild()"))
    for zoom in range(4, 11):
        n = session.execute(text("SELECT sum(plots) FROM growing_area_cells WHERE zoom = :z"), {"z": zoom})
        assert n.scalar_one() == published


def test_low_zoom_province_tile_is_small(client: TestClient) -> None:
    tile = TMS.tile(108.0, 12.0, 6)
    response = client.get(tile_url("provinces", 6, tile.y, tile.x))
    assert response.status_code == 200
    assert len(response.content) < 100_000
    names = {
        f["properties"]["name"] for f in mapbox_vector_tile.decode(response.content)["provinces"]["features"]
    }
    assert "Lâm Đồng" in names


def test_etag_and_304_then_a_write_changes_the_etag(client: TestClient, session: Session) -> None:
    area = first_area(client)
    tile = tile_of(client, "growing_areas", area["id"], 14)
    url = tile_url("growing_areas", 14, tile.y, tile.x)
    etag = client.get(url).headers["etag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    session.execute(text("UPDATE growing_areas SET status = 'suspended' WHERE id = :id"), {"id": area["id"]})
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    decoded = mapbox_vector_tile.decode(changed.content)["growing_areas"]["features"]
    assert next(f for f in decoded if f["id"] == area["id"])["properties"]["status"] == "suspended"


def test_empty_tile_is_204(client: TestClient) -> None:
    tile = TMS.tile(-30.0, 40.0, 10)  # the Atlantic
    response = client.get(tile_url("growing_areas", 10, tile.y, tile.x))
    assert response.status_code == 204 and response.content == b""
    assert response.headers["etag"]


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        (tile_url("growing_areas", 25, 0, 0), 400, "outside WebMercatorQuad"),
        (tile_url("growing_areas", 10, 1024, 0), 400, "Tile row 1024 is outside zoom 10"),
        (tile_url("growing_areas", 10, 0, -1), 400, "Tile column -1"),
        (tile_url("growing_areas", 3, 3, 6), 404, "tiles from zoom 5 to 16"),
        (tile_url("rivers", 10, 0, 0), 404, "No collection 'rivers'"),
        ("/ogc/collections/growing_areas/tiles/WorldCRS84Quad/10/0/0", 404, "not offered"),
        ("/ogc/collections/growing_areas/tiles/WebMercatorQuad/ten/0/0", 400, "tileMatrix"),
    ],
)
def test_bad_tile_requests(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    assert words in response.json()["description"]


def test_tile_query_uses_the_spatial_index(session: Session) -> None:
    """The driver SQL the hot path sends (layer constants inlined), explained as PostgreSQL plans it."""
    from gisapp.services.tile_matrix import tile_bounds
    from gisapp.services.vector_tiles import tile_query

    layer = load_catalog(PROJECT_ROOT / "layers").get("growing_areas")
    tile = TMS.tile(108.3, 11.9, 12)
    query = tile_query(layer, tile_bounds(12, tile.y, tile.x), extent=4096, buffer=64)
    assert "'issued'" in query.sql and "4326" in query.sql  # constants are literals, not parameters
    assert set(query.params) <= {"tile_xmin", "tile_ymin", "tile_xmax", "tile_ymax", "extent", "buffer"} | {
        "margin",
        "tolerance",
    }
    session.execute(
        text("SET LOCAL enable_seqscan = off")
    )  # small test table: ask whether the index *can* serve
    plan = "\n".join(
        row[0] for row in session.connection().exec_driver_sql("EXPLAIN " + query.sql, query.params)
    )
    assert "idx_growing_areas_geom" in plan


def test_tileset_metadata_tilejson_and_matrix_sets(client: TestClient) -> None:
    sets = client.get("/ogc/tileMatrixSets").json()["tileMatrixSets"]
    assert [s["id"] for s in sets] == ["WebMercatorQuad"]
    assert client.get("/ogc/tileMatrixSets/WebMercatorQuad").json()["id"] == "WebMercatorQuad"
    tilesets = client.get("/ogc/collections/growing_areas/tiles").json()["tilesets"]
    assert tilesets[0]["dataType"] == "vector"
    meta = client.get("/ogc/collections/growing_areas/tiles/WebMercatorQuad").json()
    assert meta["tileMatrixSetLimits"][0]["tileMatrix"] == "5"
    template = next(link for link in meta["links"] if link["rel"] == "item")
    assert template["href"].endswith("/{tileMatrix}/{tileRow}/{tileCol}")
    tilejson = client.get("/ogc/collections/growing_areas/tiles/WebMercatorQuad/tilejson.json").json()
    assert tilejson["tilejson"] == "3.0.0" and tilejson["minzoom"] == 5
    assert tilejson["vector_layers"][0]["id"] == "growing_areas"


@pytest.mark.parametrize("layer", ["growing_areas", "water_works", "pollution_sources", "communes"])
def test_the_metadata_names_every_field_the_tiles_carry_in_json_schema(
    client: TestClient, layer: str
) -> None:
    """What a style author reads (TileJSON `fields`, the tileset's `propertiesSchema`) is what the
    tiles hold, at low zoom (growing areas: per-cell counts) as at high zoom."""
    fields = client.get(f"/ogc/collections/{layer}/tiles/WebMercatorQuad/tilejson.json").json()
    named = set(fields["vector_layers"][0]["fields"])
    meta = client.get(f"/ogc/collections/{layer}/tiles/WebMercatorQuad").json()
    schema = meta["layers"][0]["propertiesSchema"]
    Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == named
    feature = client.get(f"/ogc/collections/{layer}/items", params={"limit": 1}).json()["features"][0]
    low, high = int(meta["layers"][0]["minTileMatrix"]), int(meta["layers"][0]["maxTileMatrix"])
    read = 0
    for z in sorted({low, max(low, min(8, high)), min(14, high)}):
        tile = tile_of(client, layer, feature["id"], z)
        response = client.get(tile_url(layer, tile.z, tile.y, tile.x))
        assert response.status_code == 200, z  # the tile under one of the layer's features
        decoded = mapbox_vector_tile.decode(response.content)[layer]["features"]
        carried = {key for drawn in decoded for key in drawn["properties"]}
        assert carried <= named, (z, carried - named)
        assert Draft202012Validator(schema).is_valid(decoded[0]["properties"]), (z, decoded[0]["properties"])
        read += 1
    assert read >= 2


def test_map_catalog_for_the_front_end(client: TestClient) -> None:
    body = client.get("/api/layers").json()
    assert body["demo"] is True
    ids = [layer["id"] for layer in body["layers"]]
    assert {"provinces", "communes", "growing_areas", "packing_houses", "water_works"} <= set(ids)
    assert "household_plots" not in ids  # staff only: listed after signing in
    growing = body["layers"][ids.index("growing_areas")]
    assert growing["tiles"] == "/ogc/collections/growing_areas/tiles/WebMercatorQuad/{z}/{y}/{x}"
    assert growing["style"]["property"] == "status"
    assert growing["legend"]["items"][0]["label"] == {
        "vi": "Đã cấp mã (còn hiệu lực)",
        "en": "Code issued (valid)",
    }
    assert growing["legend"]["items"][-1]["label"]["vi"] == "Khác"


def test_health(client: TestClient) -> None:
    body = client.get("/healthz").json()
    layers = len(load_catalog(PROJECT_ROOT / "layers"))
    assert body == {"status": "ok", "version": body["version"], "database": "ok", "layers": layers}
