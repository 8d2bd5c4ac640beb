"""The last serial issued per province: a row locked for update, so two officers never share one."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class CodeCounter(Base):
    __tablename__ = "code_counters"

    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)
