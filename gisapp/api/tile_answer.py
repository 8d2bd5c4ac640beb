"""The status, headers and body of a tile answer, one function for the fast path and the OGC route so
the two can never differ: which coding, which ETag, what caches are told."""

from __future__ import annotations

from dataclasses import dataclass

from gisapp.api.ogc_links import MVT
from gisapp.catalog import Layer
from gisapp.services.layer_versions import KnownTag, layer_etag
from gisapp.services.tile_delivery import TileDelivery
from gisapp.services.tile_matrix import TileBounds
from gisapp.services.vector_tiles import VersionedTile

TILE_CACHE_CONTROL = "public, no-cache"
STAFF_TILE_CACHE_CONTROL = "private, no-cache"  # staff-only layers: never kept by a shared cache
GZIP_MINIMUM_BYTES = 1024  # as the app's GZipMiddleware, which leaves tiles to this module
_MVT = MVT.encode()
_KEPT_ON_304 = frozenset({b"etag", b"cache-control", b"vary"})  # RFC 9110 15.4.5


@dataclass(frozen=True)
class TileAnswer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


def tile_answer(
    layer: Layer,
    bounds: TileBounds,
    tile: VersionedTile,
    *,
    sent: KnownTag | None,
    accepts_gzip: bool,
    delivery: TileDelivery,
) -> TileAnswer:
    """`sent` is the tag the client's If-None-Match named; a 304 repeats it, coding included, since
    that is the tag the client would have been sent again. For `*` the tile was read, and the 304
    carries the headers its 200 or 204 would have had."""
    if sent is not None and sent.version is None and tile.data is not None:
        full = tile_answer(layer, bounds, tile, sent=None, accepts_gzip=accepts_gzip, delivery=delivery)
        kept = [(name, value) for name, value in full.headers if name in _KEPT_ON_304]
        return TileAnswer(304, kept, b"")
    cache_control = (STAFF_TILE_CACHE_CONTROL if layer.staff_only else TILE_CACHE_CONTROL).encode()
    if tile.data is None:
        etag = layer_etag(layer, tile.version, gzip=sent is not None and sent.gzip)
        return TileAnswer(304, [(b"etag", etag.encode()), (b"cache-control", cache_control)], b"")
    if not tile.data:
        etag = layer_etag(layer, tile.version)
        return TileAnswer(204, [(b"etag", etag.encode()), (b"cache-control", cache_control)], b"")
    body, extra = tile.data, []
    big = len(body) >= GZIP_MINIMUM_BYTES
    packed = big and accepts_gzip
    if big:  # this URL's answer depends on Accept-Encoding: say so to caches
        extra.append((b"vary", b"Accept-Encoding"))
    if packed:
        body = delivery.gzipped(layer, bounds, tile)
        extra.append((b"content-encoding", b"gzip"))
    headers = [
        (b"etag", layer_etag(layer, tile.version, gzip=packed).encode()),
        (b"cache-control", cache_control),
        (b"content-type", _MVT),
        *extra,
        (b"content-length", str(len(body)).encode()),
    ]
    return TileAnswer(200, headers, body)
