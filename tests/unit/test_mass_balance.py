"""Mass-balance arithmetic against numbers worked out by hand (no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gisapp.services.mass_balance import Season, Source, kg_text, shares, verdict

DAY = date(2026, 6, 15)
# 2.5 ha × 12.4 t/ha = 31 t = 31,000 kg;  1.2 ha × 8 t/ha = 9.6 t = 9,600 kg
DURIAN = Season(1, "Vụ 2026", date(2026, 1, 10), Decimal("2.5000"), Decimal("12.400"))
POMELO = Season(2, None, date(2026, 2, 1), Decimal("1.2000"), Decimal("8.000"))


def source(area_id: int, season: Season | None, used: str = "0", given: str | None = None) -> Source:
    return Source(
        area_id, f"VN-AREA-{area_id}", "issued", season, Decimal(used), Decimal(given) if given else None
    )


def test_capacity_is_area_times_expected_yield_in_kg() -> None:
    assert DURIAN.capacity_kg == Decimal("31000.000")
    assert POMELO.capacity_kg == Decimal("9600.000")


def test_without_stated_parts_a_lot_is_shared_in_proportion_to_what_is_left() -> None:
    # left: 31,000 - 21,000 = 10,000 and 9,600 - 4,600 = 5,000, so 2/3 and 1/3 of 6,000 kg
    sources = [source(1, DURIAN, used="21000"), source(2, POMELO, used="4600")]
    assert shares(Decimal(6000), sources) == [Decimal("4000.000"), Decimal("2000.000")]
    # thirds of 1 kg in whole grams: the remainder goes to the larger share, the parts add up exactly
    parts = shares(Decimal(1), sources)
    assert parts == [Decimal("0.667"), Decimal("0.333")] and sum(parts) == 1


def test_stated_parts_are_kept_and_nothing_left_means_equal_parts() -> None:
    assert shares(Decimal(500), [source(1, DURIAN, given="200"), source(2, POMELO, given="300")]) == [
        Decimal(200),
        Decimal(300),
    ]
    exhausted = [source(1, DURIAN, used="31000"), source(2, None)]
    assert shares(Decimal(500), exhausted) == [Decimal(250), Decimal(250)]


def test_a_lot_within_what_is_left_is_not_flagged() -> None:
    sources = [source(1, DURIAN, used="21000"), source(2, POMELO, used="4600")]
    result = verdict(Decimal(6000), DAY, sources, [Decimal(4000), Decimal(2000)])
    assert result["flagged"] is False and result["flags"] == []
    assert result["total"] == {
        "capacity_kg": 40600.0,
        "used_kg": 25600.0,
        "remaining_kg": 15000.0,
        "this_lot_kg": 6000.0,
        "excess_kg": 0.0,
    }
    assert result["sources"][0]["remaining_kg"] == 10000.0 and result["sources"][1]["remaining_kg"] == 5000.0


def test_a_lot_over_what_is_left_is_flagged_with_the_numbers() -> None:
    # 31,000 + 9,600 = 40,600 declared, 38,000 already packed: 2,600 left, the lot is 5,000: 2,400 over.
    sources = [source(1, DURIAN, used="30000"), source(2, POMELO, used="8000")]
    parts = shares(Decimal(5000), sources)
    assert parts == [Decimal("1923.076"), Decimal("3076.924")]  # 1,000 and 1,600 left: 5/13 and 8/13
    result = verdict(Decimal(5000), DAY, sources, parts)
    assert result["flagged"] is True
    assert result["total"]["excess_kg"] == 2400.0 and result["total"]["remaining_kg"] == 2600.0
    durian, pomelo = result["sources"]
    assert durian["excess_kg"] == 923.076 and pomelo["excess_kg"] == 1476.924
    assert [f["kind"] for f in result["flags"]] == ["over_capacity", "over_capacity", "over_capacity"]
    total_message = result["flags"][-1]["message"]
    assert "5,000 kg is 2,400 kg more" in total_message and "40,600 kg declared, 38,000 kg" in total_message
    assert total_message.startswith("Tổng: lô 5.000 kg vượt 2.400 kg")  # Vietnamese digit grouping
    assert "2.5 ha × 12.4 t/ha = 31,000 kg" in result["flags"][0]["message"]


def test_a_source_with_no_season_is_flagged_and_counts_as_yielding_nothing() -> None:
    result = verdict(Decimal(1000), DAY, [source(1, None)], [Decimal(1000)])
    assert result["flagged"] is True
    assert [f["kind"] for f in result["flags"]] == ["no_season", "over_capacity"]
    assert "no season declared covering 2026-06-15" in result["flags"][0]["message"]
    assert result["sources"][0]["capacity_kg"] is None and result["total"]["excess_kg"] == 1000.0


def test_weights_are_written_the_way_people_read_them() -> None:
    assert kg_text(Decimal("31000.000")) == "31,000"
    assert kg_text(Decimal("1923.076")) == "1,923.076"
    assert kg_text(Decimal("12.500")) == "12.5"
