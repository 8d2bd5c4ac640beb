"""Dependencies of the packing-house routes: the layer, and a packing house in the caller's scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy import select

from gisapp.api.deps import CatalogDep, CurrentUser, RowId, SessionDep
from gisapp.catalog import Layer
from gisapp.errors import Forbidden, NotFound
from gisapp.models import PackingHouse
from gisapp.services.authorization import may_read_private

LAYER_ID = "packing_houses"


async def _layer(catalog: CatalogDep) -> Layer:
    return catalog.get(LAYER_ID)


PackingLayer = Annotated[Layer, Depends(_layer)]


def _house_in_scope(house_id: RowId, session: SessionDep, user: CurrentUser) -> int:
    """The id of an existing packing house whose commune is in the caller's scope (else 404 or 403)."""
    found = session.execute(select(PackingHouse.commune_code).where(PackingHouse.id == house_id)).first()
    if found is None:
        raise NotFound(f"Không có cơ sở đóng gói #{house_id} / no packing house has id {house_id}.")
    if not may_read_private(session, user, found.commune_code):
        raise Forbidden("Cơ sở đóng gói ngoài phạm vi của bạn / this packing house lies outside your scope.")
    return house_id


HouseInScope = Annotated[int, Depends(_house_in_scope)]
