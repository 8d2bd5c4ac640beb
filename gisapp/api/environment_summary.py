"""A commune's environment summary (public counts): clean-water share, pollution sources, open reports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from gisapp.api.deps import SessionDep
from gisapp.services import environment_summary

router = APIRouter(prefix="/api/communes", tags=["Environment"])
CommuneCode = Annotated[str, Path(pattern=r"^[0-9]{5}$", description="5-digit commune code, e.g. 24841")]


@router.get(
    "/{code}/environment-summary",
    summary="Households served by works whose latest test passes, sources by type, open reports (public)",
)
def summary(code: CommuneCode, session: SessionDep) -> dict[str, Any]:
    return environment_summary.summary(session, code)
