"""The tile hot path through the real async pool of a running server (no test-transaction shortcut)."""

from __future__ import annotations

import httpx
import mapbox_vector_tile
import morecantile
from shapely.geometry import shape

TMS = morecantile.tms.get("WebMercatorQuad")


def test_pooled_tiles_with_etag_304_and_204(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=30) as http:
        feature = http.get(
            "/ogc/collections/growing_areas/items", params={"limit": 1, "status": "active"}
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
