"""Answering a tile request: from the version feed and the cache when they can, else the database."""

from __future__ import annotations

from dataclasses import dataclass

from zlib_ng import zlib_ng

from gisapp.catalog import Layer
from gisapp.services.read_pool import Reader
from gisapp.services.tile_cache import TileCache, TileKey
from gisapp.services.tile_matrix import TileBounds
from gisapp.services.vector_tiles import (
    VersionedTile,
    tile_query,
    versioned_tile,
    versioned_tile_query,
)
from gisapp.services.version_feed import VersionFeed

GZIP_LEVEL = 1  # zlib-ng's deflate_quick: 6-9x cheaper than zlib's level 6 on 1-3 KB tiles, 5 % larger
GZIP_WBITS = 31  # gzip container; zlib-ng writes mtime 0, so one tile always packs to the same bytes


@dataclass
class TileDelivery:
    """The reader always works alone; the feed and the cache only ever save it work."""

    reader: Reader
    feed: VersionFeed | None = None
    cache: TileCache | None = None

    async def tile(
        self, layer: Layer, bounds: TileBounds, known: int | None, *, extent: int, buffer: int
    ) -> VersionedTile:
        version = self.feed.current(layer.base_tables) if self.feed else None
        if version is not None:
            if known == version:
                return VersionedTile(version, None)
            cached = self.cache.get(_key(layer, version, bounds)) if self.cache else None
            if cached is not None:
                return VersionedTile(version, cached)
            # Read after the feed said `version`, so the rows are at least that new: the label may lag
            # the content by a notification, never lead it (a 304 or cache hit can never be stale).
            (data,) = await self.reader.fetch_row(tile_query(layer, bounds, extent=extent, buffer=buffer))
            tile = VersionedTile(version, bytes(data) if data else b"")
        else:
            query = versioned_tile_query(layer, bounds, known, extent=extent, buffer=buffer)
            tile = versioned_tile(await self.reader.fetch_row(query), known)
        if self.cache is not None and tile.data is not None:
            # Keyed by the version the database read the tile at: never a newer version's key.
            self.cache.put(_key(layer, tile.version, bounds), tile.data)
        return tile

    def gzipped(self, layer: Layer, bounds: TileBounds, tile: VersionedTile) -> bytes:
        """The tile gzip-compressed, kept beside the raw one: browsers always ask for gzip, and
        compressing a tile costs far more than finding it in the cache. With the cache off every
        request compresses, and stdlib zlib took 35-55 us per z14-z15 tile on the bench host, as
        much as a seventh of the whole request; zlib-ng at level 1 takes 6-10 us."""
        if not tile.data:
            return b""
        key = _key(layer, tile.version, bounds, "gzip")
        packed = self.cache.get(key) if self.cache else None
        if packed is None:
            packed = zlib_ng.compress(tile.data, GZIP_LEVEL, GZIP_WBITS)
            if self.cache is not None:
                self.cache.put(key, packed)
        return packed


def _key(layer: Layer, version: int, bounds: TileBounds, encoding: str = "") -> TileKey:
    return (layer.id, layer.fingerprint, version, bounds.z, bounds.y, bounds.x, encoding)
