"""Real OGC clients read every collection: GDAL (ogrinfo and pyogrio's bundled GDAL) and OWSLib."""

from __future__ import annotations

import shutil
import subprocess

import pyogrio
import pytest
from owslib.ogcapi.features import Features

from gisapp.catalog import load_catalog
from gisapp.settings import PROJECT_ROOT

COLLECTIONS = [
    "provinces",
    "communes",
    "growing_areas",
    "water_work_service_areas",
    "water_works",
    "pollution_buffers",
    "pollution_sources",
]  # the ones the demo data fills
PUBLIC = {layer.id for layer in load_catalog(PROJECT_ROOT / "layers").visible_to(signed_in=False)}


def test_pyogrio_gdal_reads_every_collection(live_server: str) -> None:
    layers = {name for name, _ in pyogrio.list_layers(f"OAPIF:{live_server}/ogc")}
    assert set(COLLECTIONS) <= layers
    frame = pyogrio.read_dataframe(f"OAPIF:{live_server}/ogc", layer="provinces")
    assert len(frame) == 34
    assert "Lâm Đồng" in set(frame["name"])
    areas = pyogrio.read_dataframe(f"OAPIF:{live_server}/ogc", layer="growing_areas", max_features=50)
    assert len(areas) == 50 and areas.geometry.is_valid.all()


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin is installed by `make test`")
def test_ogrinfo_lists_and_reads(live_server: str) -> None:
    listing = subprocess.run(
        ["ogrinfo", "-ro", "-q", f"OAPIF:{live_server}/ogc"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    for name in COLLECTIONS:
        assert name in listing
    summary = subprocess.run(
        ["ogrinfo", "-ro", "-so", "-al", f"OAPIF:{live_server}/ogc", "provinces"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "Feature Count: 34" in summary


def test_owslib_reads_collections_and_items(live_server: str) -> None:
    api = Features(f"{live_server}/ogc")
    assert {c["id"] for c in api.collections()["collections"]} == PUBLIC
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    for name in COLLECTIONS:
        items = api.collection_items(name, limit=5)
        assert len(items["features"]) == 5, name
        assert api.collection(name)["id"] == name
    queryables = api.collection_queryables("growing_areas")
    assert "crop" in queryables["properties"]


def test_pyogrio_gdal_reads_vector_tiles_through_ogc_api_tiles(live_server: str) -> None:
    """GDAL's OGCAPI driver follows collection → tilesets → tileset → TileMatrixSet 2.0 → MVT tiles.
    The area is given in EPSG:3857 because GDAL applies the collection's CRS84 extent to the tile
    matrix set's metres as it stands (README, "Point QGIS or GDAL at it")."""
    source = f"OGCAPI:{live_server}/ogc/collections/growing_areas"
    assert "Zoom level 14" in {name for name, _ in pyogrio.list_layers(source)}
    one = pyogrio.read_dataframe(f"OAPIF:{live_server}/ogc", layer="growing_areas", max_features=1)
    x, y = one.to_crs(3857).geometry.iloc[0].representative_point().coords[0]
    box = {"MINX": x - 1000, "MINY": y - 1000, "MAXX": x + 1000, "MAXY": y + 1000}
    tiles = pyogrio.read_dataframe(source, layer="Zoom level 14", **box)
    assert len(tiles) >= 1
    assert {"code", "crop", "status"} <= set(tiles.columns)
    private = {"representative_name", "representative_phone", "representative_id_number"}
    assert not private & set(tiles.columns)
    assert tiles.crs is not None and tiles.crs.to_epsg() == 3857
