"""`/healthz`: is the database reachable and the catalog loaded."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from gisapp import __version__
from gisapp.api.deps import CatalogDep, SessionDep

router = APIRouter(tags=["Health"])


@router.get("/healthz", summary="Liveness and database check")
def healthz(session: SessionDep, catalog: CatalogDep) -> JSONResponse:
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "version": __version__, "database": "ok", "layers": len(catalog)})
