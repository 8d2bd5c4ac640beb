"""What a measurement is made of, as data: units, the conversions between them, and parameters.

A parameter names its canonical unit and a plausible physical range in that unit, so a value that
cannot be real (pH 40, a negative concentration) is refused before anything judges it. Nothing here
is a regulatory limit: those are in `env_thresholds` (models/env_regulation.py).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ARRAY, CheckConstraint, ForeignKey, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class EnvUnit(Base):
    __tablename__ = "env_units"

    code: Mapped[str] = mapped_column(String(20), primary_key=True, comment="e.g. mg/L, CFU/100mL, NTU, -")
    name_vi: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    aliases: Mapped[list[str]] = mapped_column(
        ARRAY(String(40)),
        server_default=text("'{}'::varchar[]"),
        comment="other spellings labs use, matched case- and diacritics-blind, spaces ignored",
    )


class EnvUnitConversion(Base):
    """value in `to_unit` = value in `from_unit` × factor; each direction is its own row."""

    __tablename__ = "env_unit_conversions"
    __table_args__ = (
        CheckConstraint("factor > 0", name="factor_positive"),
        CheckConstraint("from_unit <> to_unit", name="distinct_units"),
    )

    from_unit: Mapped[str] = mapped_column(String(20), ForeignKey("env_units.code"), primary_key=True)
    to_unit: Mapped[str] = mapped_column(String(20), ForeignKey("env_units.code"), primary_key=True)
    factor: Mapped[Decimal] = mapped_column(Numeric(20, 10))


class EnvParameter(Base):
    __tablename__ = "env_parameters"
    __table_args__ = (
        CheckConstraint("plausible_min < plausible_max", name="plausible_range"),
        CheckConstraint("code ~ '^[a-z][a-z0-9_]*$'", name="code_format"),
    )

    code: Mapped[str] = mapped_column(String(40), primary_key=True, comment="e.g. ph, e_coli, arsenic")
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20), ForeignKey("env_units.code"), comment="canonical unit")
    plausible_min: Mapped[Decimal] = mapped_column(
        Numeric(20, 6), comment="lowest physically possible value, canonical unit"
    )
    plausible_max: Mapped[Decimal] = mapped_column(
        Numeric(20, 6), comment="highest believable value, canonical unit; above is a typo or a wrong unit"
    )
    aliases: Mapped[list[str]] = mapped_column(
        ARRAY(String(80)),
        server_default=text("'{}'::varchar[]"),
        comment="names and symbols labs write (Asen, As, Độ đục…), matched case- and diacritics-blind",
    )
    note: Mapped[str | None] = mapped_column(Text)
