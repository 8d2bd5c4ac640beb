"""`/api/risk/...`: what lies near pollution sources that exceeded their regulation."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from gisapp.api.deps import OptionalUser, SessionDep
from gisapp.api.pollution_sources import AreasLayer, WithinM
from gisapp.services import pollution_risk

router = APIRouter(prefix="/api/risk", tags=["Pollution sources"])


@router.get(
    "/growing-areas",
    summary="Growing areas within a distance of sources with an exceedance since a date (public fields)",
)
def growing_areas(
    session: SessionDep,
    reader: OptionalUser,
    areas: AreasLayer,
    exceedance_since: Annotated[date, Query(description="Exceeding on or after (YYYY-MM-DD)")],
    within_m: WithinM = None,
) -> dict[str, Any]:
    return pollution_risk.growing_areas_at_risk(
        session, areas, reader, since=exceedance_since, within_m=within_m
    )
