"""Cutting one polygon in two along a line: the pure geometry under POST /api/growing-areas/{id}/split."""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from gisapp.errors import InvalidInput
from gisapp.services.area_split import split_polygon

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]}


def line(*points: tuple[float, float]) -> dict[str, object]:
    return {"type": "LineString", "coordinates": [list(p) for p in points]}


def test_a_line_across_gives_two_parts_larger_first_sharing_the_cut() -> None:
    larger, smaller = split_polygon(SQUARE, line((1, -1), (1, 5)))
    a, b = shape(larger), shape(smaller)
    assert (a.area, b.area) == (12, 4)
    assert a.intersection(b).length == 4 and a.intersection(b).area == 0  # they share the cut, no more
    assert a.exterior.is_ccw and b.exterior.is_ccw  # RFC 7946 winding
    assert all(isinstance(c, list) for c in larger["coordinates"][0])


def test_a_bent_line_and_a_multipolygon_of_one_part() -> None:
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    larger, smaller = split_polygon(multi, line((-1, 1), (2, 2), (5, 1)))
    assert shape(larger).area + shape(smaller).area == pytest.approx(16)
    assert shape(smaller).area == pytest.approx(20 / 3)  # below the bent line: y = 4/3 at both sides, 2 mid


def test_a_hole_stays_with_its_part() -> None:
    holed = {
        "type": "Polygon",
        "coordinates": [
            SQUARE["coordinates"][0],
            [[2.5, 2.5], [3.5, 2.5], [3.5, 3.5], [2.5, 3.5], [2.5, 2.5]],
        ],
    }
    larger, _ = split_polygon(holed, line((1, -1), (1, 5)))
    assert len(larger["coordinates"]) == 2 and shape(larger).area == 11


@pytest.mark.parametrize(
    ("geometry", "cut", "words"),
    [
        (SQUARE, line((1, 1), (2, 2)), "edge to edge"),  # inside only
        (SQUARE, line((1, -1), (1, 2)), "edge to edge"),  # enters, never leaves
        (SQUARE, line((-1, 5), (5, 6)), "edge to edge"),  # misses
        (SQUARE, line((1, -1), (1, 5), (3, 5), (3, -1)), "3 parts"),
        (SQUARE, {"type": "Point", "coordinates": [1, 1]}, "LineString"),
        (SQUARE, None, "LineString"),
        (SQUARE, line((1, 1)), "cannot be read"),
        (SQUARE, line((1, 1), (1, 1)), "two distinct points"),
        (SQUARE, line((1, -1), (1, 500)), "out of range"),
        (SQUARE, {"type": "LineString", "coordinates": [["a", 1], [2, 2]]}, "cannot be read"),
        (
            {
                "type": "MultiPolygon",
                "coordinates": [SQUARE["coordinates"], [[[9, 9], [10, 9], [10, 10], [9, 9]]]],
            },
            line((1, -1), (1, 5)),
            "several separate parts",
        ),
    ],
)
def test_lines_that_cannot_split_are_refused_with_the_reason(
    geometry: dict[str, object], cut: object, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words):
        split_polygon(geometry, cut)
