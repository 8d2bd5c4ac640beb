"""Demo pollution sources with monitoring samples, marked as demo, beside demo growing areas.

Each source follows one story so the map and the risk answers show every case: a livestock farm
whose effluent exceeded QCVN 62-MT:2016 in mid-2025, a craft village that passes QCVN 40:2011,
a factory that exceeded in August 2025 and was sampled again after 1 September 2025 (not
assessable: no 2025 limits are entered), and a landfill never sampled. Verdicts come from the
real judging (services/pollution_samples.rejudge).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, delete, func, insert, select
from sqlalchemy.orm import Session

from gisapp.models import PollutionSample, PollutionSampleResult, PollutionSource
from gisapp.services.demo_growing_areas import DEMO_PROVINCES
from gisapp.services.pollution_samples import rejudge
from gisapp.sql import load_sql

PER_PROVINCE = 4
EVERY = 40
OFFSET_M = 300
LAB = "Trung tâm Quan trắc môi trường tỉnh (demo)"
POINT = "Cửa xả sau hệ thống xử lý"
# type, name, sector, regulation, column
KINDS = [
    ("livestock_farm", "Trang trại lợn", "chăn nuôi lợn", "QCVN 62", "B"),
    ("craft_village", "Làng nghề", "chế biến nông sản", "QCVN 40", "B"),
    ("industrial_facility", "Nhà máy chế biến cà phê", "chế biến cà phê", "QCVN 40", "A"),
    ("landfill", "Bãi rác", "thu gom rác thải sinh hoạt", None, None),
]
GOOD = {"ph": ("-", 7.1), "bod5": ("mg/L", 22), "cod": ("mg/L", 60), "tss": ("mg/L", 35)}
BAD = {"bod5": 160, "cod": 420, "tss": 180}
# by kind: (sample date, exceeding?) of each sample
STORIES = [
    [(date(2025, 2, 14), False), (date(2025, 6, 10), True)],
    [(date(2025, 3, 20), False), (date(2025, 7, 22), False)],
    [(date(2025, 8, 19), True), (date(2025, 10, 7), False)],
    [],
]


def present(session: Session) -> bool:
    return (
        session.execute(select(PollutionSource.id).where(PollutionSource.is_demo).limit(1)).first()
        is not None
    )


def load(session: Session) -> int:
    """Replace the demo sources (their samples go with them); return how many were loaded."""
    session.execute(delete(PollutionSource).where(PollutionSource.is_demo))
    sites = session.execute(
        load_sql("gisapp.services", "demo_pollution_sites"),
        {
            "provinces": list(DEMO_PROVINCES),
            "every": EVERY,
            "per_province": PER_PROVINCE,
            "offset_m": OFFSET_M,
        },
    ).all()
    for number, site in enumerate(sites):
        source_id = _source(session, number, site)
        _, _, _, regulation, column = KINDS[number % len(KINDS)]
        for day, exceeding in STORIES[number % len(KINDS)]:
            _sample(session, source_id, (str(regulation), str(column)), day, exceeding)
    rejudge(session)
    return len(sites)


def _source(session: Session, number: int, site: Row[Any]) -> int:
    kind, name, sector, regulation, column = KINDS[number % len(KINDS)]
    row = {
        "name": f"{name} {site.commune_name} (demo)",
        "source_type": kind,
        "sector": sector,
        "owner_name": f"Chủ cơ sở demo {number + 1}",
        "owner_phone": f"0910{number + 1:06d}",
        "permit_number": f"{100 + number}/GP-UBND (demo)" if regulation else None,
        "permitted_discharge_m3_day": 40 + 10 * number if regulation else None,
        "actual_discharge_m3_day": 30 + 9 * number if regulation else None,
        "receiving_water_body": "Suối trong vùng (demo)" if regulation else None,
        "regulation_code": regulation,
        "regulation_column": column,
        "monitoring_regime": "periodic" if regulation else "none",
        "commune_code": site.commune_code,
        "is_demo": True,
        "geom": func.ST_SetSRID(func.ST_MakePoint(site.lon, site.lat), 4326),
    }
    return int(
        session.execute(insert(PollutionSource).values(**row).returning(PollutionSource.id)).scalar_one()
    )


def _sample(session: Session, source_id: int, judged_by: tuple[str, str], day: date, exceeding: bool) -> None:
    sample_id = session.execute(
        insert(PollutionSample)
        .values(
            pollution_source_id=source_id,
            sampled_on=day,
            lab=LAB,
            sampling_point=POINT,
            regulation=judged_by[0],
            regulation_column=judged_by[1],
            verdict="not_assessable",
        )
        .returning(PollutionSample.id)
    ).scalar_one()
    rows = [
        {"sample_id": sample_id, "parameter": p, "value": BAD.get(p, v) if exceeding else v, "unit": unit}
        for p, (unit, v) in GOOD.items()
    ]
    session.execute(insert(PollutionSampleResult), rows)
