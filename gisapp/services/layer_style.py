"""A layer's colours for one class value (its style class over the default): one look everywhere,
on the map, the verification page and printed sheets."""

from __future__ import annotations

from typing import Any

from gisapp.catalog import Layer


def status_style(layer: Layer, status: str) -> dict[str, Any]:
    style = layer.config.style
    colours = style.default.model_dump()
    for entry in style.classes:
        if entry.value == status:
            colours |= entry.model_dump(exclude_none=True, exclude={"value", "label"})
    return colours
