"""Tile bounds on the hot path are morecantile's, float for float, and bad z/y/x get a named 400."""

from __future__ import annotations

import random

import morecantile
import pytest

from gisapp.errors import InvalidParameter
from gisapp.services.tile_matrix import tile_bounds, web_mercator_quad


def test_bounds_are_morecantiles_exactly() -> None:
    tms = web_mercator_quad()
    rng = random.Random(7)  # noqa: S311 - reproducible sample of tiles, not a secret
    tiles = [(0, 0, 0), (24, 0, 0), (24, 2**24 - 1, 2**24 - 1)]
    tiles += [(z, rng.randrange(2**z), rng.randrange(2**z)) for z in range(25) for _ in range(20)]
    for z, y, x in tiles:
        expected = tuple(tms.xy_bounds(morecantile.Tile(x, y, z)))
        assert tile_bounds(z, y, x).mercator == expected, (z, y, x)


@pytest.mark.parametrize(
    ("z", "y", "x", "parameter", "words"),
    [
        (25, 0, 0, "tileMatrix", "outside WebMercatorQuad, which has 0 to 24"),
        (-1, 0, 0, "tileMatrix", "outside WebMercatorQuad"),
        (3, 8, 0, "tileRow", "Tile row 8 is outside zoom 3, which has rows 0 to 7"),
        (3, 0, 8, "tileCol", "Tile column 8 is outside zoom 3, which has columns 0 to 7"),
        (3, -1, 0, "tileRow", "Tile row -1"),
    ],
)
def test_out_of_matrix_is_named(z: int, y: int, x: int, parameter: str, words: str) -> None:
    with pytest.raises(InvalidParameter) as raised:
        tile_bounds(z, y, x)
    assert raised.value.parameter == parameter
    assert words in raised.value.message
