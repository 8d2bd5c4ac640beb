"""The tile hot path through the real async pool of a running server (no test-transaction shortcut)."""

from __future__ import annotations

import time

import httpx
import mapbox_vector_tile
import morecantile
from shapely.geometry import shape
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

TMS = morecantile.tms.get("WebMercatorQuad")


def test_pooled_tiles_with_etag_304_and_204(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=30) as http:
        feature = http.get(
            "/ogc/collections/growing_areas/items", params={"limit": 1, "status": "issued"}
        ).json()["features"][0]
        point = shape(feature["geometry"]).representative_point()
        for z in (9, 15):  # an overview tile and a feature tile
            tile = TMS.tile(point.x, point.y, z)
            url = f"/ogc/collections/growing_areas/tiles/WebMercatorQuad/{z}/{tile.y}/{tile.x}"
            first = http.get(url)
            assert first.status_code == 200
            layer = mapbox_vector_tile.decode(first.content)["growing_areas"]
            assert layer["features"]
            again = http.get(url, headers={"If-None-Match": first.headers["etag"]})
            assert again.status_code == 304
            stale = http.get(url, headers={"If-None-Match": '"growing_areas-0-0"'})
            assert stale.status_code == 200
        ocean = TMS.tile(-30.0, 40.0, 12)
        empty = http.get(f"/ogc/collections/growing_areas/tiles/WebMercatorQuad/12/{ocean.y}/{ocean.x}")
        assert empty.status_code == 204


def test_a_committed_write_reaches_cached_tiles(live_server: str, live_database_url: str) -> None:
    """The version feed (LISTEN/NOTIFY) retires cached tiles when a write commits."""
    engine = create_engine(live_database_url, poolclass=NullPool)
    with httpx.Client(base_url=live_server, timeout=30) as http:
        feature = http.get(
            "/ogc/collections/growing_areas/items", params={"limit": 1, "status": "issued"}
        ).json()["features"][0]
        point = shape(feature["geometry"]).representative_point()
        tile = TMS.tile(point.x, point.y, 15)
        url = f"/ogc/collections/growing_areas/tiles/WebMercatorQuad/15/{tile.y}/{tile.x}"
        before = http.get(url)
        assert http.get(url).content == before.content  # served again (from the cache)
        try:
            with engine.begin() as connection:
                connection.execute(
                    text("UPDATE growing_areas SET status = 'suspended' WHERE id = :id"),
                    {"id": feature["id"]},
                )
            after = _wait_for_new_etag(http, url, before.headers["etag"])
            decoded = mapbox_vector_tile.decode(after.content)["growing_areas"]["features"]
            assert next(f for f in decoded if f["id"] == feature["id"])["properties"]["status"] == "suspended"
        finally:
            with engine.begin() as connection:
                connection.execute(
                    text("UPDATE growing_areas SET status = 'issued' WHERE id = :id"), {"id": feature["id"]}
                )
            engine.dispose()


def _wait_for_new_etag(http: httpx.Client, url: str, old: str) -> httpx.Response:
    """Notifications arrive milliseconds after the commit: poll briefly (a wait, not a timing assert)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        response = http.get(url, headers={"If-None-Match": old})
        if response.status_code == 200:
            assert response.headers["etag"] != old
            return response
        time.sleep(0.05)
    raise AssertionError("the tile kept its old ETag 10 s after the write committed")


def test_the_benchs_warm_row_gets_the_tag_wrk_will_revalidate(live_server: str) -> None:
    """bench/loadgen.fetch_etags asks as wrk does (no gzip), so one tag serves every tile of a layer
    even where big tiles would be gzipped for a browser, and each revalidates to a 304."""
    from bench.loadgen import fetch_etags  # the bench is not part of the app

    paths = []
    for dy in (-1, 0, 1):  # Lâm Đồng: whole communes at z9 (big tiles), bits of one at z14 (small ones)
        for z in (9, 14):
            tile = TMS.tile(108.44, 11.94, z)
            paths.append(f"/ogc/collections/communes/tiles/WebMercatorQuad/{z}/{tile.y + dy}/{tile.x}")
    with httpx.Client(base_url=live_server, timeout=30) as http:
        sizes = [len(http.get(p, headers={"Accept-Encoding": "identity"}).content) for p in paths]
        assert min(sizes) < 1024 <= max(sizes), "mix tiles that get gzipped with ones that do not"
        tags, how = fetch_etags(live_server, paths)
        assert how == "one ETag shared by the layer" and not tags[0].endswith('-gzip"')  # type: ignore[union-attr]
        for path, tag in zip(paths, tags, strict=True):
            assert http.get(path, headers={"If-None-Match": tag or ""}).status_code == 304
