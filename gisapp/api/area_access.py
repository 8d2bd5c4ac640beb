"""Who may add records (seasons, inspections, attachments) to a growing area, checked before the body.

A dependency, so a viewer or an officer out of scope hears 403 before a body is parsed or a file
streamed in; the services check again inside their transaction, on the locked row.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from gisapp.api.deps import CurrentUser, RowId, SessionDep
from gisapp.api.registry import RegistryLayer
from gisapp.services.authorization import require_write
from gisapp.services.feature_writes import snapshot


def _area_writable(area_id: RowId, session: SessionDep, user: CurrentUser, layer: RegistryLayer) -> int:
    """The id of an existing area the caller may write to (else 404 or 403)."""
    commune = snapshot(session, layer, area_id)["properties"].get("commune_code")
    require_write(session, user, layer, commune)
    return area_id


AreaWritable = Annotated[int, Depends(_area_writable)]
