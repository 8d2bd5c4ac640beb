"""A small in-process cache of recent tiles, keyed by layer version so writes never serve stale tiles."""

from __future__ import annotations

from collections import OrderedDict

# layer id, layer file fingerprint, version, z, y, x, content encoding ("" or "gzip")
TileKey = tuple[str, str, int, int, int, int, str]


class TileCache:
    """Least-recently-used, bounded by bytes; lives on the event loop, so it needs no lock."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._tiles: OrderedDict[TileKey, bytes] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: TileKey) -> bytes | None:
        tile = self._tiles.get(key)
        if tile is None:
            self.misses += 1
            return None
        self._tiles.move_to_end(key)
        self.hits += 1
        return tile

    def put(self, key: TileKey, tile: bytes) -> None:
        if self.max_bytes <= 0 or len(tile) > self.max_bytes // 8:
            return
        old = self._tiles.pop(key, None)
        if old is not None:
            self._bytes -= len(old)
        self._tiles[key] = tile
        self._bytes += len(tile)
        while self._bytes > self.max_bytes:
            _, evicted = self._tiles.popitem(last=False)
            self._bytes -= len(evicted)

    def __len__(self) -> int:
        return len(self._tiles)
