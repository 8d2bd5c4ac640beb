"""What the public verification page of one code shows: the area as the lookup finds it, the English
name of its crop, and the outline of its commune, so the page can draw both without a basemap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.models import Crop
from gisapp.services.admin_units import commune_outline
from gisapp.services.lookup import Found, lookup_in_session
from gisapp.services.lookup_input import ByCode, LookupRequest


@dataclass(frozen=True)
class VerifiedArea:
    area: Found
    crop_en: str | None
    commune_outline: dict[str, Any] | None


def find_public_area(session: Session, layer: Layer, code: str) -> Found | None:
    """The issued, suspended or revoked area holding this normalised code (official or export)."""
    found = lookup_in_session(session, layer, LookupRequest(ByCode(code), limit=1))
    return found[0] if found else None


def verify(session: Session, layer: Layer, code: str) -> VerifiedArea | None:
    """Everything the page needs, or None: unknown codes and draft dossiers alike do not exist."""
    area = find_public_area(session, layer, code)
    if area is None:
        return None
    crop = area.properties.get("crop")
    crop_en = session.execute(select(Crop.name_en).where(Crop.name == crop)).scalar() if crop else None
    return VerifiedArea(area, crop_en, commune_outline(session, area.properties.get("commune_code")))
