"""A submitted geometry's ordinates are numbers before PostGIS sees them (services/geometry_checks.py):
its parser would read a string as 0 and 1e400 as infinity, and store either without a word."""

from __future__ import annotations

from typing import Any

import pytest

from gisapp.errors import InvalidGeometry
from gisapp.services.geometry_checks import geometry_text

RING = [[108.4, 11.9], [108.41, 11.9], [108.41, 11.91], [108.4, 11.9]]


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("11.9", 'coordinates[0][1][1] is "11.9", not a finite number'),
        (float("inf"), "coordinates[0][1][1] is Infinity"),
        (float("nan"), "coordinates[0][1][1] is NaN"),
        (True, "coordinates[0][1][1] is true"),
        (None, "coordinates[0][1][1] is null"),
    ],
)
def test_an_ordinate_that_is_not_a_finite_number_is_named_by_its_place(bad: Any, words: str) -> None:
    ring = [list(p) for p in RING]
    ring[1][1] = bad
    with pytest.raises(InvalidGeometry) as caught:
        geometry_text({"type": "Polygon", "coordinates": [ring]})
    assert words in caught.value.message


def test_numbers_pass_unchanged() -> None:
    assert geometry_text({"type": "Polygon", "coordinates": [RING]}).startswith('{"type": "Polygon"')
