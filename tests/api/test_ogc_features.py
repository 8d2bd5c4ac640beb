"""OGC API Features over the real database: landing, collections, paging, bbox, filters, errors."""

from __future__ import annotations

import gzip
import json
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient

from gisapp.catalog import load_catalog
from gisapp.services.feature_query import CRS84
from gisapp.settings import PROJECT_ROOT


def test_landing_and_conformance(client: TestClient) -> None:
    landing = client.get("/ogc").json()
    rels = {link["rel"] for link in landing["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= rels
    conforms = client.get("/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms
    assert client.get("/ogc/api").json()["info"]["title"] == "gisapp"


def test_collections_have_extent_and_links(client: TestClient) -> None:
    body = client.get("/ogc/collections").json()
    ids = [c["id"] for c in body["collections"]]
    public = [layer.id for layer in load_catalog(PROJECT_ROOT / "layers").visible_to(signed_in=False)]
    assert ids == public
    assert {"provinces", "communes", "growing_areas", "packing_houses", "water_works"} <= set(ids)
    assert "household_plots" not in ids  # plots are for staff only
    provinces = body["collections"][0]
    west, south, east, north = provinces["extent"]["spatial"]["bbox"][0]
    assert 102 < west < 103 and 8 > south > 6 and east > 109 and 23 < north < 24
    assert provinces["crs"] == [CRS84]
    assert any(link["rel"] == "items" for link in provinces["links"])


def test_provinces_are_the_34_of_2025(client: TestClient) -> None:
    body = client.get("/ogc/collections/provinces/items", params={"limit": 100}).json()
    assert body["numberMatched"] == 34 and body["numberReturned"] == 34
    names = {f["properties"]["name"] for f in body["features"]}
    assert {"Lâm Đồng", "Đà Nẵng", "Hà Nội"} <= names
    assert body["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_paging_links_keep_every_parameter(client: TestClient) -> None:
    first = client.get("/ogc/collections/communes/items", params={"limit": 5, "province_code": "48"}).json()
    assert first["numberReturned"] == 5
    assert first["numberMatched"] == 94  # Đà Nẵng since 2025
    nxt = next(link for link in first["links"] if link["rel"] == "next")
    query = parse_qs(urlparse(nxt["href"]).query)
    assert query == {"limit": ["5"], "province_code": ["48"], "offset": ["5"]}
    second = client.get(nxt["href"]).json()
    assert {f["id"] for f in second["features"]}.isdisjoint({f["id"] for f in first["features"]})
    prev = next(link for link in second["links"] if link["rel"] == "prev")
    assert parse_qs(urlparse(prev["href"]).query)["offset"] == ["0"]
    last = client.get(
        "/ogc/collections/communes/items", params={"limit": 5, "province_code": "48", "offset": 90}
    ).json()
    assert last["numberReturned"] == 4
    assert not any(link["rel"] == "next" for link in last["links"])


def test_limit_above_maximum_is_capped(client: TestClient, settings) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/ogc/collections/communes/items", params={"limit": 10**9}).json()
    assert body["numberReturned"] == min(settings.max_page_size, 3321)
    past_bigint = client.get("/ogc/collections/communes/items", params={"limit": "9" * 25})
    assert past_bigint.status_code == 200  # capped like any other, unlike an offset that far


def test_bbox_selects_by_intersection(client: TestClient) -> None:
    everything = client.get("/ogc/collections/growing_areas/items", params={"limit": 1}).json()[
        "numberMatched"
    ]
    dalat = client.get("/ogc/collections/communes/items", params={"bbox": "108.42,11.93,108.45,11.95"}).json()
    names = {f["properties"]["name"] for f in dalat["features"]}
    assert any("Xuân Hương" in n or "Lâm Viên" in n or "Cam Ly" in n for n in names), names
    some = client.get(
        "/ogc/collections/growing_areas/items", params={"bbox": "107.5,11.0,108.5,12.5", "status": "issued"}
    ).json()
    assert 0 < some["numberMatched"] < everything
    for feature in some["features"]:
        assert feature["properties"]["code"].startswith("VN-68-")


def test_filters_and_single_feature(client: TestClient) -> None:
    body = client.get("/ogc/collections/growing_areas/items", params={"status": "issued", "limit": 3}).json()
    assert body["numberReturned"] == 3
    assert all(f["properties"]["status"] == "issued" for f in body["features"])
    feature = body["features"][0]
    one = client.get(f"/ogc/collections/growing_areas/items/{feature['id']}")
    assert one.headers["content-type"] == "application/geo+json"
    assert one.json()["properties"]["code"] == feature["properties"]["code"]
    assert one.json()["properties"]["area_ha"] >= 1
    commune = client.get("/ogc/collections/communes/items/24370")  # a string id
    assert commune.status_code in (200, 404)


def test_queryables(client: TestClient) -> None:
    body = client.get("/ogc/collections/growing_areas/queryables").json()
    assert set(body["properties"]) == {
        "code",
        "export_code",
        "crop",
        "standard",
        "status",
        "commune_code",
        "issued_commune_code",
        "issued_year",
    }
    assert body["properties"]["issued_year"]["type"] == "integer"
    assert body["additionalProperties"] is False


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/ogc/collections/rivers", 404, "No collection 'rivers'"),
        ("/ogc/collections/rivers/items", 404, "No collection 'rivers'"),
        ("/ogc/collections/growing_areas/items/999999999", 404, "no feature with id '999999999'"),
        ("/ogc/collections/growing_areas/items/abc", 404, "whole numbers"),
        ("/ogc/collections/growing_areas/items/" + "9" * 20, 404, "whole numbers"),
        ("/ogc/collections/growing_areas/items?limit=0", 400, "'limit' must be at least 1"),
        ("/ogc/collections/growing_areas/items?limit=abc", 400, "'abc' is not a whole number"),
        ("/ogc/collections/growing_areas/items?offset=-3", 400, "'offset' must be at least 0"),
        ("/ogc/collections/growing_areas/items?bbox=1,2,3", 400, "expected 4 numbers"),
        ("/ogc/collections/growing_areas/items?bbox=x,2,3,4", 400, "not a number"),
        ("/ogc/collections/growing_areas/items?foo=bar", 400, "Unknown query parameter 'foo'"),
        ("/ogc/collections/growing_areas/items?crop=a&crop=b", 400, "more than once"),
        ("/ogc/collections?foo=1", 400, "Unknown query parameter 'foo'"),
        ("/ogc/collections/growing_areas/items?bbox=1e400,2,3,4", 400, "finite"),
        ("/ogc/collections/growing_areas/items?offset=10000001", 400, "'offset' must be at most 10000000"),
        ("/ogc/collections/growing_areas/items?offset=" + "9" * 20, 400, "'offset' must be at most"),
        ("/ogc/collections/growing_areas/items?issued_year=" + "9" * 20, 400, "is not a valid integer"),
        ("/ogc/collections/growing_areas/items?issued_year=-" + "9" * 20, 400, "is not a valid integer"),
        ("/ogc/nowhere", 404, "Nothing at /ogc/nowhere"),
    ],
)
def test_bad_requests_get_a_clear_4xx(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    assert words in response.json()["description"]


def test_hostile_filter_values_are_just_values(client: TestClient) -> None:
    hostile = "x' OR '1'='1'; DROP TABLE growing_areas; --"
    body = client.get("/ogc/collections/growing_areas/items", params={"crop": hostile}).json()
    assert body["numberMatched"] == 0
    assert client.get("/ogc/collections/growing_areas/items", params={"limit": 1}).json()["numberMatched"] > 0


GZIP_FLAG_DEFAULT_LEVEL = 0


def test_pages_are_gzipped_at_zlibs_default_level(client: TestClient) -> None:
    """Starlette's own default, 9, took three times as long for 1 % fewer bytes."""
    url = "/ogc/collections/growing_areas/items?limit=100"
    plain = client.get(url).json()
    with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as response:
        packed = b"".join(response.iter_raw())
        assert response.headers["content-encoding"] == "gzip"
    assert packed[8] == GZIP_FLAG_DEFAULT_LEVEL  # RFC 1952 XFL: 2 would be level 9, 4 level 1
    assert json.loads(gzip.decompress(packed)) == plain
