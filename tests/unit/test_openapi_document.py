"""The OpenAPI document stays usable: valid OpenAPI 3.1 by the spec's own schema, and every `$ref` in
it resolves inside the document."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import validate

from gisapp.app import create_app
from gisapp.settings import Settings


def references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in references(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in references(item)]
    return []


def resolve(document: dict[str, Any], reference: str) -> Any:
    assert reference.startswith("#/"), reference
    node: Any = document
    for part in reference[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_every_reference_resolves_and_record_bodies_are_documented() -> None:
    document = create_app(Settings(database_url="postgresql://unused/unused")).openapi()
    validate(document)  # raises, naming the path in the document, on the first thing that is wrong
    for reference in references(document):
        assert resolve(document, reference) is not None, reference
    inspections = document["paths"]["/api/growing-areas/{area_id}/inspections"]["post"]
    schema = inspections["requestBody"]["content"]["application/json"]["schema"]
    pesticide = schema["properties"]["pesticides_permitted_vn"]
    assert pesticide["maxItems"] == 50 and pesticide["items"]["additionalProperties"] is False
    upload = document["paths"]["/api/growing-areas/{area_id}/attachments"]["post"]["requestBody"]
    assert "multipart/form-data" in upload["content"]
