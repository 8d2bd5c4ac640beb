"""Monitoring samples and inspections of a pollution source, and the risk distance per source type.

Results are stored as the lab sent them; judgements are made against the source's effluent
regulation and column in the version in force on the sample date (services/judging.py). The
sample keeps its overall verdict as judged at entry, which the trigger in models/pollution_ddl.py
copies to the source. Inspections hold the penalty decision: staff-only reading.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
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


class PollutionRiskDistance(Base):
    """How far (geodesic metres) a source of a type puts growing areas and water intakes at risk."""

    __tablename__ = "pollution_risk_distances"
    __table_args__ = (CheckConstraint("distance_m > 0 AND distance_m <= 50000", name="distance"),)

    source_type: Mapped[str] = mapped_column(String(30), primary_key=True)
    distance_m: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class PollutionSample(Base):
    __tablename__ = "pollution_samples"
    __table_args__ = (
        CheckConstraint("verdict IN ('pass', 'exceed', 'not_assessable')", name="verdict"),
        Index("ix_pollution_samples_source", "pollution_source_id", "sampled_on"),
        # The same sample entered twice is refused.
        Index(
            "uq_pollution_samples_sample",
            "pollution_source_id",
            "sampled_on",
            text("lower(sampling_point)"),
            text("lower(lab)"),
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pollution_source_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("pollution_sources.id", ondelete="CASCADE")
    )
    sampled_on: Mapped[date] = mapped_column(Date)
    lab: Mapped[str] = mapped_column(String(200), comment="the laboratory that analysed the sample")
    sampling_point: Mapped[str] = mapped_column(String(200), comment="e.g. outlet after treatment")
    regulation: Mapped[str] = mapped_column(String(40), comment="regulation judged by, at entry")
    regulation_column: Mapped[str] = mapped_column(String(10), comment="column judged by, at entry")
    verdict: Mapped[str] = mapped_column(String(20), comment="overall verdict as last judged")
    note: Mapped[str | None] = mapped_column(Text)
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PollutionSampleResult(Base):
    __tablename__ = "pollution_sample_results"
    __table_args__ = (
        UniqueConstraint("sample_id", "parameter", name="uq_pollution_sample_results_parameter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(Integer, ForeignKey("pollution_samples.id", ondelete="CASCADE"))
    parameter: Mapped[str] = mapped_column(String(40), ForeignKey("env_parameters.code"))
    value: Mapped[Decimal] = mapped_column(Numeric(20, 6), comment="as the lab reported it")
    unit: Mapped[str] = mapped_column(String(20), ForeignKey("env_units.code"), comment="as reported")


class PollutionInspection(Base):
    __tablename__ = "pollution_inspections"
    __table_args__ = (
        CheckConstraint("penalty_vnd IS NULL OR penalty_vnd >= 0", name="penalty"),
        CheckConstraint(
            "violation OR (violation_description IS NULL AND penalty_vnd IS NULL "
            "AND penalty_decision IS NULL)",
            name="penalty_needs_violation",
        ),
        Index("ix_pollution_inspections_source", "pollution_source_id", "inspected_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pollution_source_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("pollution_sources.id", ondelete="CASCADE")
    )
    inspected_on: Mapped[date] = mapped_column(Date)
    inspector: Mapped[str] = mapped_column(String(200), comment="who inspected (officer or team)")
    findings: Mapped[str] = mapped_column(Text)
    violation: Mapped[bool] = mapped_column(Boolean)
    violation_description: Mapped[str | None] = mapped_column(Text)
    penalty_vnd: Mapped[Decimal | None] = mapped_column(Numeric(15, 0), comment="fine in đồng")
    penalty_decision: Mapped[str | None] = mapped_column(String(100), comment="decision number")
    follow_up: Mapped[str | None] = mapped_column(Text)
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
