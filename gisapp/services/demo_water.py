"""Demo rural water-supply works and their quality tests, marked as demo, in the demo provinces.

Works sit at the point on surface of every n-th commune; each follows one story so the map shows
every colour: tests that pass, a latest test that exceeds (coliform, turbidity, chlorine too low,
arsenic, iron), an older failure since put right, a test too old for any version in force, and a
work never tested. Verdicts come from the real judging (services/water_tests.rejudge).
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from sqlalchemy import Row, delete, func, insert, select
from sqlalchemy.orm import Session

from gisapp.models import WaterQualityResult, WaterQualityTest, WaterWork
from gisapp.services.demo_growing_areas import DEMO_PROVINCES
from gisapp.services.water_tests import rejudge
from gisapp.sql import load_sql

PER_PROVINCE = 6
EVERY = 7
LAB = "Trung tâm Kiểm soát bệnh tật tỉnh (demo)"
# parameter -> (unit, typical value of a good sample)
GOOD = {
    "ph": ("-", 7.2),
    "turbidity": ("NTU", 0.7),
    "colour": ("TCU", 5),
    "free_chlorine": ("mg/L", 0.4),
    "coliform": ("CFU/100mL", 0),
    "e_coli": ("CFU/100mL", 0),
    "arsenic": ("µg/L", 2),
    "iron": ("mg/L", 0.12),
    "manganese": ("mg/L", 0.03),
    "hardness": ("mg/L", 110),
}
# Faults seen in rural supply: which parameter goes wrong and how far.
FAULTS: list[dict[str, float]] = [
    {"coliform": 14, "e_coli": 2},
    {"turbidity": 3.6, "colour": 22},
    {"free_chlorine": 0.05},
    {"arsenic": 25},
    {"iron": 0.62, "manganese": 0.18},
]
# Sample dates: under QCVN 01-1:2018/BYT, then under Circular 52/2024/TT-BYT.
OLD, RECENT, LATEST = date(2024, 11, 5), date(2025, 3, 12), date(2025, 9, 16)
TOO_OLD = date(2018, 10, 2)  # before any version loaded: not assessable


def present(session: Session) -> bool:
    return session.execute(select(WaterWork.id).where(WaterWork.is_demo).limit(1)).first() is not None


def load(session: Session, seed: int = 2025) -> int:
    """Replace the demo works (their tests go with them); return how many were loaded."""
    session.execute(delete(WaterWork).where(WaterWork.is_demo))
    sites = session.execute(
        load_sql("gisapp.services", "demo_water_sites"),
        {"provinces": list(DEMO_PROVINCES), "every": EVERY, "per_province": PER_PROVINCE},
    ).all()
    chance = random.Random(seed)  # noqa: S311 (demo values, not secrets)
    for number, site in enumerate(sites):
        work_id = _work(session, number, site, chance)
        for day, faults in _story(number):
            _test(session, work_id, day, faults, chance)
    session.execute(load_sql("gisapp.services", "demo_water_areas"), {"radius_m": 900})
    rejudge(session, None)
    return len(sites)


def _work(session: Session, number: int, site: Row[Any], chance: random.Random) -> int:
    centralised = number % 5 != 4
    capacity = chance.choice((60, 120, 250, 500, 1200)) if centralised else 5
    households = int(capacity * chance.uniform(1.2, 2.4))
    row = {
        "code": f"DEMO-{site.province}-{number + 1:03d}",
        "name": f"Công trình cấp nước {site.name} (demo)",
        "work_type": "centralised" if centralised else "household",
        "water_source": ("surface", "ground", "spring")[number % 3],
        "treatment": "Lắng, lọc nhanh, khử trùng clo" if centralised else "Lọc cát hộ gia đình",
        "design_capacity_m3_day": capacity,
        "actual_capacity_m3_day": round(capacity * chance.uniform(0.35, 0.95), 1),
        "households_served": households,
        "people_served": households * 4,
        "operator_name": "Trung tâm Nước sạch và VSMT nông thôn (demo)" if number % 2 else "UBND xã (demo)",
        "management_model": "public_service_unit" if number % 2 else "commune",
        "year_built": 2005 + number % 18,
        "sustainability": ("sustainable", "relatively_sustainable", "weak", "not_operating")[number % 4],
        "loss_rate_pct": round(chance.uniform(12, 38), 1),
        "tariff_vnd_per_m3": chance.choice((5500, 6500, 7800, 9000)),
        "commune_code": site.code,
        "operator_contact_name": f"Người vận hành demo {number + 1}",
        "operator_contact_phone": f"0900{number + 1:06d}",
        "is_demo": True,
        "geom": func.ST_SetSRID(func.ST_MakePoint(site.lon, site.lat), 4326),
    }
    return int(session.execute(insert(WaterWork).values(**row).returning(WaterWork.id)).scalar_one())


def _story(number: int) -> list[tuple[date, dict[str, float]]]:
    """(sample date, faults) of each test of the work, by the work's place in the list."""
    fault = FAULTS[number % len(FAULTS)]
    match number % 6:
        case 0 | 3:
            return [(OLD, {}), (RECENT, {}), (LATEST, {})]
        case 1 | 4:
            return [(OLD, {}), (LATEST, fault)]
        case 2:
            return [(RECENT, fault), (LATEST, {})]
        case _:
            return [(TOO_OLD, {})] if number % 12 == 5 else []


def _test(session: Session, work_id: int, day: date, faults: dict[str, float], chance: random.Random) -> None:
    test_id = session.execute(
        insert(WaterQualityTest)
        .values(
            water_work_id=work_id, sampled_on=day, lab=LAB, sampling_point="tap", verdict="not_assessable"
        )
        .returning(WaterQualityTest.id)
    ).scalar_one()
    rows = []
    for parameter, (unit, typical) in GOOD.items():
        value = faults.get(parameter, typical * chance.uniform(0.93, 1.05) if typical else 0)
        rows.append({"test_id": test_id, "parameter": parameter, "value": round(value, 3), "unit": unit})
    session.execute(insert(WaterQualityResult), rows)
