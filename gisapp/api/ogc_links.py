"""Link objects and collection documents shared by the OGC routers."""

from __future__ import annotations

from urllib.parse import urlencode

from gisapp.catalog import Layer
from gisapp.services.feature_query import CRS84
from gisapp.services.layer_extent import Extent

JSON = "application/json"
GEOJSON = "application/geo+json"
MVT = "application/vnd.mapbox-vector-tile"
SCHEMA_JSON = "application/schema+json"


def link(
    href: str, rel: str, type_: str = JSON, title: str | None = None, **extra: object
) -> dict[str, object]:
    item: dict[str, object] = {"href": href, "rel": rel, "type": type_}
    if title:
        item["title"] = title
    item.update(extra)
    return item


def with_query(url: str, params: list[tuple[str, str]], **changes: str) -> str:
    """`url` with the request's parameters kept in order and `changes` applied."""
    kept = [(k, v) for k, v in params if k not in changes]
    query = urlencode(kept + list(changes.items()))
    return f"{url}?{query}" if query else url


def collection_document(base: str, layer: Layer, extent: Extent | None) -> dict[str, object]:
    href = f"{base}/ogc/collections/{layer.id}"
    title = layer.config.title
    document: dict[str, object] = {
        "id": layer.id,
        "title": title.vi,
        "description": layer.config.description.vi if layer.config.description else title.en,
        "itemType": "feature",
        "crs": [CRS84],
        "links": [
            link(href, "self", title=title.vi),
            link(f"{href}/items", "items", GEOJSON, "Features (GeoJSON)"),
            link(
                f"{href}/queryables",
                "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                SCHEMA_JSON,
                "Queryables",
            ),
            link(
                f"{href}/tiles",
                "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
                JSON,
                "Vector tilesets",
            ),
        ],
    }
    if extent is not None:
        document["extent"] = {"spatial": {"bbox": [list(extent)], "crs": CRS84}}
    return document
