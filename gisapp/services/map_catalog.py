"""The catalog as the web map draws it: tile URLs, resolved styles and legends."""

from __future__ import annotations

from collections.abc import Iterable

from gisapp.catalog import Layer
from gisapp.catalog.config import DefaultSymbol, StyleClass, Text
from gisapp.schemas.layers import LayerOut, LegendItem, LegendOut, OverviewOut, PropertyOut, StyleOut
from gisapp.services.tile_matrix import TILE_MATRIX_SET_ID


def _legend_item(label: Text, symbol: StyleClass | None, default: DefaultSymbol) -> LegendItem:
    def pick(name: str) -> object:
        value = getattr(symbol, name, None) if symbol else None
        return value if value is not None else getattr(default, name)

    return LegendItem(
        label=label,
        fill_color=str(pick("fill_color")),
        fill_opacity=float(pick("fill_opacity")),  # type: ignore[arg-type]
        stroke_color=str(pick("stroke_color")),
        stroke_width=float(pick("stroke_width")),  # type: ignore[arg-type]
    )


def legend(layer: Layer) -> LegendOut | None:
    config = layer.config
    if not config.legend.show:
        return None
    style = config.style
    items = [_legend_item(c.label, c, style.default) for c in style.classes]
    default_label = style.default_label if style.classes else config.title
    items.append(_legend_item(default_label, None, style.default))
    return LegendOut(title=config.legend.title or config.title, items=items)


def layer_entry(layer: Layer) -> LayerOut:
    config = layer.config
    tiles = f"/ogc/collections/{layer.id}/tiles/{TILE_MATRIX_SET_ID}"
    return LayerOut(
        id=layer.id,
        kind=config.kind,
        title=config.title,
        description=config.description,
        geometry_type=config.source.geometry_type,
        tiles=tiles + "/{z}/{y}/{x}",
        tilejson=tiles + "/tilejson.json",
        source_layer=layer.id,
        minzoom=config.zoom.min,
        maxzoom=config.zoom.max,
        visible=config.visible,
        id_property=layer.id_column,
        properties=[PropertyOut(name=p.name, type=p.type, title=p.title) for p in config.properties],
        style=StyleOut(
            property=config.style.property, default=config.style.default, classes=list(config.style.classes)
        ),
        legend=legend(layer),
        overview=_overview(layer),
    )


def _overview(layer: Layer) -> OverviewOut | None:
    overview = layer.config.overview
    if overview is None:
        return None
    return OverviewOut(
        max_zoom=overview.max_zoom,
        class_property=overview.class_property,
        properties=[PropertyOut(name=p.name, type=p.type, title=p.title) for p in overview.properties],
    )


def map_layers(layers: Iterable[Layer]) -> list[LayerOut]:
    return [layer_entry(layer) for layer in layers]
