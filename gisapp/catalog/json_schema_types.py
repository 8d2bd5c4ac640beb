"""The JSON Schema of each property type a layer file may declare (queryables, tileset metadata)."""

from __future__ import annotations

JSON_SCHEMA_TYPES: dict[str, dict[str, object]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "json": {"type": ["array", "object"]},
}
