"""Tileset metadata (OGC API Tiles) and TileJSON for a catalog layer."""

from __future__ import annotations

from gisapp.catalog import Layer
from gisapp.catalog.json_schema_types import JSON_SCHEMA_TYPES
from gisapp.services.layer_extent import Extent
from gisapp.services.tile_matrix import TILE_MATRIX_SET_ID, web_mercator_quad

MVT = "application/vnd.mapbox-vector-tile"
VIETNAM = (102.0, 8.0, 110.0, 24.0)


def tile_template(base: str, layer: Layer) -> str:
    return f"{base}/ogc/collections/{layer.id}/tiles/{TILE_MATRIX_SET_ID}/{{z}}/{{y}}/{{x}}"


def _ogc_template(base: str, layer: Layer) -> str:
    return (
        f"{base}/ogc/collections/{layer.id}/tiles/{TILE_MATRIX_SET_ID}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}"
    )


def tileset_summary(base: str, layer: Layer) -> dict[str, object]:
    tms = web_mercator_quad()
    href = f"{base}/ogc/collections/{layer.id}/tiles/{TILE_MATRIX_SET_ID}"
    return {
        "title": f"{layer.config.title.vi} ({TILE_MATRIX_SET_ID})",
        "dataType": "vector",
        "crs": str(tms.crs.root),
        "tileMatrixSetURI": str(tms.uri),
        "links": [
            {"href": href, "rel": "self", "type": "application/json"},
            {
                "href": f"{base}/ogc/tileMatrixSets/{TILE_MATRIX_SET_ID}",
                "rel": "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                "type": "application/json",
            },
            {"href": _ogc_template(base, layer), "rel": "item", "type": MVT, "templated": True},
        ],
    }


def tileset_metadata(base: str, layer: Layer) -> dict[str, object]:
    tms = web_mercator_quad()
    zoom = layer.config.zoom
    limits = []
    for z in range(zoom.min, zoom.max + 1):
        matrix = tms.matrix(z)
        limits.append(
            {
                "tileMatrix": str(z),
                "minTileRow": 0,
                "maxTileRow": matrix.matrixHeight - 1,
                "minTileCol": 0,
                "maxTileCol": matrix.matrixWidth - 1,
            }
        )
    document = tileset_summary(base, layer)
    document["tileMatrixSetLimits"] = limits
    document["layers"] = [
        {
            "id": layer.id,
            "title": layer.config.title.vi,
            "dataType": "vector",
            "geometryDimension": _dimension(layer.config.source.geometry_type),
            "minTileMatrix": str(zoom.min),
            "maxTileMatrix": str(zoom.max),
            "propertiesSchema": {
                "type": "object",
                "properties": _properties_schema(layer),
            },
        }
    ]
    return document


def tilejson(base: str, layer: Layer, extent: Extent | None) -> dict[str, object]:
    zoom = layer.config.zoom
    west, south, east, north = extent or VIETNAM
    return {
        "tilejson": "3.0.0",
        "name": layer.config.title.vi,
        "description": layer.config.description.vi if layer.config.description else layer.config.title.en,
        "scheme": "xyz",
        "tiles": [tile_template(base, layer)],
        "minzoom": zoom.min,
        "maxzoom": zoom.max,
        "bounds": [west, south, east, north],
        "center": [(west + east) / 2, (south + north) / 2, max(zoom.min, min(zoom.max, 8))],
        "vector_layers": [
            {
                "id": layer.id,
                "description": layer.config.title.en,
                "minzoom": zoom.min,
                "maxzoom": zoom.max,
                "fields": {name: title for name, title, _ in tile_fields(layer)},
            }
        ],
    }


def tile_fields(layer: Layer) -> list[tuple[str, str, str]]:
    """(name, Vietnamese title, type) of every property a tile of the layer may carry: its features'
    (JSON ones stay out of tiles, services/vector_tiles.py) and, up to the overview's zoom, its cells'
    (the main class and the listed counts; `area_ha` there is the cell's total), so a style written
    from the metadata knows the low-zoom fields too."""
    fields: dict[str, tuple[str, str]] = {
        p.name: (p.title.vi, p.type) for p in layer.properties if p.type != "json"
    }
    overview = layer.config.overview
    if overview is None:
        return [(name, title, kind) for name, (title, kind) in fields.items()]
    main = fields.get(overview.class_property, (overview.class_property, "string"))
    cells = [(overview.class_property, f"{main[0]} chính của ô", main[1])]
    cells += [(p.name, p.title.vi, p.type) for p in overview.properties]
    for name, title, kind in cells:
        at_low_zoom = f"zoom ≤ {overview.max_zoom}: {title}"
        known = fields.get(name)
        fields[name] = (f"{known[0]}; {at_low_zoom}", known[1]) if known else (at_low_zoom, kind)
    return [(name, title, kind) for name, (title, kind) in fields.items()]


def _properties_schema(layer: Layer) -> dict[str, object]:
    return {name: {"title": title, **JSON_SCHEMA_TYPES[kind]} for name, title, kind in tile_fields(layer)}


def _dimension(geometry_type: str) -> int | None:
    if "Point" in geometry_type:
        return 0
    if "Line" in geometry_type:
        return 1
    return 2 if "Polygon" in geometry_type else None
