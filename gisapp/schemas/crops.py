"""The crop catalogue as `/api/crops` returns it."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CropOut(BaseModel):
    name: str = Field(description="Vietnamese name: the value a growing area's `crop` holds")
    name_en: str
    lifecycle: str = Field(description="perennial or annual")
    min_area_ha: float = Field(description="The smallest area (ha) a growing area of this crop may have")


class CropsOut(BaseModel):
    crops: list[CropOut]
