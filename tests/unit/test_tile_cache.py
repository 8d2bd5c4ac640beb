"""The tile cache stays within its byte budget and forgets the least recently used tiles first."""

from __future__ import annotations

from gisapp.services.tile_cache import TileCache


def key(n: int) -> tuple[str, str, int, int, int, int, str]:
    return ("growing_areas", "abc", 1, 14, n, n, "")


def test_lru_eviction_by_bytes() -> None:
    cache = TileCache(max_bytes=8 * 100)
    for n in range(8):
        cache.put(key(n), bytes(100))
    assert len(cache) == 8
    assert cache.get(key(0)) is not None  # 0 is now the most recently used
    cache.put(key(8), bytes(100))
    assert cache.get(key(1)) is None  # the least recently used went first
    assert cache.get(key(0)) is not None
    assert len(cache) == 8


def test_disabled_or_oversized_tiles_are_not_kept() -> None:
    assert TileCache(0).get(key(0)) is None
    off = TileCache(0)
    off.put(key(0), b"x")
    assert len(off) == 0
    small = TileCache(800)
    small.put(key(0), bytes(101))  # more than an eighth of the budget
    assert len(small) == 0
    small.put(key(1), b"")  # an empty tile (204) is worth remembering
    assert small.get(key(1)) == b""
