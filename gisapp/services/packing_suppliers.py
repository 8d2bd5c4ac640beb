"""The growing areas that supply a packing house: checked, replaced as a whole list, read with flags.

Only areas that hold a code in force may be linked: issued, or suspended (a suspension is temporary;
lots from a suspended area are recorded but flagged). Drafts and submitted dossiers have no code
yet and revoked areas have lost theirs: linking them is refused. A link made before its area was
revoked is kept (it is history) but every listing flags it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from gisapp.errors import InvalidInput
from gisapp.models import GrowingArea, PackingHouseSupplier
from gisapp.services.code_format import checked_code

MAX_SUPPLIERS = 500
LINKABLE = ("issued", "suspended")
FLAGS = {  # status -> (Vietnamese, English)
    "suspended": ("mã đang bị tạm dừng", "its code is suspended: lots from it are flagged"),
    "revoked": ("mã đã bị thu hồi", "its code is revoked: it may no longer supply this packing house"),
}


def checked(session: Session, value: Any) -> list[int]:
    """Growing areas given by id or by code (domestic or export) -> their ids, each once, in order."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_SUPPLIERS:
        raise InvalidInput(
            f"'suppliers' phải là danh sách / must be a list of at most {MAX_SUPPLIERS} growing-area ids "
            'or codes, e.g. [12, "VN-DNOR-0269"].'
        )
    wanted = [_reference(position, item) for position, item in enumerate(value, start=1)]
    codes = [w for w in wanted if isinstance(w, str)]
    ids = [w for w in wanted if isinstance(w, int)]
    rows = session.execute(
        select(GrowingArea.id, GrowingArea.code, GrowingArea.export_code, GrowingArea.status).where(
            or_(GrowingArea.id.in_(ids), GrowingArea.code.in_(codes), GrowingArea.export_code.in_(codes))
        )
    ).all()
    found: dict[int | str, Any] = {row.id: row for row in rows}
    found |= {row.code: row for row in rows if row.code} | {
        row.export_code: row for row in rows if row.export_code
    }
    unknown = [str(w) for w in wanted if w not in found]
    if unknown:
        raise InvalidInput(
            f"Không có vùng trồng {', '.join(unknown)} / no growing area has the id or code "
            f"{', '.join(unknown)}."
        )
    refused = [_refusal(found[w]) for w in wanted if found[w].status not in LINKABLE]
    if refused:
        raise InvalidInput(" ".join(refused))
    return list(dict.fromkeys(found[w].id for w in wanted))


def _reference(position: int, item: Any) -> int | str:
    if isinstance(item, int) and not isinstance(item, bool):
        return item
    if isinstance(item, str):
        return checked_code(item, what=f"growing-area code of supplier {position}")
    raise InvalidInput(
        f"Supplier {position} must be a growing-area id (a whole number) or code, got {item!r}."
    )


def _refusal(row: Any) -> str:
    label = row.code or row.export_code or f"#{row.id}"
    if row.status == "revoked":
        return (
            f"Vùng trồng {label} đã bị thu hồi mã / growing area {label} is revoked: it cannot supply a "
            "packing house."
        )
    return (
        f"Vùng trồng {label} chưa được cấp mã / growing area {label} is still '{row.status}': only an area "
        "holding a code (issued) can supply a packing house."
    )


def replace(session: Session, house_id: int, area_ids: list[int]) -> None:
    """Keep the links still listed (with the day they were made), drop the others, add the new ones."""
    current = set(
        session.execute(
            select(PackingHouseSupplier.growing_area_id).where(
                PackingHouseSupplier.packing_house_id == house_id
            )
        ).scalars()
    )
    session.execute(
        delete(PackingHouseSupplier).where(
            PackingHouseSupplier.packing_house_id == house_id,
            PackingHouseSupplier.growing_area_id.not_in(area_ids),
        )
    )
    session.add_all(
        PackingHouseSupplier(packing_house_id=house_id, growing_area_id=area_id)
        for area_id in area_ids
        if area_id not in current
    )
    session.flush()


def _rows(session: Session, house_id: int) -> list[Any]:
    return list(
        session.execute(
            select(GrowingArea, PackingHouseSupplier.linked_at)
            .join(PackingHouseSupplier, PackingHouseSupplier.growing_area_id == GrowingArea.id)
            .where(PackingHouseSupplier.packing_house_id == house_id)
            .order_by(GrowingArea.id)
        ).all()
    )


def read(session: Session, house_id: int) -> list[dict[str, Any]]:
    """The links as the packing house's record (and its audit) keeps them."""
    return [
        {"growing_area_id": area.id, "code": area.code, "export_code": area.export_code}
        for area, _ in _rows(session, house_id)
    ]


def listing(session: Session, house_id: int) -> list[dict[str, Any]]:
    """The links with what an inspector needs to judge them, flagged when the area's code is not in force."""
    answer = []
    for area, linked_at in _rows(session, house_id):
        flag = FLAGS.get(area.status)
        answer.append(
            {
                "growing_area_id": area.id,
                "code": area.code,
                "export_code": area.export_code,
                "name": area.name,
                "crop": area.crop,
                "status": area.status,
                "area_ha": float(area.area_ha),
                "linked_at": linked_at.isoformat(),
                "flag": {"status": area.status, "message": f"{flag[0]} / {flag[1]}"} if flag else None,
            }
        )
    return answer
