"""Lots and the mass-balance flag against numbers worked out by hand, on the real database.

Area A's season: 2.5 ha × 12.4 t/ha = 31 t = 31,000 kg. Area B's: 1.2 ha × 8 t/ha = 9,600 kg.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, Forbidden, InvalidInput
from gisapp.models import AuditRecord, PackingLot, PackingLotSource
from gisapp.services import packing_lots
from gisapp.services.lot_input import LotIn
from gisapp.services.principal import Principal
from tests.packing import HOUSES, add_season, issued_area, issued_house, link, new_house, officers
from tests.registry import SETTINGS, decide, staff

TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
SEASON_START = TODAY - timedelta(days=120)
PACKED = TODAY - timedelta(days=10)


@dataclass
class Scene:
    drafter: Principal
    decider: Principal
    house: int
    a: int
    b: int


@pytest.fixture
def scene(session: Session) -> Scene:
    drafter, decider = officers(session)
    house = issued_house(session, drafter, decider)
    a, b = issued_area(session, drafter, decider), issued_area(session, drafter, decider)
    link(session, drafter, house, [a, b])
    add_season(session, a, SEASON_START, "2.5", "12.4")
    add_season(session, b, SEASON_START, "1.2", "8")
    return Scene(drafter, decider, house, a, b)


def record(session: Session, scene: Scene, day: date = PACKED, **fields: Any) -> dict[str, Any]:
    body = LotIn.model_validate({"packed_on": day.isoformat(), **fields})
    return packing_lots.record(session, SETTINGS, HOUSES, scene.drafter, scene.house, body)


def lot_count(session: Session) -> tuple[int, int, int]:
    def count(model: Any) -> int:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())

    return count(PackingLot), count(PackingLotSource), count(AuditRecord)


def test_lots_from_one_area_accumulate_until_one_is_flagged(session: Session, scene: Scene) -> None:
    first = record(session, scene, total_weight_kg=12_000, sources=[{"growing_area_id": scene.a}])
    assert first["flagged"] is False
    assert first["balance"]["sources"][0] | {"season": None} == {
        "growing_area_id": scene.a,
        "code": first["balance"]["sources"][0]["code"],
        "status": "issued",
        "weight_given": False,
        "this_lot_kg": 12000.0,
        "season": None,
        "capacity_kg": 31000.0,
        "used_kg": 0.0,
        "remaining_kg": 31000.0,
        "excess_kg": 0.0,
    }
    second = record(session, scene, total_weight_t="15", sources=[{"growing_area_id": scene.a}])
    assert second["total_weight_kg"] == 15000.0 and second["flagged"] is False
    assert (
        second["balance"]["total"]["used_kg"] == 12000.0
        and second["balance"]["total"]["remaining_kg"] == 19000.0
    )
    third = record(session, scene, total_weight_kg="5000", sources=[{"growing_area_id": scene.a}])
    assert third["flagged"] is True  # 27,000 packed, 4,000 left: 1,000 over, and still recorded
    assert third["balance"]["total"] == {
        "capacity_kg": 31000.0,
        "used_kg": 27000.0,
        "remaining_kg": 4000.0,
        "this_lot_kg": 5000.0,
        "excess_kg": 1000.0,
    }
    assert "5,000 kg is 1,000 kg more" in third["balance"]["flags"][-1]["message"]
    fourth = record(session, scene, total_weight_kg=100, sources=[{"growing_area_id": scene.a}])
    assert fourth["balance"]["total"]["used_kg"] == 32000.0  # the flagged lot counts too
    assert (
        fourth["balance"]["total"]["remaining_kg"] == -1000.0
        and fourth["balance"]["total"]["excess_kg"] == 100.0
    )
    listed = packing_lots.listing(session, scene.house, flagged=True)
    assert [x["id"] for x in listed] == [fourth["id"], third["id"]]


def test_two_areas_with_stated_and_shared_out_weights(session: Session, scene: Scene) -> None:
    stated = record(
        session,
        scene,
        total_weight_kg=30_000,
        sources=[
            {"growing_area_id": scene.a, "weight_kg": 20_000},
            {"growing_area_id": scene.b, "weight_t": 10},
        ],
    )
    a, b = stated["balance"]["sources"]
    assert (a["this_lot_kg"], a["excess_kg"], b["this_lot_kg"], b["excess_kg"]) == (
        20000.0,
        0.0,
        10000.0,
        400.0,
    )
    assert (
        stated["balance"]["total"]["capacity_kg"] == 40600.0
        and stated["balance"]["total"]["excess_kg"] == 0.0
    )
    assert stated["flagged"] is True  # B alone is 400 kg over its 9,600 kg
    assert [f["kind"] for f in stated["balance"]["flags"]] == ["over_capacity"]
    # Left: A 11,000, B none (-400). 12,000 kg without stated parts all goes to A: 1,000 over there;
    # in total 40,600 - 30,000 = 10,600 left, so the lot is 1,400 over.
    shared = record(
        session,
        scene,
        total_weight_kg=12_000,
        sources=[{"growing_area_id": scene.a}, {"growing_area_id": scene.b}],
    )
    a, b = shared["balance"]["sources"]
    assert (a["this_lot_kg"], a["remaining_kg"], a["excess_kg"]) == (12000.0, 11000.0, 1000.0)
    assert (b["this_lot_kg"], b["remaining_kg"], b["excess_kg"]) == (0.0, -400.0, 0.0)
    assert shared["balance"]["total"] == {
        "capacity_kg": 40600.0,
        "used_kg": 30000.0,
        "remaining_kg": 10600.0,
        "this_lot_kg": 12000.0,
        "excess_kg": 1400.0,
    }
    stored = session.execute(
        select(PackingLotSource.growing_area_id, PackingLotSource.weight_kg, PackingLotSource.weight_given)
        .where(PackingLotSource.lot_id == shared["id"])
        .order_by(PackingLotSource.growing_area_id)
    ).all()
    assert [(w, given) for _, w, given in stored] == [(Decimal(12000), False), (Decimal(0), False)]


def test_a_lot_outside_every_season_is_flagged_never_passed(session: Session, scene: Scene) -> None:
    before_season = record(
        session,
        scene,
        day=SEASON_START - timedelta(days=1),
        total_weight_kg=10,
        sources=[{"growing_area_id": scene.a}],
    )
    assert before_season["flagged"] is True
    kinds = [f["kind"] for f in before_season["balance"]["flags"]]
    assert kinds == ["no_season", "over_capacity"]
    assert before_season["balance"]["sources"][0]["capacity_kg"] is None
    assert (
        session.execute(
            select(PackingLotSource.season_id).where(PackingLotSource.lot_id == before_season["id"])
        ).scalar_one()
        is None
    )


def test_a_harvested_season_covers_two_weeks_after_its_end(session: Session, scene: Scene) -> None:
    old = add_season(
        session, scene.b, SEASON_START - timedelta(days=300), "1", "5", SEASON_START - timedelta(days=100)
    )
    within = SEASON_START - timedelta(days=100 - 14)
    after = SEASON_START - timedelta(days=100 - 15)
    covered = record(session, scene, day=within, total_weight_kg=10, sources=[{"growing_area_id": scene.b}])
    assert covered["balance"]["sources"][0]["season"]["id"] == old and covered["flagged"] is False
    late = record(session, scene, day=after, total_weight_kg=10, sources=[{"growing_area_id": scene.b}])
    assert late["balance"]["sources"][0]["season"] is None and late["flagged"] is True


def test_other_packing_houses_draw_on_the_same_season(session: Session, scene: Scene) -> None:
    other = issued_house(session, scene.drafter, scene.decider, code="VN-LDPH-002")
    link(session, scene.drafter, other, [scene.a])
    body = LotIn.model_validate(
        {"packed_on": PACKED, "total_weight_kg": 30_000, "sources": [{"growing_area_id": scene.a}]}
    )
    packing_lots.record(session, SETTINGS, HOUSES, scene.drafter, other, body)
    here = record(session, scene, total_weight_kg=2_000, sources=[{"growing_area_id": scene.a}])
    assert here["balance"]["total"]["used_kg"] == 30000.0 and here["balance"]["total"]["excess_kg"] == 1000.0


def test_a_suspended_source_is_recorded_and_flagged(session: Session, scene: Scene) -> None:
    decide(session, scene.decider, scene.b, "suspend")
    result = record(session, scene, total_weight_kg=100, sources=[{"growing_area_id": scene.b}])
    assert result["flagged"] is True
    assert [f["kind"] for f in result["balance"]["flags"]] == ["suspended_source"]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"total_weight_kg": -5}, "must be more than 0, got -5 kg"),
        ({"total_weight_kg": 0}, "must be more than 0"),
        ({"total_weight_kg": 5, "total_weight_t": 1}, "not both"),
        ({}, "give total_weight_kg or total_weight_t"),
        ({"total_weight_t": 20_000}, "at most 10,000,000 kg"),
    ],
)
def test_bad_weights_are_refused_and_nothing_is_written(
    session: Session, scene: Scene, fields: dict[str, Any], words: str
) -> None:
    counts = lot_count(session)
    with pytest.raises(InvalidInput, match=words):
        record(session, scene, sources=[{"growing_area_id": scene.a}], **fields)
    assert lot_count(session) == counts


def test_a_lot_dated_in_the_future_is_refused(session: Session, scene: Scene) -> None:
    with pytest.raises(InvalidInput, match="is in the future"):
        record(
            session,
            scene,
            day=TODAY + timedelta(days=1),
            total_weight_kg=1,
            sources=[{"growing_area_id": scene.a}],
        )


def test_sources_must_supply_the_packing_house(session: Session, scene: Scene) -> None:
    stranger = issued_area(session, scene.drafter, scene.decider)
    counts = lot_count(session)
    with pytest.raises(InvalidInput, match="does not supply this packing house") as refused:
        record(
            session,
            scene,
            total_weight_kg=10,
            sources=[
                {"growing_area_id": scene.a},
                {"growing_area_id": stranger},
                {"growing_area_id": 999_999_999},
            ],
        )
    assert "#999999999: không có vùng trồng này" in str(refused.value)
    assert lot_count(session) == counts  # nothing of the lot, not even its first source, was written


def test_stated_parts_must_add_up_and_be_all_or_none(session: Session, scene: Scene) -> None:
    both = [{"growing_area_id": scene.a, "weight_kg": 10}, {"growing_area_id": scene.b, "weight_kg": 5}]
    with pytest.raises(InvalidInput, match="add up to 15 kg but the lot weighs 20 kg"):
        record(session, scene, total_weight_kg=20, sources=both)
    with pytest.raises(InvalidInput, match="every source or for none"):
        record(session, scene, total_weight_kg=20, sources=[both[0], {"growing_area_id": scene.b}])
    with pytest.raises(InvalidInput, match="listed twice"):
        record(session, scene, total_weight_kg=20, sources=[both[0], both[0]])


def test_a_revoked_source_or_an_unissued_packing_house_is_refused(session: Session, scene: Scene) -> None:
    decide(session, scene.decider, scene.b, "revoke")
    with pytest.raises(InvalidInput, match="is 'revoked', not an area holding a code"):
        record(session, scene, total_weight_kg=10, sources=[{"growing_area_id": scene.b}])
    draft, _ = new_house(session, scene.drafter, skip=2)
    body = LotIn.model_validate(
        {"packed_on": PACKED, "total_weight_kg": 1, "sources": [{"growing_area_id": scene.a}]}
    )
    with pytest.raises(Conflict, match="is 'draft': lots are recorded only"):
        packing_lots.record(session, SETTINGS, HOUSES, scene.drafter, draft, body)


def test_only_agriculture_officers_in_scope_record_lots(session: Session, scene: Scene) -> None:
    body = LotIn.model_validate(
        {"packed_on": PACKED, "total_weight_kg": 1, "sources": [{"growing_area_id": scene.a}]}
    )
    for who, words in [
        (staff(session, "t.lot.dn", provinces=("48",)), "outside your scope"),
        (staff(session, "t.lot.env", role="env_officer"), "may not edit"),
    ]:
        with pytest.raises(Forbidden, match=words):
            packing_lots.record(session, SETTINGS, HOUSES, who, scene.house, body)
