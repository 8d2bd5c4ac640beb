"""HEAD gets the headers GET would get and no body, on pages, OGC documents, features and tiles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.test_vector_tiles import first_area, tile_of, tile_url

SAME_HEADERS = ("content-type", "content-length", "etag", "cache-control", "content-encoding", "vary")


def same_but_bodiless(client: TestClient, url: str, **headers: str) -> None:
    got = client.get(url, headers=headers)
    head = client.head(url, headers=headers)
    assert head.status_code == got.status_code, url
    assert head.content == b""
    for name in SAME_HEADERS:
        assert head.headers.get(name) == got.headers.get(name), (url, name)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/ogc",
        "/ogc/collections",
        "/ogc/collections/growing_areas/items?limit=3",
        "/api/layers",
        "/ogc/tileMatrixSets/WebMercatorQuad",
        "/static/js/main.js",
    ],
)
def test_head_answers_as_get_without_the_body(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200
    same_but_bodiless(client, url)


def test_head_on_a_tile_gives_its_etag_and_revalidates(client: TestClient) -> None:
    area = first_area(client)
    tile = tile_of(client, "growing_areas", area["id"], 14)
    url = tile_url("growing_areas", tile.z, tile.y, tile.x)
    same_but_bodiless(client, url)
    same_but_bodiless(client, url, **{"Accept-Encoding": "gzip"})
    etag = client.head(url).headers["etag"]
    assert client.head(url, headers={"If-None-Match": etag}).status_code == 304


def test_head_keeps_error_statuses_and_refuses_no_method_it_did_not_before(client: TestClient) -> None:
    same_but_bodiless(client, "/ogc/collections/nope")
    assert client.head("/ogc/collections/nope").status_code == 404
    same_but_bodiless(client, "/ogc/collections/growing_areas/tiles/WebMercatorQuad/99/1/1")
    assert client.head("/api/auth/token").status_code == 405  # POST only: refused, as a GET is
