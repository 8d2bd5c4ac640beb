"""Public tiles answered in front of FastAPI (api/tile_fast_path.py): the same answer as the OGC
route, and every request it is not sure of handed on untouched."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import MutableMapping
from typing import Any

import mapbox_vector_tile
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from starlette.responses import PlainTextResponse

from gisapp.api.head_requests import HeadAsGet
from gisapp.api.ogc_cors import OgcCors
from gisapp.api.tile_fast_path import TileFastPath
from gisapp.app import GisappAPI
from gisapp.services.driver_sql import DriverQuery
from gisapp.services.read_pool import PooledReader, SessionReader
from gisapp.services.tile_cache import TileCache
from gisapp.services.tile_delivery import TileDelivery
from gisapp.settings import Settings
from tests.api.test_vector_tiles import TMS, first_area, tile_of, tile_url

Message = dict[str, Any]


def call_fast_path(client: TestClient, path: str, **request: Any) -> tuple[list[str], list[Message]]:
    """`fast_path` from a plain test."""
    return asyncio.run(fast_path(client, path, **request))


async def fast_path(
    client: TestClient,
    path: str,
    *,
    query: str = "",
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> tuple[list[str], list[Message]]:
    """The fast path alone, in front of an app that only says it was reached."""
    handed_on: list[str] = []

    async def behind(scope: Any, receive: Any, send: Any) -> None:
        handed_on.append(scope["path"])
        await PlainTextResponse("handed on")(scope, receive, send)

    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        messages.append(dict(message))

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query.encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    app = client.app
    assert isinstance(app, GisappAPI)
    await TileFastPath(behind, app.state)(scope, receive, send)
    return handed_on, messages


def answer(messages: list[Message]) -> tuple[int, dict[str, str], bytes]:
    start, body = messages
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, body["body"]


def test_a_public_tile_is_answered_without_fastapi_and_matches_the_ogc_route(client: TestClient) -> None:
    area = first_area(client)
    tile = tile_of(client, "growing_areas", area["id"], 15)
    url = tile_url("growing_areas", 15, tile.y, tile.x)
    handed_on, messages = call_fast_path(client, url)
    assert handed_on == []
    status, headers, body = answer(messages)
    # `?f=json` is a query string: the fast path hands it to the OGC route, the reference answer.
    reference = client.get(url, params={"f": "json"})
    assert status == reference.status_code == 200
    assert body == reference.content
    for name in ("etag", "cache-control", "content-type"):
        assert headers[name] == reference.headers[name]
    assert int(headers["content-length"]) == len(body)
    features = mapbox_vector_tile.decode(body)["growing_areas"]["features"]
    assert any(f["id"] == area["id"] for f in features)

    handed_on, messages = call_fast_path(client, url, headers={"If-None-Match": headers["etag"]})
    assert handed_on == [] and answer(messages)[:2] == (
        304,
        {k: headers[k] for k in ("etag", "cache-control")},
    )


def test_head_and_cross_origin_reads_are_answered_without_fastapi_as_the_layers_behind_would(
    client: TestClient,
) -> None:
    """HEAD: the GET's status and headers with no body; with an Origin: the read grant added. Both as
    the full app answers them through HeadAsGet and OgcCors (`?f=json` takes the route)."""
    area = first_area(client)
    tile = tile_of(client, "growing_areas", area["id"], 15)
    url = tile_url("growing_areas", 15, tile.y, tile.x)
    _, plain = call_fast_path(client, url)
    get_status, get_headers, get_body = answer(plain)

    handed_on, messages = call_fast_path(client, url, method="HEAD")
    assert handed_on == [] and answer(messages) == (get_status, get_headers, b"")
    reference = client.head(url, params={"f": "json"})
    assert reference.content == b"" and reference.headers["content-length"] == str(len(get_body))

    origin = {"Origin": "https://bando.example.vn"}
    handed_on, messages = call_fast_path(client, url, headers=origin)
    status, headers, body = answer(messages)
    reference = client.get(url, params={"f": "json"}, headers=origin)
    assert handed_on == [] and (status, body) == (get_status, get_body) == (200, reference.content)
    for name in ("access-control-allow-origin", "access-control-expose-headers", "etag"):
        assert headers[name] == reference.headers[name], name

    handed_on, messages = call_fast_path(client, url, method="HEAD", headers=origin)
    assert handed_on == [] and answer(messages) == (status, headers, b"")


GZIP_FLAG_FASTEST = 4  # RFC 1952, XFL


def test_gzip_only_when_the_client_takes_it(client: TestClient) -> None:
    tile = TMS.tile(108.44, 11.94, 9)  # Lâm Đồng, drawn at full detail: communes fill the tile
    url = tile_url("communes", 9, tile.y, tile.x)
    _, plain = call_fast_path(client, url)
    _, packed = call_fast_path(client, url, headers={"Accept-Encoding": "gzip, deflate, br"})
    plain_body = answer(plain)[2]
    status, headers, body = answer(packed)
    assert len(plain_body) >= 1024, "pick a tile big enough to be worth compressing"
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain_body
    # packed for speed (gzip's "fastest" flag), as each request packs anew with the cache off;
    # mtime 0, so the same tile always packs to the same bytes
    assert body[8] == GZIP_FLAG_FASTEST and body[4:8] == bytes(4)
    assert "content-encoding" not in answer(plain)[1]
    assert answer(plain)[1]["vary"] == "Accept-Encoding"  # caches must not hand gzip to a client without it


def test_each_coding_has_its_own_etag_and_revalidates_as_itself(client: TestClient) -> None:
    """RFC 9110 8.8.3: a strong ETag names one sequence of bytes, so the gzip answer has its own;
    otherwise a cache revalidating its gzip copy could be told it holds the identity one."""
    tile = TMS.tile(108.44, 11.94, 9)
    url = tile_url("communes", 9, tile.y, tile.x)
    plain = answer(call_fast_path(client, url)[1])[1]["etag"]
    packed = answer(call_fast_path(client, url, headers={"Accept-Encoding": "gzip"})[1])[1]["etag"]
    assert packed == plain[:-1] + '-gzip"'
    for held in (plain, packed):  # either revalidates, and the 304 names the bytes the client holds
        headers = {"Accept-Encoding": "gzip", "If-None-Match": held}
        handed_on, messages = call_fast_path(client, url, headers=headers)
        status, answered, _ = answer(messages)
        assert (handed_on, status, answered["etag"]) == ([], 304, held)


@pytest.mark.parametrize("coding", ["gzip", "identity"])
def test_the_ogc_route_codes_and_tags_a_tile_as_the_fast_path_does(client: TestClient, coding: str) -> None:
    tile = TMS.tile(108.44, 11.94, 9)
    url = tile_url("communes", 9, tile.y, tile.x)
    _, messages = call_fast_path(client, url, headers={"Accept-Encoding": coding})
    status, fast, body = answer(messages)
    with client.stream("GET", url, params={"f": "json"}, headers={"Accept-Encoding": coding}) as routed:
        raw = b"".join(routed.iter_raw())  # as sent, not decoded by the test client
        assert (routed.status_code, raw) == (status, body)
        for name in ("etag", "vary", "content-type", "content-length", "cache-control"):
            assert routed.headers[name] == fast[name], name
        assert routed.headers.get("content-encoding") == fast.get("content-encoding")
        assert routed.headers.get_list("vary") == ["Accept-Encoding"]  # once, not again by the middleware
    revalidated = client.get(url, params={"f": "json"}, headers={"If-None-Match": fast["etag"]})
    assert (revalidated.status_code, revalidated.headers["etag"]) == (304, fast["etag"])


@pytest.mark.parametrize("coding", ["gzip", "identity"])
def test_if_none_match_star_answers_304_with_the_tags_a_200_would_carry(
    client: TestClient, coding: str
) -> None:
    """RFC 9110 13.1.2: `*` matches any current representation, so a GET gets a 304; by both paths."""
    tile = TMS.tile(108.44, 11.94, 9)
    url = tile_url("communes", 9, tile.y, tile.x)
    full = answer(call_fast_path(client, url, headers={"Accept-Encoding": coding})[1])[1]
    star = {"Accept-Encoding": coding, "If-None-Match": "*"}
    handed_on, messages = call_fast_path(client, url, headers=star)
    status, headers, body = answer(messages)
    assert (handed_on, status, body) == ([], 304, b"")
    assert (headers["etag"], headers["vary"]) == (full["etag"], full["vary"])
    routed = client.get(url, params={"f": "json"}, headers=star)
    assert (routed.status_code, routed.headers["etag"]) == (304, full["etag"])
    empty = tile_url("communes", 9, 0, 0)  # mid-ocean: a 204 exists too
    assert client.get(empty).status_code == 204
    assert client.get(empty, headers={"If-None-Match": "*"}).status_code == 304


def test_a_hostile_if_none_match_gets_the_tile_not_an_error(client: TestClient) -> None:
    area = first_area(client)
    tile = tile_of(client, "growing_areas", area["id"], 15)
    url = tile_url("growing_areas", 15, tile.y, tile.x)
    etag = client.get(url).headers["etag"]
    for version in ("²", "9" * 5000, "9" * 19):
        hostile = (etag[: etag.rindex("-") + 1] + version + '"').encode("latin-1")  # as headers are read
        for params in ({}, {"f": "json"}):  # the fast path and the OGC route
            response = client.get(url, params=params, headers={"If-None-Match": hostile})
            assert response.status_code == 200 and response.headers["etag"] == etag


def test_a_tile_is_compressed_once_per_version(client: TestClient, session: Session) -> None:
    cache = TileCache(1024 * 1024)
    client.app.state.tile_delivery = TileDelivery(SessionReader(session), cache=cache)  # type: ignore[attr-defined]
    tile = TMS.tile(108.44, 11.94, 9)
    url = tile_url("communes", 9, tile.y, tile.x)
    first = answer(call_fast_path(client, url, headers={"Accept-Encoding": "gzip"})[1])
    hits = cache.hits
    again = answer(call_fast_path(client, url, headers={"Accept-Encoding": "gzip"})[1])
    assert again == first and again[1]["content-encoding"] == "gzip"
    assert cache.hits == hits + 1  # the compressed copy, found by the tile's version
    assert len(cache) == 2  # the raw tile and its gzip form


@pytest.mark.parametrize(
    ("path", "query", "method", "why"),
    [
        (tile_url("growing_areas", 15, 0, 0), "f=json", "GET", "a query string is the OGC route's to check"),
        (tile_url("growing_areas", 15, 0, 0), "", "OPTIONS", "only reads: a preflight is ogc_cors's"),
        (tile_url("growing_area_dossiers", 15, 0, 0), "", "GET", "staff-only: the route checks who asks"),
        (tile_url("rivers", 15, 0, 0), "", "GET", "unknown layer: the route words the 404"),
        (tile_url("growing_areas", 3, 3, 6), "", "GET", "outside the layer's zooms"),
        (tile_url("growing_areas", 10, 1024, 0), "", "GET", "outside the tile matrix"),
        ("/ogc/collections/growing_areas/tiles/WorldCRS84Quad/10/0/0", "", "GET", "another matrix set"),
        ("/ogc/collections/growing_areas/tiles/WebMercatorQuad", "", "GET", "not a tile"),
    ],
)
def test_everything_else_is_handed_on(
    client: TestClient, path: str, query: str, method: str, why: str
) -> None:
    handed_on, messages = call_fast_path(client, path, query=query, method=method)
    assert handed_on == [path], why
    assert answer(messages)[2] == b"handed on"


def test_the_full_app_still_words_errors_for_what_the_fast_path_hands_on(client: TestClient) -> None:
    response = client.get(tile_url("growing_areas", 10, 1024, 0))
    assert response.status_code == 400
    assert "Tile row 1024 is outside zoom 10" in response.json()["description"]
    assert client.get(tile_url("growing_area_dossiers", 15, 0, 0)).status_code == 404


def test_a_busy_database_answers_503_at_once(
    client: TestClient, test_db_url: str, settings: Settings
) -> None:
    """Not handed on: the OGC route would wait for a connection as long again."""
    busy = settings.model_copy(update={"tile_pool_size": 1, "db_pool_timeout": 0.2})

    async def scenario() -> tuple[list[str], list[Message]]:
        reader = PooledReader(test_db_url, busy)
        await reader.open()
        client.app.state.tile_delivery = TileDelivery(reader)  # type: ignore[attr-defined]
        try:
            slow = asyncio.create_task(reader.fetch_row(DriverQuery("SELECT pg_sleep(1)::text", {})))
            await asyncio.sleep(0.05)
            seen = await fast_path(client, tile_url("growing_areas", 15, 0, 0))
            await slow
            return seen
        finally:
            await reader.close()

    handed_on, messages = asyncio.run(scenario())
    status, headers, body = answer(messages)
    assert handed_on == [] and status == 503 and headers["retry-after"] == "5"
    assert json.loads(body)["code"] == "database_busy"


def test_the_fast_path_is_in_front_of_fastapi_itself(client: TestClient) -> None:
    """In the middleware stack it would sit behind FastAPI's per-request telemetry check and
    Starlette's error and body-limit layers."""
    app = client.app
    assert isinstance(app, GisappAPI)
    front = app.front
    assert isinstance(front, TileFastPath)  # a plain GET of a tile meets nothing before it
    assert isinstance(front.app, HeadAsGet)  # what it hands on: HEAD becomes GET,
    assert isinstance(front.app.app, OgcCors)  # cross-origin pages may read /ogc,
    assert front.app.app.app == FastAPI.__call__.__get__(app)  # and FastAPI runs the rest
    assert not isinstance(app.build_middleware_stack(), TileFastPath)  # once, not twice
