"""The app factory: `uvicorn --factory gisapp.app:create_app`."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES
from starlette.types import Receive, Scope, Send

from gisapp import __version__
from gisapp.api import (
    admin_units,
    attachments,
    auth,
    citizen_reports,
    crops,
    environment_summary,
    health,
    inspections,
    lookup,
    map_layers,
    ogc_features,
    ogc_landing,
    ogc_tiles,
    registry_table,
    risk,
    seasons,
    sheets,
    users,
    verify,
)
from gisapp.api.errors import install_error_handlers
from gisapp.api.features import feature_router
from gisapp.api.head_requests import HeadAsGet
from gisapp.api.nul_guard import NulGuard
from gisapp.api.ogc_cors import OgcCors
from gisapp.api.ogc_links import MVT
from gisapp.api.packing_houses import packing_router
from gisapp.api.pollution_sources import pollution_router
from gisapp.api.registry import registry_router
from gisapp.api.tile_fast_path import TileFastPath
from gisapp.api.water_works import water_router
from gisapp.api.web import mount_web
from gisapp.catalog import load_catalog
from gisapp.catalog.checks import check_catalog
from gisapp.db import database_url, make_engine, make_session_factory
from gisapp.services.read_pool import PooledReader
from gisapp.services.tile_cache import TileCache
from gisapp.services.tile_delivery import TileDelivery
from gisapp.services.version_feed import VersionFeed
from gisapp.settings import Settings

log = logging.getLogger("gisapp")


def _freeze_startup_objects() -> None:
    """Keep the collector off everything loaded at start-up (modules, catalog, statements).

    Full collections otherwise walk those hundreds of thousands of objects again and again, and each
    walk stalls every request in flight on this process (the bench's p99 at z14-z15).
    """
    gc.collect()
    gc.freeze()


class GisappAPI(FastAPI):
    """FastAPI with the public tile fast path in front of all of it, then HEAD and CORS for the rest.

    FastAPI checks for OpenTelemetry providers on every request before its middleware stack: 8 % of
    the instructions a z15 tile costs the worker (bench/instructions.py), of no use to a tile the fast
    path answers. It hands every other request, and any failure, to FastAPI, so the tiles it answers
    are not traced even when OpenTelemetry is set up; every other request is."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # HEAD and CORS behind the fast path: it serves both itself, so a plain GET pays for neither
        self.front = TileFastPath(HeadAsGet(OgcCors(super().__call__)), self.state)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.front(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    catalog = load_catalog(settings.layers_dir)  # a broken layer file stops us before anything starts

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        url = database_url(settings)
        engine = make_engine(url, settings, read_only=True)
        with engine.connect() as connection:
            app.state.catalog = check_catalog(connection, catalog, str(settings.layers_dir))
        app.state.engine = engine
        app.state.session_factory = make_session_factory(engine)
        # Writes are few: a small pool with no overflow, so several processes stay under max_connections.
        size = settings.db_write_pool_size
        write_engine = make_engine(
            url, settings.model_copy(update={"db_pool_size": size, "worker_threads": size})
        )
        app.state.write_session_factory = make_session_factory(write_engine)
        reader = PooledReader(url, settings)
        await reader.open()
        app.state.reader = reader
        feed = VersionFeed(url)
        await feed.start()
        cache = TileCache(settings.tile_cache_mb * 1024 * 1024)
        app.state.tile_delivery = TileDelivery(reader, feed, cache)
        log.info("gisapp %s ready with layers %s", __version__, ", ".join(catalog.ids()))
        _freeze_startup_objects()
        yield
        gc.unfreeze()  # collectable again once the app stops (tests start many apps in one process)
        await feed.stop()
        await reader.close()
        engine.dispose()
        write_engine.dispose()

    app = GisappAPI(
        title="gisapp",
        summary="Bản đồ nông nghiệp số — digital agricultural map of Vietnam",
        version=__version__,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.catalog = catalog
    install_error_handlers(app)
    # zlib's level 6, not Starlette's 9: on a 44 KB page of GeoJSON features 0.6 ms instead of 1.7 ms,
    # for 1 % more bytes (issue 3). Tiles are compressed on their own path (api/tile_answer.py), with
    # an ETag for each coding, so the middleware leaves them alone.
    skipped = (*DEFAULT_EXCLUDED_CONTENT_TYPES, MVT)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6, exclude_content_types=skipped)
    app.add_middleware(NulGuard)  # added last, so it sees every request first
    for router in (
        lookup.router,  # first: routes are matched in order, and farmers' lookups are the busiest
        ogc_landing.router,
        ogc_features.router,
        ogc_tiles.router,
        map_layers.router,
        health.router,
        auth.router,
        users.router,
        admin_units.router,
        crops.router,
        verify.router,
        citizen_reports.router,
        environment_summary.router,
    ):
        app.include_router(router)
    registry = registry_router(catalog)
    for extra in (registry, packing_router(catalog), water_router(catalog)):
        if extra is not None:
            app.include_router(extra)
    pollution = pollution_router(catalog)
    if pollution is not None:
        app.include_router(pollution)
        app.include_router(risk.router)
    if registry is not None:  # the registry's side records need the growing_areas layer
        app.include_router(registry_table.router)
        app.include_router(sheets.router)
        for records in (seasons.router, inspections.router, attachments.router):
            app.include_router(records)
    app.include_router(feature_router(catalog))
    mount_web(app, settings.static_dir)
    return app
