"""The catalog is checked against the live database at start-up; drift names the file and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from gisapp.catalog import load_catalog
from gisapp.catalog.catalog import Catalog
from gisapp.catalog.checks import check_catalog
from gisapp.catalog.loader import load_layer
from gisapp.errors import CatalogError
from gisapp.settings import PROJECT_ROOT

LAYERS = PROJECT_ROOT / "layers"


def test_shipped_catalog_matches_and_knows_base_tables(connection: Connection) -> None:
    catalog = check_catalog(connection, load_catalog(LAYERS))
    assert catalog.get("communes").base_tables == ("admin_units",)
    assert catalog.get("growing_areas").base_tables == ("growing_areas",)


def drifted(tmp_path: Path, source: str, old: str, new: str) -> Catalog:
    text_ = (LAYERS / f"{source}.yaml").read_text(encoding="utf-8").replace(old, new)
    assert text_ != (LAYERS / f"{source}.yaml").read_text(encoding="utf-8")
    path = tmp_path / f"{source}.yaml"
    path.write_text(text_, encoding="utf-8")
    return Catalog([load_layer(path)])


@pytest.mark.parametrize(
    ("source", "old", "new", "message"),
    [
        (
            "growing_areas",
            "name: commune_code,",
            "name: commune,",
            "field 'properties.commune': 'growing_areas' has no column",
        ),
        (
            "growing_areas",
            "type: table",
            "type: view",
            "field 'source.type': says view but 'growing_areas' is a table",
        ),
        (
            "growing_areas",
            "geometry_type: MultiPolygon",
            "geometry_type: Point",
            "field 'source.geometry_type'",
        ),
        ("communes", "id_type: string", "id_type: integer", "field 'source.id_type'"),
        ("provinces", "id_column: code", "id_column: gso_code", "field 'source.id_column'"),
    ],
)
def test_drift_is_reported(
    tmp_path: Path, connection: Connection, source: str, old: str, new: str, message: str
) -> None:
    with pytest.raises(CatalogError) as caught:
        check_catalog(connection, drifted(tmp_path, source, old, new), "layers")
    assert f"layers/{source}.yaml" in caught.value.message
    assert message in caught.value.message


def test_missing_relation_and_missing_spatial_index(tmp_path: Path, connection: Connection) -> None:
    connection.execute(
        text("CREATE TABLE plots (id serial PRIMARY KEY, code text, geom geometry(MultiPolygon, 4326))")
    )
    path = tmp_path / "plots.yaml"
    path.write_text(
        "title: {vi: Thửa, en: Plots}\nsource: {type: table, id_column: id, geometry_type: MultiPolygon}\n"
        "properties: [{name: code, type: string, title: {vi: Mã, en: Code}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match=r"plots.geom has no spatial \(GiST\) index"):
        check_catalog(connection, Catalog([load_layer(path)]))
    connection.execute(text("DROP TABLE plots"))
    with pytest.raises(CatalogError, match="no table or view named 'plots'"):
        check_catalog(connection, Catalog([load_layer(path)]))


def test_app_refuses_to_start_on_drift(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from gisapp.app import create_app

    for path in LAYERS.glob("*.yaml"):
        (tmp_path / path.name).write_text(
            path.read_text(encoding="utf-8").replace("name: commune_code,", "name: kind,"), encoding="utf-8"
        )
    app = create_app(settings.model_copy(update={"layers_dir": tmp_path}))
    with pytest.raises(CatalogError, match=r"growing_areas\.yaml: field 'properties\.kind'"), TestClient(app):
        pass


def test_app_refuses_a_broken_layer_file(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from gisapp.app import create_app

    (tmp_path / "roads.yaml").write_text("title: {vi: Đường}\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"roads\.yaml: field 'title\.en'"):
        create_app(settings.model_copy(update={"layers_dir": tmp_path}))
