"""Stored entities, one per module; importing this package registers them all on `Base.metadata`."""

from gisapp.models.admin_unit import AdminUnit
from gisapp.models.base import Base
from gisapp.models.commune_crosswalk import CommuneCrosswalk
from gisapp.models.growing_area import GrowingArea
from gisapp.models.growing_area_cell import GrowingAreaCell
from gisapp.models.table_version import TableVersion

__all__ = ["AdminUnit", "Base", "CommuneCrosswalk", "GrowingArea", "GrowingAreaCell", "TableVersion"]
