"""Query parameters of OGC items: every refusal names the parameter and says why."""

from __future__ import annotations

import pytest

from gisapp.catalog import load_catalog
from gisapp.errors import InvalidParameter
from gisapp.services.feature_query import parse_bbox, parse_items_query
from gisapp.settings import PROJECT_ROOT

LAYER = load_catalog(PROJECT_ROOT / "layers").get("growing_areas")


def parse(**params: str):  # type: ignore[no-untyped-def]
    return parse_items_query(LAYER, list(params.items()), default_limit=10, max_limit=100)


def test_defaults_and_cap() -> None:
    assert parse().limit == 10
    assert parse(limit="100000").limit == 100  # capped, not refused
    assert parse(offset="20").offset == 20


def test_filters_are_typed() -> None:
    query = parse(crop="cà phê", issued_year="2023")
    assert query.filters == {"crop": "cà phê", "issued_year": 2023}


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "1.5"}, "offset"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "106,12,107,95"}, "bbox"),
        ({"bbox": "106,13,107,12"}, "bbox"),
        ({"colour": "red"}, "colour"),
        ({"name": "x"}, "name"),  # a property, but not a filterable one
        ({"issued_year": "soon"}, "issued_year"),
        ({"f": "html"}, "f"),
        ({"bbox-crs": "EPSG:3857"}, "bbox-crs"),
        ({"datetime": "2024-01-01"}, "datetime"),
    ],
)
def test_bad_parameters_are_named(params: dict[str, str], parameter: str) -> None:
    with pytest.raises(InvalidParameter) as caught:
        parse(**params)
    assert caught.value.parameter == parameter
    assert parameter in caught.value.message


def test_repeated_parameter_is_refused() -> None:
    with pytest.raises(InvalidParameter, match="more than once"):
        parse_items_query(LAYER, [("limit", "1"), ("limit", "2")], default_limit=10, max_limit=100)


def test_swapped_bbox_gets_a_hint() -> None:
    with pytest.raises(InvalidParameter, match="swapped"):
        parse_bbox("12,106,13,107")


def test_bbox_with_heights_uses_horizontal_part() -> None:
    assert parse_bbox("106,12,0,107,13,100") == (106, 12, 107, 13)
