"""The water-quality target: rows name a water-supply work by code or id, samples are taken at the
tank or the tap, judged by QCVN 01-1 and grouped under one import record (audited once)."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.models import WaterTestImport, WaterWork
from gisapp.services import audit, water_tests
from gisapp.services.principal import Principal
from gisapp.services.sample_imports.target import Entry, Target
from gisapp.services.water_samples import Sample, sampling_point


class WaterTarget(Target):
    column = "water_work"
    aliases = (
        "water_work",
        "water work",
        "work",
        "water_work_code",
        "water_work_id",
        "mã công trình",
        "công trình",
        "mã CT",
    )
    header_hint = "'Mã công trình'"
    ids_key = "test_ids"

    def find(self, session: Session, principal: Principal, text: str) -> tuple[Any | None, str | None]:
        if not text:
            return None, "Thiếu mã công trình / the water-supply work's code or id is missing."
        work = session.execute(select(WaterWork).where(func.lower(WaterWork.code) == text.lower())).scalar()
        if work is None and text.isdigit() and len(text) <= 9:  # ids are 32-bit
            work = session.get(WaterWork, int(text))
        if work is None:
            return None, f"Không có công trình '{text}' / no water-supply work with code or id '{text}'."
        return work, None

    def point(self, raw: Any) -> tuple[str | None, str | None]:
        found = sampling_point(raw)
        if found is None:
            return None, "Vị trí lấy mẫu phải là bể chứa hoặc vòi / sampling point must be tank or tap."
        return found, None

    def regulation(self, record: Any) -> tuple[str, str | None]:
        return water_tests.DOMESTIC_WATER, None

    def label(self, record: Any) -> str:
        return f"work {record.code or record.id}"

    def describe(self, record: Any) -> dict[str, Any]:
        return {"water_work_id": record.id, "water_work_code": record.code}

    def already_stored(self, session: Session, record: Any, sample: Sample) -> int | None:
        return water_tests.already_stored(session, record.id, sample)

    def store(self, entry: Entry) -> dict[str, Any]:
        return water_tests.store(
            entry.session,
            entry.vocabulary,
            entry.principal,
            entry.record.id,
            entry.sample,
            import_id=entry.import_id,
            book=entry.book,
        )

    def open_import(
        self, session: Session, principal: Principal, filename: str, data: bytes, rows: int, count: int
    ) -> int | None:
        record = WaterTestImport(
            filename=filename[:300],
            sha256=hashlib.sha256(data).hexdigest(),
            rows=rows,
            tests=count,
            imported_by_user_id=principal.user_id,
        )
        session.add(record)
        session.flush()
        return record.id

    def close_import(
        self, session: Session, principal: Principal, import_id: int | None, summary: dict[str, Any]
    ) -> None:
        record = session.get_one(WaterTestImport, import_id)  # opened in this transaction
        audit.record(
            session,
            principal,
            entity="water_test_imports",
            entity_id=str(record.id),
            action="create",
            before=None,
            after={"filename": record.filename, "sha256": record.sha256, "rows": record.rows, **summary},
        )


WATER = WaterTarget()
