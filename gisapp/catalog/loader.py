"""Reading `layers/*.yaml` into the catalog; any problem names the file and the field."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from gisapp.catalog.catalog import Catalog, Layer
from gisapp.catalog.config import LayerConfig, is_identifier
from gisapp.errors import CatalogError


def load_layer(path: Path) -> Layer:
    layer_id = path.stem
    if not is_identifier(layer_id):
        raise CatalogError(f"{path}: the file name must be a snake_case layer id, not '{layer_id}'")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: expected a mapping of layer settings at the top level")
    try:
        config = LayerConfig.model_validate(raw)
    except ValidationError as exc:
        raise CatalogError(f"{path}: {_describe(exc)}") from exc
    return Layer(layer_id, config)


def load_catalog(directory: Path) -> Catalog:
    """Every `*.yaml` in `directory` except those starting with `_`."""
    if not directory.is_dir():
        raise CatalogError(f"The layers folder {directory} does not exist.")
    files = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))
    if not files:
        raise CatalogError(f"The layers folder {directory} holds no layer file (*.yaml).")
    return Catalog([load_layer(path) for path in files])


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown key (check its spelling against layers/_schema.json)"
        problems.append(f"field '{where}': {message}")
    return "; ".join(problems)
