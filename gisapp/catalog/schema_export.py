"""The JSON Schema of a layer file, generated from the models and committed as layers/_schema.json."""

from __future__ import annotations

import json
from pathlib import Path

from gisapp.catalog.config import LayerConfig


def layer_schema() -> dict[str, object]:
    schema = LayerConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "gisapp layer"
    return schema


def render_schema() -> str:
    return json.dumps(layer_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(path: Path) -> bool:
    """Write the schema; True when the file changed."""
    text = render_schema()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
