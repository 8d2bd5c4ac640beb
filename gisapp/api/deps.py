"""Typed dependencies: handlers receive domain objects or the request ends in a 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from gisapp.catalog import Catalog, Layer
from gisapp.services.tile_delivery import TileDelivery
from gisapp.settings import Settings


# Cheap lookups are `async def` so FastAPI runs them on the event loop, not one thread hop each.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


async def get_tile_delivery(request: Request) -> TileDelivery:
    delivery: TileDelivery = request.app.state.tile_delivery
    return delivery


def get_write_session(request: Request) -> Iterator[Session]:
    """A transaction for one request's writes: committed when the handler returns, else rolled back."""
    with request.app.state.write_session_factory() as session, session.begin():
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
WriteSessionDep = Annotated[Session, Depends(get_write_session)]
TileDeliveryDep = Annotated[TileDelivery, Depends(get_tile_delivery)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
SessionDep = Annotated[Session, Depends(get_session)]


async def get_layer(
    catalog: CatalogDep,
    collection_id: Annotated[str, Path(alias="collectionId", description="Layer id, e.g. growing_areas")],
) -> Layer:
    return catalog.get(collection_id)


LayerDep = Annotated[Layer, Depends(get_layer)]


def base_url(request: Request, settings: Settings) -> str:
    """Where clients reach us: the configured public URL, else what the request says."""
    return settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")
