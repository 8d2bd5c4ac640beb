"""`/api/registry/…`: the staff's registry table, its CSV export and "waiting for me".

Staff only (401 for anonymous callers): the public finds published areas through the lookup, the
verification page and OGC API; this table adds drafts and inspection dates that are office work.
Each caller sees the areas in their own scope (admins: all). Parameters are whitelisted and
checked by services/registry_table_input.py; anything else is a 400 that says what to send.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from gisapp.api.deps import CurrentUser, SessionDep, SettingsDep
from gisapp.services import registry_csv, work_queue
from gisapp.services.registry_table import InspectionRule, table_page
from gisapp.services.registry_table_input import SORTS, TableQuery, parse_table_query

router = APIRouter(prefix="/api/registry", tags=["Registry table"])
PRIVATE = {"Cache-Control": "private, no-store"}
Text = Annotated[str | None, Query(max_length=1000)]  # checked again, with a better message, by the parser


def _grouped(request: Request) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        grouped.setdefault(name, []).append(value)
    return grouped


def _filters_doc(
    status: Annotated[
        list[str] | None, Query(description="draft, submitted, issued, suspended, revoked")
    ] = None,
    crop: Annotated[str | None, Query(description="Crop name as in /api/crops")] = None,
    commune: Annotated[str | None, Query(description="5-digit commune code")] = None,
    province: Annotated[str | None, Query(description="2-digit province code")] = None,
    q: Annotated[str | None, Query(description="Part of a code or a name (diacritics optional)")] = None,
    overdue: Annotated[str | None, Query(description="true: inspection overdue; false: not")] = None,
    sort: Annotated[str | None, Query(description=f"{', '.join(SORTS)}; '-' first for descending")] = None,
) -> None:
    """Only documents the parameters in /docs; the parser reads them from the query string."""


def table_query(
    request: Request, _doc: Annotated[None, Depends(_filters_doc)], limit: Text = None, offset: Text = None
) -> TableQuery:
    return parse_table_query(_grouped(request))


def export_query(request: Request, _doc: Annotated[None, Depends(_filters_doc)]) -> TableQuery:
    return parse_table_query(_grouped(request), paged=False)


@router.get("/areas", summary="Registry table: growing areas in the caller's scope, filtered, sorted, paged")
def areas(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    query: Annotated[TableQuery, Depends(table_query)],
) -> JSONResponse:
    rule = InspectionRule.for_settings(settings)
    page = table_page(session, user, query, rule)
    body: dict[str, Any] = {
        "items": page.items,
        "total": page.total,
        "limit": query.limit,
        "offset": query.offset,
        "sort": query.sort_text,
        "today": rule.today.isoformat(),
    }
    return JSONResponse(body, headers=PRIVATE)


@router.get(
    "/areas.csv",
    summary="The registry table as CSV (UTF-8 with BOM, Vietnamese headers, public columns)",
    response_class=StreamingResponse,
)
def areas_csv(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    query: Annotated[TableQuery, Depends(export_query)],
) -> StreamingResponse:
    rule = InspectionRule.for_settings(settings)
    ids = registry_csv.export_ids(session, user, query, rule)
    stamp = datetime.now(ZoneInfo(settings.registry_timezone)).strftime("%Y-%m-%d")
    headers = PRIVATE | {"Content-Disposition": f'attachment; filename="vung-trong-{stamp}.csv"'}
    return StreamingResponse(
        registry_csv.csv_chunks(session, user, ids, rule),
        media_type="text/csv; charset=utf-8",
        headers=headers,
    )


@router.get("/queue", summary="Waiting for me: dossiers to decide, inspections overdue, dossiers returned")
def queue(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> JSONResponse:
    rule = InspectionRule.for_settings(settings)
    found = work_queue.queues(session, user, rule)
    body = {"today": rule.today.isoformat(), "queues": [q.as_json() for q in found]}
    return JSONResponse(body, headers=PRIVATE)
