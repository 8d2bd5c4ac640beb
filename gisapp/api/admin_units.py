"""`/api/admin-units`: names and codes of the units in force, for scope pickers and forms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gisapp.api.deps import SessionDep
from gisapp.schemas.users import AdminUnitOut, AdminUnitsOut
from gisapp.services import admin_units

router = APIRouter(prefix="/api", tags=["Map"])


@router.get("/admin-units", response_model=AdminUnitsOut, summary="Provinces, or one province's communes")
def list_admin_units(
    session: SessionDep,
    province: Annotated[
        str | None, Query(pattern=r"^[0-9]{2}$", description="A province code: list its communes")
    ] = None,
) -> AdminUnitsOut:
    """Public: the same names the map's tiles carry, without geometry."""
    units = admin_units.list_units(session, province)
    return AdminUnitsOut(units=[AdminUnitOut(level=u.level, code=u.code, name=u.name) for u in units])
