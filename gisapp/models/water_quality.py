"""Water-quality tests of a supply work: a time series of samples, one result per parameter.

Results are stored as the lab sent them (value and unit); judgements are made from the
thresholds in force on the sample date (services/judging.py). The test keeps its overall verdict
as last judged, which the trigger in models/water_ddl.py copies to the work when it is the latest.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

SAMPLING_POINTS = ("tank", "tap")
VERDICTS = ("pass", "exceed", "not_assessable")


class WaterTestImport(Base):
    """One committed bulk import: which file, by whom, how much it brought."""

    __tablename__ = "water_test_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    tests: Mapped[int] = mapped_column(Integer)
    imported_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class WaterQualityTest(Base):
    __tablename__ = "water_quality_tests"
    __table_args__ = (
        CheckConstraint("sampling_point IN ('tank', 'tap')", name="sampling_point"),
        CheckConstraint("verdict IN ('pass', 'exceed', 'not_assessable')", name="verdict"),
        Index("ix_water_quality_tests_water_work_id", "water_work_id", "sampled_on"),
        # The same sample entered twice (a file imported again) is refused.
        Index(
            "uq_water_quality_tests_sample",
            "water_work_id",
            "sampled_on",
            "sampling_point",
            text("lower(lab)"),
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    water_work_id: Mapped[int] = mapped_column(Integer, ForeignKey("water_works.id", ondelete="CASCADE"))
    sampled_on: Mapped[date] = mapped_column(Date)
    lab: Mapped[str] = mapped_column(String(200), comment="the laboratory that analysed the sample")
    sampling_point: Mapped[str] = mapped_column(String(10), comment="tank (bể chứa) or tap (vòi)")
    verdict: Mapped[str] = mapped_column(String(20), comment="overall verdict as last judged")
    note: Mapped[str | None] = mapped_column(Text)
    import_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("water_test_imports.id", ondelete="SET NULL")
    )
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class WaterQualityResult(Base):
    __tablename__ = "water_quality_results"
    __table_args__ = (UniqueConstraint("test_id", "parameter", name="uq_water_quality_results_parameter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    test_id: Mapped[int] = mapped_column(Integer, ForeignKey("water_quality_tests.id", ondelete="CASCADE"))
    parameter: Mapped[str] = mapped_column(String(40), ForeignKey("env_parameters.code"))
    value: Mapped[Decimal] = mapped_column(Numeric(20, 6), comment="as the lab reported it")
    unit: Mapped[str] = mapped_column(String(20), ForeignKey("env_units.code"), comment="as reported")
