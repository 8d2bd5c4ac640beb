"""The staff's registry table: growing areas in the caller's scope, filtered, sorted and paged.

One statement shape serves the table, its CSV export and the work queues: each area with its
commune and province names and its latest inspection (a LATERAL probe of
`ix_growing_area_inspections_growing_area_id`, one index lookup per row).

Inspection due (the definition the queues and the `overdue` filter share): only an *issued* area
can be overdue, as of today in the registry's time zone, when
- its latest inspection set a next-inspection date and that day has passed (`due_date_passed`), or
- no next date is set and it was never inspected (`never_inspected`: QĐ 3156 asks for a field
  inspection before a code is issued, so an issued code with none is a gap to close), or
- no next date is set and the last inspection is older than `GISAPP_INSPECTION_INTERVAL_DAYS`
  (365 by default: `interval_passed`).
The last inspection is the later of the area's `last_inspected_on` and its latest inspection record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Date,
    FromClause,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from gisapp.models import AdminUnit, GrowingArea, GrowingAreaInspection
from gisapp.models.growing_area import STATUSES
from gisapp.services.principal import Principal
from gisapp.services.registry_table_input import TableFilter, TableQuery, code_pattern
from gisapp.settings import Settings

AREAS = GrowingArea.__table__
INSPECTIONS = GrowingAreaInspection.__table__
COMMUNE = aliased(AdminUnit, name="commune")
PROVINCE = aliased(AdminUnit, name="province")
VIETNAMESE = "vi-x-icu"  # names sort as Vietnamese readers expect (đ after d, ư after u)

LATEST = (
    select(INSPECTIONS.c.inspected_on, INSPECTIONS.c.next_inspection_due, INSPECTIONS.c.conclusion)
    .where(INSPECTIONS.c.growing_area_id == AREAS.c.id)
    .order_by(INSPECTIONS.c.inspected_on.desc(), INSPECTIONS.c.id.desc())
    .limit(1)
    .lateral("latest")
)
LAST_INSPECTED: ColumnElement[date] = func.greatest(AREAS.c.last_inspected_on, LATEST.c.inspected_on)
NEXT_DUE = LATEST.c.next_inspection_due
TODAY = bindparam("today", type_=Date)
STALE_BEFORE = bindparam("stale_before", type_=Date)
_PASSED = func.coalesce(NEXT_DUE < TODAY, false())
_NO_DATE_AND_STALE = and_(
    NEXT_DUE.is_(None), or_(LAST_INSPECTED.is_(None), func.coalesce(LAST_INSPECTED < STALE_BEFORE, false()))
)
OVERDUE: ColumnElement[bool] = and_(AREAS.c.status == "issued", or_(_PASSED, _NO_DATE_AND_STALE))
OVERDUE_REASON = case(
    (~OVERDUE, None),
    (_PASSED, "due_date_passed"),
    (LAST_INSPECTED.is_(None), "never_inspected"),
    else_="interval_passed",
)
STATUS_ORDER = case({status: i for i, status in enumerate(STATUSES)}, value=AREAS.c.status)

COLUMNS: dict[str, ColumnElement[Any] | InstrumentedAttribute[Any]] = {
    "id": AREAS.c.id,
    "code": AREAS.c.code,
    "export_code": AREAS.c.export_code,
    "name": AREAS.c.name,
    "crop": AREAS.c.crop,
    "variety": AREAS.c.variety,
    "status": AREAS.c.status,
    "area_ha": AREAS.c.area_ha,
    "commune_code": AREAS.c.commune_code,
    "commune_name": COMMUNE.name,
    "province_code": COMMUNE.parent_code,
    "province_name": PROVINCE.name,
    "last_inspected_on": LAST_INSPECTED,
    "next_inspection_due": NEXT_DUE,
    "last_conclusion": LATEST.c.conclusion,
    "overdue": OVERDUE,
    "overdue_reason": OVERDUE_REASON,
    "updated_at": AREAS.c.updated_at,
    "is_demo": AREAS.c.is_demo,
}
SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "code": AREAS.c.code,
    "export_code": AREAS.c.export_code,
    "name": AREAS.c.name.collate(VIETNAMESE),
    "crop": AREAS.c.crop.collate(VIETNAMESE),
    "commune": COMMUNE.name.collate(VIETNAMESE),
    "area_ha": AREAS.c.area_ha,
    "status": STATUS_ORDER,
    "last_inspected_on": LAST_INSPECTED,
    "next_inspection_due": NEXT_DUE,
    "updated_at": AREAS.c.updated_at,
}


@dataclass(frozen=True)
class InspectionRule:
    """The days the overdue test compares with, fixed for one request."""

    today: date
    stale_before: date

    @classmethod
    def for_settings(cls, settings: Settings, now: datetime | None = None) -> InspectionRule:
        today = (now or datetime.now(ZoneInfo(settings.registry_timezone))).date()
        return cls(today, today - timedelta(days=settings.inspection_interval_days))

    @property
    def params(self) -> dict[str, date]:
        return {"today": self.today, "stale_before": self.stale_before}


@dataclass(frozen=True)
class TablePage:
    items: list[dict[str, Any]]
    total: int


def joined(*, inspections: bool = True) -> FromClause:
    """Areas with their commune, province and (when asked) latest inspection."""
    source = AREAS.outerjoin(
        COMMUNE,
        and_(COMMUNE.level == "commune", COMMUNE.code == AREAS.c.commune_code, COMMUNE.valid_to.is_(None)),
    ).outerjoin(
        PROVINCE,
        and_(PROVINCE.level == "province", PROVINCE.code == COMMUNE.parent_code, PROVINCE.valid_to.is_(None)),
    )
    return source.outerjoin(LATEST, true()) if inspections else source


def in_scope(principal: Principal) -> ColumnElement[bool]:
    """Admins see every area; others those of their communes and of their provinces' communes."""
    if principal.is_admin:
        return true()
    tests: list[ColumnElement[bool]] = []
    if principal.communes:
        tests.append(AREAS.c.commune_code.in_(sorted(principal.communes)))
    if principal.provinces:
        tests.append(COMMUNE.parent_code.in_(sorted(principal.provinces)))
    return or_(*tests) if tests else false()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching(wanted: TableFilter) -> list[ColumnElement[bool]]:
    """WHERE terms for a filter; every value is bound."""
    terms: list[ColumnElement[bool]] = []
    if wanted.statuses:
        terms.append(AREAS.c.status.in_(wanted.statuses))
    if wanted.crop is not None:
        terms.append(AREAS.c.crop == wanted.crop)
    if wanted.commune is not None:
        terms.append(AREAS.c.commune_code == wanted.commune)
    if wanted.province is not None:
        terms.append(COMMUNE.parent_code == wanted.province)
    if wanted.text is not None:
        words = "%" + _escape_like(wanted.text) + "%"
        code = "%" + _escape_like(code_pattern(wanted.text)) + "%"
        terms.append(
            or_(
                AREAS.c.code.like(code, escape="\\"),
                AREAS.c.export_code.like(code, escape="\\"),
                func.gisapp_fold(AREAS.c.name).like(func.gisapp_fold(literal(words)), escape="\\"),
            )
        )
    if wanted.overdue is not None:
        terms.append(OVERDUE if wanted.overdue else ~OVERDUE)
    return terms


