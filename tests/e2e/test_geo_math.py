"""The map's own geometry (static/js/geo_math.js), run in the browser against PostGIS on the same shapes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page
from sqlalchemy import Engine, text

pytestmark = pytest.mark.browser

SHAPES: list[dict[str, Any]] = [
    {"type": "Polygon", "coordinates": [[[108.0, 11.5], [108.001, 11.5], [108.001, 11.501], [108.0, 11.5]]]},
    {  # a plot with a hole, far north (Hà Giang)
        "type": "Polygon",
        "coordinates": [
            [[105.0, 23.0], [105.01, 23.0], [105.01, 23.008], [105.0, 23.01], [105.0, 23.0]],
            [[105.004, 23.004], [105.004, 23.006], [105.006, 23.006], [105.006, 23.004], [105.004, 23.004]],
        ],
    },
    {  # two parts, clockwise rings (the area does not depend on winding)
        "type": "MultiPolygon",
        "coordinates": [
            [[[106.7, 10.8], [106.7, 10.8003], [106.7004, 10.8003], [106.7004, 10.8], [106.7, 10.8]]],
            [[[106.71, 10.8], [106.71, 10.801], [106.712, 10.8], [106.71, 10.8]]],
        ],
    },
]


def run(page: Page, expression: str, argument: object) -> Any:
    """Evaluate `expression` with `m` = the geo_math module and `arg` = argument."""
    return page.evaluate(
        f"async (arg) => {{ const m = await import('/static/js/geo_math.js'); return {expression}; }}",
        argument,
    )


def test_areas_match_postgis_geography(map_page: Page, live_server: str, live_engine: Engine) -> None:
    map_page.goto(f"{live_server}/static/index.html")
    for geometry in SHAPES:
        with live_engine.connect() as connection:
            postgis = connection.execute(
                text("SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326)::geography)"),
                {"g": json.dumps(geometry)},
            ).scalar_one()
        ours = run(map_page, "m.geodesicAreaM2(arg)", geometry)
        assert ours == pytest.approx(postgis, rel=2e-6, abs=0.01), geometry


def test_track_simplification_crossings_and_where_a_vertex_goes(map_page: Page, live_server: str) -> None:
    map_page.goto(f"{live_server}/static/index.html")
    x, y, d = 108.0, 11.5, 0.0009
    wobble = 0.000003  # 30 cm off the straight line: simplified away at 1 m
    track = [
        [x, y],
        [x + d / 2, y + wobble],
        [x + d, y],
        [x + d, y + d / 2],
        [x + d, y + d],
        [x, y + d],
        [x, y + 0.000004],
    ]
    assert run(map_page, "m.trackToRing(arg, 1)", track) == [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
    ]
    assert run(map_page, "m.trackToRing(arg, 1)", [[x, y], [x + 0.000001, y], [x, y + 0.000001]]) is None
    bow_tie = [[x, y], [x + d, y + d], [x + d, y], [x, y + d], [x, y]]
    [[lon, lat]] = run(map_page, "m.selfCrossings(arg)", bow_tie)
    assert (lon, lat) == (pytest.approx(x + d / 2), pytest.approx(y + d / 2))
    assert run(map_page, "m.selfCrossings(arg)", [[x, y], [x + d, y], [x + d, y + d], [x, y]]) == []
    corner = [x, y + d]  # the fourth corner, walked to after three: it closes the square
    assert (
        run(map_page, "m.insertionIndex(arg[0], arg[1])", [[[x, y], [x + d, y], [x + d, y + d]], corner]) == 3
    )
    middle = [x + d / 2, y - 0.0001]  # just south of the first side: it goes between its ends
    assert (
        run(map_page, "m.insertionIndex(arg[0], arg[1])", [[[x, y], [x + d, y], [x + d, y + d]], middle]) == 1
    )
