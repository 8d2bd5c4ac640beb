"""The rules for writing a packing house through the one write path (services/feature_writes.py).

A packing house is a point. Its code is the one approved with the importing country, typed by an
officer, normalised (`VN - BTPH - 036` -> `VN-BTPH-036`) and unique; it may be corrected while the
record is a draft or submitted, and is fixed once issued. Status changes only by decisions
(services/packing_house_lifecycle.py). The supplying growing areas are set as the `suppliers`
property (ids or codes), so their changes are If-Match-checked and audited like any other.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, InvalidInput
from gisapp.models import PackingHouse
from gisapp.services import packing_suppliers
from gisapp.services.code_format import checked_packing_house_code
from gisapp.services.geometry_checks import check_geometry
from gisapp.services.households import is_phone
from gisapp.services.layer_rules import Change, LayerRules, geojson_sql
from gisapp.services.markets import checked_markets
from gisapp.services.principal import Principal
from gisapp.settings import Settings

UNDECIDED = ("draft", "submitted")


class PackingHouseRules(LayerRules):
    extra_properties = frozenset({"suppliers"})

    def __init__(self) -> None:
        super().__init__(PackingHouse)

    def checked_geometry(self, session: Session, geometry: Any, repair: bool) -> str:
        return check_geometry(session, geometry, ("POINT",), what="A packing house", repair=repair)

    def geometry_sql(self, text: str, repair: bool) -> Any:
        return geojson_sql(text)

    def clean(self, session: Session, values: dict[str, Any], feature_id: int | None) -> dict[str, Any]:
        cleaned = dict(values)
        if cleaned.get("code") is not None:
            cleaned["code"] = _unique_code(session, cleaned["code"], feature_id)
        if "markets" in cleaned:
            cleaned["markets"] = checked_markets(cleaned["markets"])
        phone = cleaned.get("operator_phone")
        if phone is not None and (not isinstance(phone, str) or not is_phone(phone)):
            raise InvalidInput(
                f"Số điện thoại không hợp lệ / operator_phone {phone!r} is not a phone number."
            )
        if "suppliers" in cleaned:
            cleaned["suppliers"] = packing_suppliers.checked(session, cleaned["suppliers"])
        return cleaned

    def check(self, session: Session, settings: Settings, change: Change) -> None:
        if change.feature_id is not None and "code" in change.changed and change.status not in UNDECIDED:
            raise Conflict(
                "Mã số đã cấp không được sửa / the code of an issued packing house is kept as approved: "
                "it cannot change after issuing."
            )

    def new_row_values(
        self, principal: Principal, commune: str | None, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {"status": "draft", "created_by_user_id": principal.user_id}

    def write_extra(self, session: Session, feature_id: int, values: dict[str, Any]) -> None:
        if "suppliers" in values:
            packing_suppliers.replace(session, feature_id, values["suppliers"])

    def read_extra(self, session: Session, feature_id: int) -> dict[str, Any]:
        return {"suppliers": packing_suppliers.read(session, feature_id)}


def _unique_code(session: Session, raw: Any, feature_id: int | None) -> str:
    if not isinstance(raw, str):
        raise InvalidInput("'code' must be text, e.g. VN-BTPH-036.")
    code = checked_packing_house_code(raw)
    taken = session.execute(
        select(PackingHouse.id).where(PackingHouse.code == code, PackingHouse.id.is_distinct_from(feature_id))
    ).scalar()
    if taken is not None:
        raise Conflict(
            f"Mã {code} đã thuộc cơ sở đóng gói #{taken} / code {code} already belongs to packing house "
            f"{taken}; a code is never shared."
        )
    return code