def rows_select(principal: Principal, *terms: ColumnElement[bool]) -> Select[Any]:
    """Every table column of the areas in scope that satisfy `terms` (unordered)."""
    columns = [expr.label(name) for name, expr in COLUMNS.items()]
    return select(*columns).select_from(joined()).where(in_scope(principal), *terms)


def ordered(statement: Select[Any], sort: str, descending: bool) -> Select[Any]:
    key = SORT_KEYS[sort]
    first = key.desc().nulls_last() if descending else key.asc().nulls_last()
    return statement.order_by(first, AREAS.c.id)


def as_item(row: Any) -> dict[str, Any]:
    """A row as JSON carries it: dates as ISO text, hectares as a number."""
    item = dict(row._mapping)
    for name, value in item.items():
        if isinstance(value, Decimal):
            item[name] = float(value)
        elif isinstance(value, date | datetime):
            item[name] = value.isoformat()
    return item


def table_page(session: Session, principal: Principal, query: TableQuery, rule: InspectionRule) -> TablePage:
    """One page of the table and how many rows match in all."""
    terms = matching(query.filter)
    statement = ordered(rows_select(principal, *terms), query.sort, query.descending)
    rows = session.execute(statement.limit(query.limit).offset(query.offset), rule.params).all()
    needs_inspections = query.filter.overdue is not None
    counted = (
        select(func.count())
        .select_from(joined(inspections=needs_inspections))
        .where(in_scope(principal), *terms)
    )
    total = int(session.execute(counted, rule.params if needs_inspections else {}).scalar_one())
    return TablePage([as_item(row) for row in rows], total)


def ordered_ids(session: Session, principal: Principal, query: TableQuery, rule: InspectionRule) -> list[int]:
    """Ids of every matching area in table order (the CSV export reads rows in chunks of these)."""
    statement = select(AREAS.c.id).select_from(joined()).where(in_scope(principal), *matching(query.filter))
    return [
        int(i)
        for i in session.execute(ordered(statement, query.sort, query.descending), rule.params).scalars()
    ]


def rows_by_id(
    session: Session, principal: Principal, ids: list[int], rule: InspectionRule
) -> list[dict[str, Any]]:
    """The rows of these ids, in the order given (rows gone meanwhile are skipped)."""
    found = {
        row.id: as_item(row)
        for row in session.execute(rows_select(principal, AREAS.c.id.in_(ids)), rule.params)
    }
    return [found[i] for i in ids if i in found]
