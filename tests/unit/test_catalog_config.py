"""The layer file format: strict models, clear messages naming file and field, committed schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from gisapp.catalog import load_catalog
from gisapp.catalog.loader import load_layer
from gisapp.catalog.schema_export import render_schema
from gisapp.errors import CatalogError
from gisapp.settings import PROJECT_ROOT

LAYERS = PROJECT_ROOT / "layers"
MINIMAL = """
title: {vi: Thử, en: Test}
source: {type: table, id_column: id, geometry_type: MultiPolygon}
properties:
  - {name: code, type: string, title: {vi: Mã, en: Code}}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_layer_loads_in_drawing_order() -> None:
    catalog = load_catalog(LAYERS)
    assert catalog.ids() == [
        "provinces",
        "communes",
        "pollution_buffers",
        "water_work_service_areas",
        "growing_areas",
        "growing_area_dossiers",
        "household_plots",
        "overlap_conflicts",
        "packing_houses",  # points on top of every area
        "water_works",
        "pollution_sources",
        "citizen_reports",  # staff only
    ]
    assert catalog.get("growing-areas").id == "growing_areas"


def test_committed_json_schema_is_current() -> None:
    assert (LAYERS / "_schema.json").read_text(encoding="utf-8") == render_schema(), (
        "layers/_schema.json is stale: run `gisapp catalog schema`"
    )


def test_minimal_layer_gets_defaults(tmp_path: Path) -> None:
    layer = load_layer(write(tmp_path, "plots.yaml", MINIMAL))
    assert layer.id == "plots"
    assert layer.config.zoom.min == 0
    assert layer.config.style.default.fill_color == "#9e9e9e"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MINIMAL + "colour: red\n", "field 'colour': unknown key"),
        (MINIMAL.replace("type: string", "type: text"), "field 'properties.0.type'"),
        (MINIMAL + "zoom: {min: 12, max: 4}\n", "zoom.min (12) is above zoom.max (4)"),
        (MINIMAL + "style: {property: crop}\n", "style.property 'crop' is not one of the public properties"),
        (MINIMAL + "private_properties: [code]\n", "code cannot be both public and private"),
        (MINIMAL + "style: {default: {fill_color: green}}\n", "field 'style.default.fill_color'"),
        (MINIMAL.replace("id_column: id", "id_column: 'id; drop table x'"), "field 'source.id_column'"),
        ("title: [unclosed\n", "not valid YAML"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_broken_layer_file_names_file_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "plots.yaml", text)
    with pytest.raises(CatalogError) as caught:
        load_layer(path)
    assert str(path) in caught.value.message
    assert message in caught.value.message


def test_file_name_must_be_a_snake_case_id(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="snake_case layer id"):
        load_layer(write(tmp_path, "Growing-Areas.yaml", MINIMAL))


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="holds no layer file"):
        load_catalog(tmp_path)


def test_unknown_collection_lists_known_ones() -> None:
    from gisapp.errors import NotFound

    with pytest.raises(NotFound, match=r"Known collections: provinces, communes, .*growing_areas"):
        load_catalog(LAYERS).get("rivers")
