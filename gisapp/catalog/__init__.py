"""The layer catalog: what `layers/` declares, validated, and checked against the database."""

from gisapp.catalog.catalog import Catalog, Layer
from gisapp.catalog.loader import load_catalog

__all__ = ["Catalog", "Layer", "load_catalog"]
