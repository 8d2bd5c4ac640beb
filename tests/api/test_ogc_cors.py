"""Web pages on other sites may read the OGC API (CORS), and nothing else of gisapp."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_vector_tiles import first_area, tile_of, tile_url

PORTAL = {"Origin": "https://portal.example.vn"}


def tile_path(client: TestClient) -> str:
    tile = tile_of(client, "growing_areas", first_area(client)["id"], 14)
    return tile_url("growing_areas", tile.z, tile.y, tile.x)


def test_ogc_reads_are_open_to_any_origin_with_their_etag_exposed(client: TestClient) -> None:
    for url in [
        "/ogc",
        "/ogc/collections",
        "/ogc/collections/growing_areas/items?limit=2",
        tile_path(client),
    ]:
        response = client.get(url, headers=PORTAL)
        assert response.status_code == 200, url
        assert response.headers["access-control-allow-origin"] == "*"
        assert "ETag" in response.headers["access-control-expose-headers"]
        assert "access-control-allow-credentials" not in response.headers
    missing = client.get("/ogc/collections/nope", headers=PORTAL)
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == "*"


def test_without_an_origin_nothing_is_added(client: TestClient) -> None:
    for url in ["/ogc/collections", tile_path(client)]:
        assert "access-control-allow-origin" not in client.get(url).headers


def test_the_maps_own_api_and_writes_stay_same_origin(client: TestClient) -> None:
    assert "access-control-allow-origin" not in client.get("/api/layers", headers=PORTAL).headers
    assert "access-control-allow-origin" not in client.get("/", headers=PORTAL).headers
    written = client.post("/ogc/collections/growing_areas/items", headers=PORTAL, json={})
    assert "access-control-allow-origin" not in written.headers


def test_a_preflight_grants_reads_with_plain_headers_only(client: TestClient) -> None:
    url = tile_path(client)
    granted = client.options(
        url,
        headers=PORTAL
        | {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match, accept"},
    )
    assert granted.status_code == 204
    assert granted.headers["access-control-allow-origin"] == "*"
    assert "if-none-match" in granted.headers["access-control-allow-headers"]
    assert granted.headers["access-control-allow-methods"] == "GET, HEAD"

    for asked in [
        {"Access-Control-Request-Method": "POST"},
        {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"},
    ]:
        refused = client.options(url, headers=PORTAL | asked)
        assert refused.status_code == 403
        assert "access-control-allow-origin" not in refused.headers
