"""`/api/crops`: the crop catalogue, for the officer's record form (public, read-only)."""

from __future__ import annotations

from fastapi import APIRouter

from gisapp.api.deps import SessionDep
from gisapp.schemas.crops import CropOut, CropsOut
from gisapp.services import crops

router = APIRouter(prefix="/api", tags=["Map"])


@router.get("/crops", response_model=CropsOut, summary="Crops a growing area may hold, with minimum areas")
def list_crops(session: SessionDep) -> CropsOut:
    """Public: names, lifecycle and minimum area (QĐ 3156) of every crop in the catalogue."""
    return CropsOut(
        crops=[
            CropOut(name=c.name, name_en=c.name_en, lifecycle=c.lifecycle, min_area_ha=float(c.min_area_ha))
            for c in crops.list_crops(session)
        ]
    )
