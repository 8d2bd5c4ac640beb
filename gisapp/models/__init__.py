"""Stored entities, one per module; importing this package registers them all on `Base.metadata`."""

from gisapp.models.admin_unit import AdminUnit
from gisapp.models.attachment import Attachment
from gisapp.models.audit_record import AuditRecord
from gisapp.models.auth_token import AuthToken
from gisapp.models.base import Base
from gisapp.models.citizen_report import CitizenReport
from gisapp.models.code_counter import CodeCounter
from gisapp.models.commune_crosswalk import CommuneCrosswalk
from gisapp.models.crop import Crop
from gisapp.models.env_parameter import EnvParameter, EnvUnit, EnvUnitConversion
from gisapp.models.env_regulation import EnvRegulation, EnvRegulationVersion, EnvThreshold
from gisapp.models.growing_area import GrowingArea
from gisapp.models.growing_area_cell import GrowingAreaCell
from gisapp.models.growing_area_household import GrowingAreaHousehold
from gisapp.models.growing_area_inspection import GrowingAreaInspection
from gisapp.models.growing_area_overlap import GrowingAreaOverlap
from gisapp.models.growing_area_season import GrowingAreaSeason
from gisapp.models.growing_area_transition import GrowingAreaTransition
from gisapp.models.growing_area_version import GrowingAreaVersion
from gisapp.models.household_plot import HouseholdPlot
from gisapp.models.packing_house import PackingHouse
from gisapp.models.packing_house_supplier import PackingHouseSupplier
from gisapp.models.packing_house_transition import PackingHouseTransition
from gisapp.models.packing_lot import PackingLot
from gisapp.models.packing_lot_source import PackingLotSource
from gisapp.models.pollution_monitoring import (
    PollutionInspection,
    PollutionRiskDistance,
    PollutionSample,
    PollutionSampleResult,
)
from gisapp.models.pollution_source import PollutionSource
from gisapp.models.table_version import TableVersion
from gisapp.models.user import User
from gisapp.models.water_quality import WaterQualityResult, WaterQualityTest, WaterTestImport
from gisapp.models.water_work import WaterWork, WaterWorkArea

__all__ = [
    "AdminUnit",
    "Attachment",
    "AuditRecord",
    "AuthToken",
    "Base",
    "CitizenReport",
    "CodeCounter",
    "CommuneCrosswalk",
    "Crop",
    "EnvParameter",
    "EnvRegulation",
    "EnvRegulationVersion",
    "EnvThreshold",
    "EnvUnit",
    "EnvUnitConversion",
    "GrowingArea",
    "GrowingAreaCell",
    "GrowingAreaHousehold",
    "GrowingAreaInspection",
    "GrowingAreaOverlap",
    "GrowingAreaSeason",
    "GrowingAreaTransition",
    "GrowingAreaVersion",
    "HouseholdPlot",
    "PackingHouse",
    "PackingHouseSupplier",
    "PackingHouseTransition",
    "PackingLot",
    "PackingLotSource",
    "PollutionInspection",
    "PollutionRiskDistance",
    "PollutionSample",
    "PollutionSampleResult",
    "PollutionSource",
    "TableVersion",
    "User",
    "WaterQualityResult",
    "WaterQualityTest",
    "WaterTestImport",
    "WaterWork",
    "WaterWorkArea",
]
