"""The loaded catalog: layers by id, in drawing order, with what the database check learned."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from geoalchemy2 import Geometry
from sqlalchemy import ARRAY, ColumnClause, ColumnElement, String, TableClause, any_, column, literal, table

from gisapp.catalog.config import LayerConfig, Property, kebab
from gisapp.errors import NotFound


@dataclass(frozen=True)
class Layer:
    """A published layer: its id (= file stem = relation = collection id) and its config."""

    id: str
    config: LayerConfig
    base_tables: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return kebab(self.id)

    @cached_property
    def fingerprint(self) -> str:
        """Changes when the file changes, so cached tiles made under an old style expire."""
        return hashlib.sha256(self.config.model_dump_json().encode()).hexdigest()[:12]

    @property
    def staff_only(self) -> bool:
        return self.config.access == "staff"

    @property
    def id_column(self) -> str:
        return self.config.source.id_column

    @property
    def geometry_column(self) -> str:
        return self.config.source.geometry_column

    @property
    def properties(self) -> tuple[Property, ...]:
        return self.config.properties

    def property(self, name: str) -> Property | None:
        return next((p for p in self.config.properties if p.name == name), None)

    def published(self, rel: TableClause) -> ColumnElement[bool] | None:
        """The condition every published row meets (None: all rows are published)."""
        rows = self.config.published_rows
        if rows is None:
            return None
        # `= ANY(array)`, one parameter: the tile path compiles its statement once to driver SQL.
        return rel.c[rows.property] == any_(literal(list(rows.values), ARRAY(String())))

    @cached_property
    def relation_with_private(self) -> TableClause:
        """The same relation naming the private columns too: only for callers cleared to see them."""
        columns: list[ColumnClause[object]] = [column(self.id_column)]
        names = [p.name for p in self.properties] + list(self.config.private_properties)
        columns += [column(name) for name in names if name != self.id_column]
        geometry = column(self.geometry_column, Geometry(srid=self.config.source.srid))
        return table(self.id, *columns, geometry)

    @cached_property
    def relation(self) -> TableClause:
        """A Core table clause naming only public columns: private ones cannot be selected by accident."""
        columns: list[ColumnClause[object]] = [column(self.id_column)]
        columns += [column(p.name) for p in self.properties if p.name != self.id_column]
        geometry = column(
            self.geometry_column,
            Geometry(srid=self.config.source.srid),
        )
        return table(self.id, *columns, geometry)


class Catalog:
    """Every layer of `layers/`, in drawing order."""

    def __init__(self, layers: list[Layer]) -> None:
        ordered = sorted(layers, key=lambda layer: (layer.config.draw_order, layer.id))
        self._layers = {layer.id: layer for layer in ordered}
        self._by_path = {layer.path: layer for layer in ordered}

    def __iter__(self) -> Iterator[Layer]:
        return iter(self._layers.values())

    def __len__(self) -> int:
        return len(self._layers)

    def visible_to(self, signed_in: bool) -> list[Layer]:
        """The layers a caller may see listed: staff-only layers need a signed-in caller."""
        return [layer for layer in self if signed_in or not layer.staff_only]

    def ids(self) -> list[str]:
        return list(self._layers)

    def find(self, layer_id: str) -> Layer | None:
        """The layer with this collection id (or its kebab-case path form), if there is one."""
        return self._layers.get(layer_id) or self._by_path.get(layer_id)

    def get(self, layer_id: str) -> Layer:
        """The layer with this collection id (or its kebab-case path form), or NotFound."""
        layer = self.find(layer_id)
        if layer is None:
            known = ", ".join(self._layers)
            raise NotFound(f"No collection '{layer_id}'. Known collections: {known}.")
        return layer

    def with_base_tables(self, base_tables: dict[str, tuple[str, ...]]) -> Catalog:
        return Catalog([Layer(layer.id, layer.config, base_tables.get(layer.id, ())) for layer in self])
