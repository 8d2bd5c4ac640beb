"""Catalogue of real Vietnamese crops used by the demo plot generator.

The numbers are plausible demo values, not statistics: they decide which crops appear in which
province and how large a coded growing area of each crop tends to be. The minimum areas are the
rule of QĐ 3156/QĐ-BNN-TT (perennial ≥ 1 ha, annual ≥ 0.1 ha).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

PERENNIAL_MIN_HA = 1.0
ANNUAL_MIN_HA = 0.1
CODED_MAX_HA = 30.0  # demo coded areas stay within 1-30 ha (real codes seen: 11-34 ha)


@dataclass(frozen=True, slots=True)
class Crop:
    """One crop: the Vietnamese key is what the database and the UI store."""

    key: str
    name_en: str
    perennial: bool
    size_range_ha: tuple[float, float]
    min_area_ha: float

    def __post_init__(self) -> None:
        """Refuse a catalogue entry that the generator could not honour."""
        low, high = self.size_range_ha
        if not self.min_area_ha <= low <= high <= CODED_MAX_HA:
            raise ValueError(f"crop {self.key!r}: size range {self.size_range_ha} outside the rules")


def _crop(key: str, name_en: str, perennial: bool, low: float, high: float) -> Crop:
    """Build a crop whose minimum area follows QĐ 3156 for its lifecycle."""
    minimum = PERENNIAL_MIN_HA if perennial else ANNUAL_MIN_HA
    return Crop(key, name_en, perennial, (low, high), minimum)


CROPS: Mapping[str, Crop] = MappingProxyType(
    {
        crop.key: crop
        for crop in (
            _crop("cà phê", "coffee", True, 5.0, 30.0),
            _crop("sầu riêng", "durian", True, 3.0, 20.0),
            _crop("hồ tiêu", "black pepper", True, 2.0, 15.0),
            _crop("chè", "tea", True, 3.0, 25.0),
            _crop("điều", "cashew", True, 5.0, 30.0),
            _crop("mắc ca", "macadamia", True, 2.0, 15.0),
            _crop("bơ", "avocado", True, 2.0, 12.0),
            _crop("thanh long", "dragon fruit", True, 3.0, 25.0),
            _crop("cao su", "rubber", True, 10.0, 30.0),
            _crop("quế", "cinnamon", True, 3.0, 25.0),
            _crop("sâm Ngọc Linh", "Ngoc Linh ginseng", True, 1.0, 5.0),
            _crop("bưởi", "pomelo", True, 2.0, 15.0),
            _crop("xoài", "mango", True, 2.0, 15.0),
            _crop("nhãn", "longan", True, 2.0, 15.0),
            _crop("vải", "lychee", True, 5.0, 30.0),
            _crop("cam", "orange", True, 2.0, 15.0),
            _crop("dừa", "coconut", True, 2.0, 20.0),
            _crop("lúa", "rice", False, 5.0, 30.0),
            _crop("rau", "vegetables", False, 1.0, 10.0),
            _crop("hoa", "cut flowers", False, 1.0, 5.0),
            _crop("ngô", "maize", False, 2.0, 20.0),
            _crop("lạc", "peanut", False, 1.0, 10.0),
            _crop("sắn", "cassava", False, 3.0, 25.0),
        )
    }
)

_LAM_DONG = {  # 68 = old Lâm Đồng (coffee, vegetables, flowers) + Đắk Nông + Bình Thuận (dragon fruit)
    "cà phê": 30,
    "sầu riêng": 10,
    "hồ tiêu": 7,
    "chè": 5,
    "điều": 6,
    "thanh long": 7,
    "bơ": 4,
    "mắc ca": 3,
    "cao su": 3,
    "rau": 10,
    "hoa": 4,
    "lúa": 5,
    "ngô": 3,
    "sắn": 3,
}
_DA_NANG = {  # 48 = old Đà Nẵng + Quảng Nam (rice plains, Trà My cinnamon, Ngọc Linh ginseng)
    "lúa": 30,
    "rau": 12,
    "ngô": 7,
    "lạc": 6,
    "sắn": 8,
    "quế": 10,
    "cao su": 7,
    "bưởi": 7,
    "sầu riêng": 4,
    "sâm Ngọc Linh": 3,
    "xoài": 3,
}
_HIGHLANDS = {
    "cà phê": 35,
    "hồ tiêu": 12,
    "sầu riêng": 15,
    "cao su": 8,
    "điều": 5,
    "bơ": 5,
    "lúa": 8,
    "ngô": 7,
    "sắn": 5,
}
_MEKONG = {
    "lúa": 45,
    "xoài": 10,
    "bưởi": 8,
    "sầu riêng": 8,
    "dừa": 8,
    "nhãn": 5,
    "thanh long": 4,
    "rau": 12,
}
_MIDLANDS = {"chè": 20, "vải": 15, "nhãn": 10, "cam": 10, "bưởi": 10, "lúa": 25, "rau": 10}
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"lúa": 40, "rau": 15, "ngô": 10, "lạc": 5, "sắn": 5, "bưởi": 8, "xoài": 7, "nhãn": 5, "cam": 5}
)

PROVINCE_WEIGHTS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "68": MappingProxyType(_LAM_DONG),
        "48": MappingProxyType(_DA_NANG),
        **{code: MappingProxyType(_HIGHLANDS) for code in ("52", "66")},
        **{code: MappingProxyType(_MEKONG) for code in ("80", "82", "86", "91", "92", "96")},
        **{code: MappingProxyType(_MIDLANDS) for code in ("08", "19", "24", "25", "33")},
    }
)


def crop_weights(province_code: str) -> Mapping[str, float]:
    """Relative weights of the crops grown in a province (the defaults for unlisted provinces)."""
    return PROVINCE_WEIGHTS.get(province_code, DEFAULT_WEIGHTS)
