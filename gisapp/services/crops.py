"""The crop catalogue as forms need it: every crop a growing area may hold, with its minimum area."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.models import Crop


@dataclass(frozen=True)
class CropEntry:
    name: str  # Vietnamese, the key growing areas store
    name_en: str
    lifecycle: str  # perennial or annual
    min_area_ha: Decimal


def list_crops(session: Session) -> list[CropEntry]:
    """All crops of the catalogue, by Vietnamese name."""
    query = select(Crop.name, Crop.name_en, Crop.lifecycle, Crop.min_area_ha).order_by(Crop.name)
    return [CropEntry(*row) for row in session.execute(query).all()]
