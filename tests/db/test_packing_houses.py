"""Packing houses through the one write path: codes, If-Match, decisions, supplier links, atomicity."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.errors import (
    Conflict,
    Forbidden,
    InvalidGeometry,
    InvalidInput,
    PreconditionFailed,
    PreconditionRequired,
)
from gisapp.models import AuditRecord, PackingHouse, PackingHouseSupplier, PackingHouseTransition
from gisapp.services import lifecycle, packing_suppliers
from gisapp.services.feature_writes import create_feature, update_feature
from gisapp.services.packing_house_lifecycle import PACKING_HOUSES
from gisapp.services.principal import Principal
from tests.packing import (
    HOUSES,
    decide_house,
    house_feature,
    issued_area,
    issued_house,
    link,
    new_house,
    officers,
)
from tests.places import square
from tests.registry import decide, new_area, staff

People = tuple[Principal, Principal]


@pytest.fixture
def people(session: Session) -> People:
    return officers(session)


def audit_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditRecord)).scalar_one())


def test_a_packing_house_is_a_point_with_a_normalised_code(session: Session, people: People) -> None:
    drafter, _ = people
    house_id, stored = new_house(session, drafter, code="vn - ldph - 007", operator_phone="0263 3822 111")
    row = session.get(PackingHouse, house_id)
    assert row is not None and row.code == "VN-LDPH-007" and row.status == "draft"
    assert row.commune_code is not None and row.created_by_user_id == drafter.user_id
    assert stored["geometry"]["type"] == "Point" and stored["properties"]["suppliers"] == []
    polygon = {**house_feature(0, 0), "geometry": square(108.44, 11.94)}
    with pytest.raises(InvalidGeometry, match="A packing house must be a Point, not a Polygon"):
        create_feature(session, HOUSES, drafter, polygon)


def test_malformed_and_taken_codes_are_refused(session: Session, people: People) -> None:
    drafter, _ = people
    with pytest.raises(InvalidInput, match="is not a packing-house code"):
        new_house(session, drafter, code="VN-LDOR-0007")
    new_house(session, drafter, code="VN-LDPH-008")
    with pytest.raises(Conflict, match="VN-LDPH-008 already belongs to packing house"):
        new_house(session, drafter, skip=1, code="vn-ldph-008")
    with pytest.raises(InvalidInput, match="name must be given"):
        new_house(session, drafter, name=None)
    with pytest.raises(InvalidInput, match="not a phone number"):
        new_house(session, drafter, operator_phone="gọi cho tôi")


def test_patch_needs_the_current_version(session: Session, people: People) -> None:
    drafter, _ = people
    house_id, _ = new_house(session, drafter)
    patch = {"properties": {"markets": [{"market": "Trung Quốc / China", "document_number": "12/BVTV"}]}}
    with pytest.raises(PreconditionRequired):
        update_feature(session, HOUSES, drafter, house_id, patch, None)
    changed = update_feature(session, HOUSES, drafter, house_id, patch, '"v1"')
    assert changed["properties"]["markets"][0]["market"] == "Trung Quốc / China"
    assert changed["properties"]["row_version"] == 2
    with pytest.raises(PreconditionFailed, match='now at "v2"'):
        update_feature(session, HOUSES, drafter, house_id, patch, '"v1"')


def test_issuing_needs_the_code_which_is_then_fixed(session: Session, people: People) -> None:
    drafter, decider = people
    house_id, _ = new_house(session, drafter)
    decide_house(session, drafter, house_id, "submit")
    with pytest.raises(Conflict, match="record the packing-house code first"):
        decide_house(session, decider, house_id, "issue")
    update_feature(session, HOUSES, drafter, house_id, {"properties": {"code": "VN-LDPH-010"}}, '"v2"')
    issued = decide_house(session, decider, house_id, "issue")
    assert issued["properties"]["status"] == "issued" and issued["properties"]["code"] == "VN-LDPH-010"
    with pytest.raises(Conflict, match="cannot change after issuing"):
        update_feature(session, HOUSES, decider, house_id, {"properties": {"code": "VN-LDPH-011"}}, '"v4"')
    history = lifecycle.history(session, PACKING_HOUSES, house_id)
    assert [h["action"] for h in history] == ["submit", "issue"]
    assert history[1]["code"] == "VN-LDPH-010" and history[1]["authority"]


def test_the_drafter_may_not_decide(session: Session, people: People) -> None:
    commune_officer, _ = people
    drafter = staff(session, "t.ph.tinh.drafter")
    house_id, _ = new_house(session, drafter, code="VN-LDPH-012")
    decide_house(session, drafter, house_id, "submit")
    with pytest.raises(Forbidden, match="separation of duties"):
        decide_house(session, drafter, house_id, "issue")
    with pytest.raises(Forbidden, match="province-level agriculture officer"):
        decide_house(session, commune_officer, house_id, "issue")
    with pytest.raises(Conflict, match="cannot suspend a packing house that is 'submitted'"):
        decide_house(session, staff(session, "t.ph.tinh2"), house_id, "suspend")
    assert session.execute(select(func.count()).select_from(PackingHouseTransition)).scalar_one() == 1


def test_suppliers_must_hold_a_code_and_revoked_links_are_flagged(session: Session, people: People) -> None:
    drafter, decider = people
    house_id = issued_house(session, drafter, decider)
    area = issued_area(session, drafter, decider)
    draft, _ = new_area(session, drafter)
    code = decide(session, decider, area, "suspend")["properties"]["code"]  # suspended may still supply
    stored = link(session, drafter, house_id, [code.lower().replace("-", " - "), area])
    assert stored["properties"]["suppliers"] == [{"growing_area_id": area, "code": code, "export_code": None}]
    with pytest.raises(InvalidInput, match=rf"growing area #{draft} is still 'draft'"):
        link(session, drafter, house_id, [area, draft])
    with pytest.raises(InvalidInput, match="no growing area has the id or code 999999999, VN-XXOR-0001"):
        link(session, drafter, house_id, [999_999_999, "VN-XXOR-0001"])
    assert packing_suppliers.listing(session, house_id)[0]["flag"]["status"] == "suspended"
    decide(session, decider, area, "revoke")
    listed = packing_suppliers.listing(session, house_id)
    assert listed[0]["status"] == "revoked" and "may no longer supply" in listed[0]["flag"]["message"]
    with pytest.raises(InvalidInput, match=f"growing area {code} is revoked"):
        link(session, drafter, house_id, [area])


def test_a_refused_change_writes_nothing(session: Session, people: People) -> None:
    drafter, decider = people
    house_id = issued_house(session, drafter, decider)
    good = issued_area(session, drafter, decider)
    link(session, drafter, house_id, [good])
    audits = audit_count(session)
    row = session.get(PackingHouse, house_id)
    assert row is not None
    version = row.row_version
    patch = {"properties": {"name": "Tên mới", "suppliers": [good, 999_999_999]}}
    with pytest.raises(InvalidInput):
        update_feature(session, HOUSES, drafter, house_id, patch, f'"v{version}"')
    session.refresh(row)
    assert row.name != "Tên mới" and row.row_version == version
    assert session.execute(select(PackingHouseSupplier.growing_area_id)).scalars().all() == [good]
    assert audit_count(session) == audits


def test_the_audit_keeps_the_supplier_change(session: Session, people: People) -> None:
    drafter, decider = people
    house_id = issued_house(session, drafter, decider)
    area = issued_area(session, drafter, decider)
    link(session, drafter, house_id, [area])
    record = (
        session.execute(
            select(AuditRecord).where(AuditRecord.entity == "packing_houses").order_by(AuditRecord.id.desc())
        )
        .scalars()
        .first()
    )
    assert record is not None and record.before is not None and record.after is not None
    assert record.before["properties"]["suppliers"] == []
    assert record.after["properties"]["suppliers"][0]["growing_area_id"] == area
