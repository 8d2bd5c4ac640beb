"""The pollution-source target: rows name a source by id or by its exact name (sources have no
code; a name is looked up among the caller's sources only and must name one), the sampling point is
described in words, samples are judged by the source's effluent regulation and column and stored
(and audited) one by one through services/pollution_samples.py."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.models import PollutionSource
from gisapp.services import pollution_samples
from gisapp.services.authorization import in_scope, province_of
from gisapp.services.principal import Principal
from gisapp.services.sample_imports.target import Entry, Target
from gisapp.services.water_samples import Sample, described_point


class PollutionTarget(Target):
    column = "pollution_source"
    aliases = (
        "pollution_source",
        "pollution source",
        "source",
        "pollution_source_id",
        "source_id",
        "nguồn thải",
        "tên nguồn thải",
        "cơ sở",
        "tên cơ sở",
        "mã nguồn thải",
    )
    header_hint = "'Nguồn thải'"
    ids_key = "sample_ids"

    def find(self, session: Session, principal: Principal, text: str) -> tuple[Any | None, str | None]:
        if not text:
            return None, "Thiếu nguồn thải / the pollution source's id or name is missing."
        source = session.get(PollutionSource, int(text)) if text.isdigit() and len(text) <= 9 else None
        if source is None:
            source, wrong = _by_name(session, principal, text)
            if wrong:
                return None, wrong
        if source.regulation_code is None or source.regulation_column is None:
            return None, (
                f"Nguồn thải {source.id} chưa có quy chuẩn áp dụng / set the source's regulation_code and "
                "regulation_column before importing its samples."
            )
        return source, None

    def point(self, raw: Any) -> tuple[str | None, str | None]:
        return described_point(raw)

    def regulation(self, record: Any) -> tuple[str, str | None]:
        return str(record.regulation_code), str(record.regulation_column)

    def label(self, record: Any) -> str:
        return f"source {record.id}"

    def describe(self, record: Any) -> dict[str, Any]:
        return {
            "pollution_source_id": record.id,
            "pollution_source_name": record.name,
            "column": record.regulation_column,
        }

    def already_stored(self, session: Session, record: Any, sample: Sample) -> int | None:
        return pollution_samples.already_stored(session, record.id, sample)

    def store(self, entry: Entry) -> dict[str, Any]:
        return pollution_samples.store(
            entry.session, entry.vocabulary, entry.principal, entry.record, entry.sample, book=entry.book
        )


def _by_name(session: Session, principal: Principal, name: str) -> tuple[Any, str | None]:
    """The one source in the caller's scope with exactly this name (spaces aside)."""
    named = list(session.execute(select(PollutionSource).where(PollutionSource.name == name)).scalars())
    mine = [s for s in named if in_scope(principal, s.commune_code, province_of(session, s.commune_code))]
    if len(mine) == 1:
        return mine[0], None
    if len(mine) > 1:
        ids = ", ".join(str(s.id) for s in mine)
        return (
            None,
            f"Nhiều nguồn thải tên '{name}' / several sources are named '{name}' ({ids}): give the id.",
        )
    if named:
        return None, f"Nguồn thải '{name}' ngoài phạm vi của bạn / source '{name}' is outside your scope."
    return None, f"Không có nguồn thải '{name}' / no pollution source with id or name '{name}'."


POLLUTION = PollutionTarget()
