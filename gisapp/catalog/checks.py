"""Start-up check of the catalog against the live database: drift stops the app, naming file and field."""

from __future__ import annotations

from sqlalchemy import Connection, TextClause

from gisapp.catalog.catalog import Catalog, Layer
from gisapp.errors import CatalogError
from gisapp.sql import load_sql

RELATION_KINDS = {"r": "table", "p": "table", "v": "view", "m": "view"}


def _sql(name: str) -> TextClause:
    return load_sql("gisapp.catalog", name)


def check_catalog(connection: Connection, catalog: Catalog, layers_dir: str = "layers") -> Catalog:
    """Raise CatalogError listing every problem; return the catalog with each layer's base tables."""
    problems: list[str] = []
    base_tables: dict[str, tuple[str, ...]] = {}
    for layer in catalog:
        where = f"{layers_dir}/{layer.id}.yaml"
        found, tables = _check_layer(connection, layer)
        problems += [f"{where}: {p}" for p in found]
        base_tables[layer.id] = tables
    if problems:
        raise CatalogError(
            "The layer catalog does not match the database (run `gisapp migrate`?):\n  "
            + "\n  ".join(problems)
        )
    return catalog.with_base_tables(base_tables)


def _check_layer(connection: Connection, layer: Layer) -> tuple[list[str], tuple[str, ...]]:
    source = layer.config.source
    kind_code = connection.execute(_sql("relation_kind"), {"name": layer.id}).scalar()
    if kind_code is None:
        return [f"field 'source': no table or view named '{layer.id}' in the database"], ()
    kind = RELATION_KINDS.get(str(kind_code), "other")
    problems = []
    if kind != source.type:
        problems.append(f"field 'source.type': says {source.type} but '{layer.id}' is a {kind}")
    rows = connection.execute(_sql("columns"), {"name": layer.id}).all()
    columns: dict[str, str] = {str(name): str(udt) for name, udt in rows}
    wanted = {"source.id_column": source.id_column, "source.geometry_column": source.geometry_column}
    wanted |= {f"properties.{p.name}": p.name for p in layer.properties}
    wanted |= {f"private_properties.{name}": name for name in layer.config.private_properties}
    for field, name in wanted.items():
        if name not in columns:
            problems.append(f"field '{field}': '{layer.id}' has no column '{name}'")
    id_udt = columns.get(source.id_column)
    if id_udt and _id_type(str(id_udt)) != source.id_type:
        problems.append(f"field 'source.id_type': says {source.id_type} but '{source.id_column}' is {id_udt}")
    problems += _check_geometry(connection, layer)
    problems += _check_overview(connection, layer)
    tables, index_problems = _spatial_sources(connection, layer, kind)
    return problems + index_problems, tables


def _check_overview(connection: Connection, layer: Layer) -> list[str]:
    overview = layer.config.overview
    if overview is None:
        return []
    if connection.execute(_sql("relation_kind"), {"name": overview.source}).scalar() is None:
        return [f"field 'overview.source': no table or view named '{overview.source}'"]
    found = {str(name) for name, _ in connection.execute(_sql("columns"), {"name": overview.source})}
    wanted = ["zoom", "cx", "cy", "plots", overview.class_property, *(p.name for p in overview.properties)]
    return [
        f"field 'overview': '{overview.source}' has no column '{name}'"
        for name in wanted
        if name not in found
    ]


def _id_type(udt_name: str) -> str:
    return "integer" if udt_name in {"int2", "int4", "int8"} else "string"


def _check_geometry(connection: Connection, layer: Layer) -> list[str]:
    source = layer.config.source
    row = connection.execute(
        _sql("geometry_column"), {"name": layer.id, "column": source.geometry_column}
    ).first()
    if row is None:
        return [f"field 'source.geometry_column': '{source.geometry_column}' is not a PostGIS geometry"]
    db_type, srid = str(row[0]).upper(), int(row[1])
    problems = []
    if srid != source.srid:
        problems.append(f"field 'source.srid': says {source.srid} but the column has SRID {srid}")
    if source.geometry_type != "Geometry" and db_type != source.geometry_type.upper():
        problems.append(
            f"field 'source.geometry_type': says {source.geometry_type} but the column holds {db_type}"
        )
    return problems


def _spatial_sources(connection: Connection, layer: Layer, kind: str) -> tuple[tuple[str, ...], list[str]]:
    """The tables whose writes change this layer, and complaints about missing spatial indexes."""
    if kind == "view":
        tables = tuple(connection.execute(_sql("view_base_tables"), {"name": layer.id}).scalars())
        geometry_sources = [
            (str(t), str(c)) for t, c in connection.execute(_sql("view_geometry_sources"), {"name": layer.id})
        ]
    else:
        tables = (layer.id,)
        geometry_sources = [(layer.id, layer.geometry_column)]
    problems = []
    for table_name, column_name in geometry_sources:
        index = connection.execute(
            _sql("spatial_index"), {"table": table_name, "column": column_name}
        ).first()
        if index is None:
            problems.append(
                f"field 'source.geometry_column': {table_name}.{column_name} has no spatial (GiST) index"
            )
    return tables, problems
