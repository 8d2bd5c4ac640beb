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
