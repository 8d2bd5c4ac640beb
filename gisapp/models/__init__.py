"""Stored entities, one per module; importing this package registers them all on `Base.metadata`."""

from gisapp.models.admin_unit import AdminUnit
from gisapp.models.audit_record import AuditRecord
from gisapp.models.auth_token import AuthToken
from gisapp.models.base import Base
from gisapp.models.commune_crosswalk import CommuneCrosswalk
from gisapp.models.growing_area import GrowingArea
from gisapp.models.growing_area_cell import GrowingAreaCell
from gisapp.models.table_version import TableVersion
from gisapp.models.user import User

__all__ = [
    "AdminUnit",
    "AuditRecord",
    "AuthToken",
    "Base",
    "CommuneCrosswalk",
    "GrowingArea",
    "GrowingAreaCell",
    "TableVersion",
    "User",
]
