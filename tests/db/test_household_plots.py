"""Member households' plots: EUDR point-or-polygon rule, inside their growing area, linked households."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gisapp.errors import Forbidden, InvalidGeometry, InvalidInput
from gisapp.models import AuditRecord, GrowingAreaHousehold, HouseholdPlot
from gisapp.services.feature_writes import create_feature, update_feature
from gisapp.services.principal import Principal
from tests.packing import PLOTS, officers
from tests.registry import LAYER, SETTINGS, new_area, staff

HOUSEHOLDS = [{"name": "Nguyễn Văn An", "id_number": "068123456789"}, {"name": "Trần Thị Bình"}]


def area_centre(session: Session, area_id: int) -> tuple[float, float]:
    x, y = session.execute(
        text(
            "SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Centroid(geom) AS c FROM growing_areas WHERE id = :i) s"
        ),
        {"i": area_id},
    ).one()
    return float(x), float(y)


def plot(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": {"label": "Thửa 125, tờ 7", **properties}}


def point(x: float, y: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [x, y]}


def box(x: float, y: float, half: float) -> dict[str, Any]:
    ring = [
        [x - half, y - half],
        [x + half, y - half],
        [x + half, y + half],
        [x - half, y + half],
        [x - half, y - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def area(session: Session) -> tuple[Principal, int]:
    drafter, _ = officers(session)
    area_id, _ = new_area(session, drafter, households=HOUSEHOLDS)  # about 19 ha, 0.004° square
    return drafter, area_id


def test_a_small_plot_may_be_a_point_with_its_declared_area(
    session: Session, area: tuple[Principal, int]
) -> None:
    who, area_id = area
    x, y = area_centre(session, area_id)
    new_id, stored = create_feature(
        session,
        PLOTS,
        who,
        plot(point(x, y), growing_area_id=area_id, declared_area_ha=3.5, holder_name="Hộ An"),
    )
    row = session.get(HouseholdPlot, new_id)
    assert row is not None and row.area_ha is None and float(row.declared_area_ha or 0) == 3.5
    assert stored["geometry"]["type"] == "Point" and row.commune_code is not None
    x_text = str(stored["geometry"]["coordinates"][0])
    assert len(x_text.split(".")[1]) >= 6  # served with EUDR's six decimals or more


def test_a_point_for_a_plot_over_4_ha_is_refused(session: Session, area: tuple[Principal, int]) -> None:
    who, area_id = area
    x, y = area_centre(session, area_id)
    with pytest.raises(
        InvalidInput, match=r"plot 'Thửa 9' is 4\.5 ha: plots over 4 ha must be mapped as a polygon"
    ):
        create_feature(
            session,
            PLOTS,
            who,
            plot(point(x, y), label="Thửa 9", growing_area_id=area_id, declared_area_ha=4.5),
        )
    with pytest.raises(InvalidInput, match="plot 'Thửa 125, tờ 7' is a point: give its declared_area_ha"):
        create_feature(session, PLOTS, who, plot(point(x, y), growing_area_id=area_id))
    # A polygon of about 6 ha is fine, with or without a declared area.
    _, stored = create_feature(session, PLOTS, who, plot(box(x, y, 0.0011), growing_area_id=area_id))
    assert stored["geometry"]["type"] == "MultiPolygon" and stored["properties"]["area_ha"] > 4


def test_the_database_refuses_a_large_point_whatever_writes_it(
    session: Session, area: tuple[Principal, int]
) -> None:
    _, area_id = area
    x, y = area_centre(session, area_id)
    with pytest.raises(IntegrityError, match="point_at_most_4_ha"), session.begin_nested():
        session.execute(
            text(
                "INSERT INTO household_plots (growing_area_id, label, declared_area_ha, geom) "
                "VALUES (:a, 'x', 5, ST_SetSRID(ST_MakePoint(:x, :y), 4326))"
            ),
            {"a": area_id, "x": x, "y": y},
        )


def test_a_plot_outside_its_area_is_refused_naming_the_plot(
    session: Session, area: tuple[Principal, int]
) -> None:
    who, area_id = area
    x, y = area_centre(session, area_id)
    audits = session.execute(select(func.count()).select_from(AuditRecord)).scalar_one()
    with pytest.raises(
        InvalidInput, match=r"plot 'Thửa 3' lies outside its growing area #\d+ .*: [\d,.]+ m beyond"
    ):
        create_feature(
            session,
            PLOTS,
            who,
            plot(point(x + 0.0025, y), label="Thửa 3", growing_area_id=area_id, declared_area_ha=1),
        )
    with pytest.raises(
        InvalidInput, match=r"plot 'Thửa 4' lies outside .*: [\d,]+ m² of it beyond the boundary"
    ):
        create_feature(
            session, PLOTS, who, plot(box(x + 0.002, y, 0.0005), label="Thửa 4", growing_area_id=area_id)
        )
    assert session.execute(select(func.count()).select_from(HouseholdPlot)).scalar_one() == 0
    assert session.execute(select(func.count()).select_from(AuditRecord)).scalar_one() == audits
    # One metre past the edge is GPS error, within the 2 m tolerance.
    edge = x + 0.002 + 1 / 109_000
    create_feature(session, PLOTS, who, plot(point(edge, y), growing_area_id=area_id, declared_area_ha=0.5))


def test_a_plot_belongs_to_a_household_of_its_area_and_stays_linked(
    session: Session, area: tuple[Principal, int]
) -> None:
    who, area_id = area
    x, y = area_centre(session, area_id)
    an, binh = session.execute(
        select(GrowingAreaHousehold.id)
        .where(GrowingAreaHousehold.growing_area_id == area_id)
        .order_by(GrowingAreaHousehold.position)
    ).scalars()
    other_area, _ = new_area(session, who, skip=1, households=[{"name": "Lê Văn Cường"}])
    stranger = session.execute(
        select(GrowingAreaHousehold.id).where(GrowingAreaHousehold.growing_area_id == other_area)
    ).scalar_one()
    with pytest.raises(InvalidInput, match=f"household {stranger} is not a member household of growing area"):
        create_feature(
            session,
            PLOTS,
            who,
            plot(point(x, y), growing_area_id=area_id, household_id=stranger, declared_area_ha=1),
        )
    plot_id, _ = create_feature(
        session, PLOTS, who, plot(point(x, y), growing_area_id=area_id, household_id=an, declared_area_ha=1)
    )
    # The area's households are edited (order changed, a phone added, Bình removed): An keeps the row.
    version = session.execute(
        text("SELECT row_version FROM growing_areas WHERE id = :i"), {"i": area_id}
    ).scalar_one()
    changed = [
        {"name": "Phạm Thị Dung"},
        {"name": "Nguyễn Văn An", "id_number": "068123456789", "phone": "0912345678"},
    ]
    update_feature(
        session,
        LAYER,
        who,
        area_id,
        {"properties": {"households": changed}},
        f'"v{version}"',
        settings=SETTINGS,
    )
    session.expire_all()
    assert session.get(HouseholdPlot, plot_id).household_id == an  # type: ignore[union-attr]
    assert session.get(GrowingAreaHousehold, binh) is None
    assert session.get(GrowingAreaHousehold, an).phone == "0912345678"  # type: ignore[union-attr]


def test_only_agriculture_officers_in_scope_write_plots(
    session: Session, area: tuple[Principal, int]
) -> None:
    _, area_id = area
    x, y = area_centre(session, area_id)
    for who in (
        staff(session, "t.plot.dn", provinces=("48",)),
        staff(session, "t.plot.env", role="env_officer"),
    ):
        with pytest.raises(Forbidden):
            create_feature(
                session, PLOTS, who, plot(point(x, y), growing_area_id=area_id, declared_area_ha=1)
            )


def test_bad_plot_input_is_refused(session: Session, area: tuple[Principal, int]) -> None:
    who, area_id = area
    x, y = area_centre(session, area_id)
    line = {"type": "LineString", "coordinates": [[x, y], [x + 0.001, y]]}
    with pytest.raises(InvalidGeometry, match="must be a Polygon or MultiPolygon or Point, not a Linestring"):
        create_feature(session, PLOTS, who, plot(line, growing_area_id=area_id))
    with pytest.raises(InvalidInput, match="no growing area has id 999999999"):
        create_feature(
            session, PLOTS, who, plot(point(x, y), growing_area_id=999_999_999, declared_area_ha=1)
        )
    with pytest.raises(InvalidInput, match="growing_area_id must be given"):
        create_feature(session, PLOTS, who, plot(point(x, y), declared_area_ha=1))
    with pytest.raises(InvalidInput, match="'declared_area_ha' must be more than 0"):
        create_feature(session, PLOTS, who, plot(point(x, y), growing_area_id=area_id, declared_area_ha=-1))
