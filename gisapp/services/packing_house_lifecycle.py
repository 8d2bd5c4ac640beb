"""Decisions on a packing house (the shared rules are in services/lifecycle.py).

A packing-house code is approved with the importing country, not issued by the province: issuing
records that approval, so the code must already be on the record.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from gisapp.errors import Conflict
from gisapp.models import PackingHouse, PackingHouseTransition
from gisapp.services.lifecycle import STEPS, Lifecycle, TransitionIn
from gisapp.settings import Settings


class PackingHouseLifecycle(Lifecycle):
    def __init__(self) -> None:
        super().__init__(
            PackingHouse, PackingHouseTransition, "packing_house_id", ("cơ sở đóng gói", "packing house")
        )

    def before_decision(
        self,
        session: Session,
        settings: Settings,
        row: Any,
        decision: TransitionIn,
        before: dict[str, Any],
    ) -> None:
        if STEPS[decision.action].target == "issued" and row.code is None:
            raise Conflict(
                "Chưa có mã số cơ sở đóng gói / record the packing-house code first (e.g. VN-BTPH-036, "
                "as approved with the importing country): issuing records that approval."
            )


PACKING_HOUSES = PackingHouseLifecycle()
