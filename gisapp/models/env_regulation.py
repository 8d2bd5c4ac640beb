"""Regulations as data: a regulation, its versions with their validity, and each version's limits.

- A regulation (`QCVN 01-1`, `QCVN 08`, `QCVN 40`…) says how its classes work: `group` (each
  parameter sits in one monitoring group and every limit applies: QCVN 01-1 groups A/B), `column`
  (the caller picks the column that fits the discharge: QCVN 40 column A/B) or `level` (the best
  class whose limits the value meets: QCVN 08 levels A–D, the last one taking everything worse).
- A version (`QCVN 01-1:2018/BYT`) is in force from `valid_from` to `valid_to` (inclusive); the
  database refuses two versions of one regulation in force on the same day.
- A threshold is a min and/or max for one parameter and class of a version, in a unit, optionally
  narrowed to part of the version's window (an amendment), with a `confirmed` flag and its source.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    ARRAY,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

CLASS_KINDS = ("group", "column", "level")


class EnvRegulation(Base):
    __tablename__ = "env_regulations"
    __table_args__ = (
        CheckConstraint("class_kind IN ('group', 'column', 'level')", name="class_kind"),
        CheckConstraint("cardinality(classes) >= 1", name="has_classes"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True, comment="e.g. QCVN 01-1, QCVN 08")
    title_vi: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    medium: Mapped[str] = mapped_column(
        String(40), comment="domestic_water, surface_water, industrial_effluent, livestock_effluent"
    )
    class_kind: Mapped[str] = mapped_column(String(10), comment="group, column or level")
    classes: Mapped[list[str]] = mapped_column(
        ARRAY(String(10)), comment="class codes; for levels best first, the last taking everything worse"
    )
    note: Mapped[str | None] = mapped_column(Text)


class EnvRegulationVersion(Base):
    __tablename__ = "env_regulation_versions"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="window_ordered"),
        ExcludeConstraint(
            ("regulation_id", "="),
            (text("daterange(valid_from, valid_to, '[]')"), "&&"),
            using="gist",
            name="ex_env_regulation_versions_one_in_force",
        ),
    )

    id: Mapped[str] = mapped_column(String(80), primary_key=True, comment="e.g. QCVN 01-1:2018/BYT")
    regulation_id: Mapped[str] = mapped_column(String(40), ForeignKey("env_regulations.id"))
    instrument: Mapped[str] = mapped_column(String(300), comment="the legal document that issued it")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, comment="last day in force; NULL: still in force")
    confirmed: Mapped[bool] = mapped_column(Boolean, comment="validity window checked; doubts in source_note")
    source_note: Mapped[str] = mapped_column(Text)


class EnvThreshold(Base):
    __tablename__ = "env_thresholds"
    __table_args__ = (
        CheckConstraint("min_value IS NOT NULL OR max_value IS NOT NULL", name="has_limit"),
        CheckConstraint("min_value IS NULL OR max_value IS NULL OR min_value <= max_value", name="ordered"),
        CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from", name="window"),
        ExcludeConstraint(
            ("version_id", "="),
            ("parameter", "="),
            ("class_code", "="),
            (text("daterange(valid_from, valid_to, '[]')"), "&&"),
            using="gist",
            name="ex_env_thresholds_one_per_day",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[str] = mapped_column(String(80), ForeignKey("env_regulation_versions.id"))
    parameter: Mapped[str] = mapped_column(String(40), ForeignKey("env_parameters.code"))
    class_code: Mapped[str] = mapped_column(String(10), comment="group, column or level of the regulation")
    unit: Mapped[str] = mapped_column(String(20), ForeignKey("env_units.code"))
    min_value: Mapped[Decimal | None] = mapped_column(Numeric(20, 6))
    min_inclusive: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    max_value: Mapped[Decimal | None] = mapped_column(Numeric(20, 6))
    max_inclusive: Mapped[bool] = mapped_column(
        Boolean, server_default=text("true"), comment="false for strict limits such as coliform < 3"
    )
    valid_from: Mapped[date | None] = mapped_column(Date, comment="NULL: from the version's start")
    valid_to: Mapped[date | None] = mapped_column(Date, comment="NULL: to the version's end")
    confirmed: Mapped[bool] = mapped_column(Boolean)
    source_note: Mapped[str] = mapped_column(Text)
