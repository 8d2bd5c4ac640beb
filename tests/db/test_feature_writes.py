"""The one write path against the real database: roles, scope, geometry checks, versions, audit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.errors import (
    Forbidden,
    InvalidGeometry,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from gisapp.models import AuditRecord, GrowingArea
from gisapp.services.feature_writes import create_feature, feature_etag, update_feature
from gisapp.services.principal import Principal
from gisapp.settings import PROJECT_ROOT
from tests.places import free_spot, square

LAYER = load_catalog(PROJECT_ROOT / "layers").get("growing_areas")


def person(role: str, *, provinces: tuple[str, ...] = (), communes: tuple[str, ...] = ()) -> Principal:
    """A principal; its account row is made by the `accounts` fixture inside the test's transaction."""
    return Principal(
        0, f"t_{role}", "Thử", role, "province", frozenset(provinces), frozenset(communes), "bearer"
    )


@pytest.fixture(autouse=True)
def accounts(session: Session) -> None:
    """The account the principals' user id points at (audit records reference it)."""
    session.execute(
        text(
            "INSERT INTO users (id, username, display_name, password_hash, role, level) "
            "VALUES (0, 't_admin', 'Thử', '!', 'admin', NULL)"
        )
    )


def commune_point(session: Session, province: str) -> tuple[str, float, float]:
    return free_spot(session, province)


def feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"name": "Vùng thử", "crop": "cà phê", **properties},
    }


def audit_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditRecord)).scalar_one())


def test_officer_in_scope_creates_an_audited_feature(session: Session) -> None:
    commune, x, y = commune_point(session, "68")
    officer = person("agri_officer", provinces=("68",))
    new_id, after = create_feature(
        session, LAYER, officer, feature(square(x, y), representative_phone="0900")
    )
    stored = session.get(GrowingArea, new_id)
    assert stored is not None and stored.commune_code == commune and stored.row_version == 1
    assert after["properties"]["representative_phone"] == "0900"
    record = session.execute(select(AuditRecord).where(AuditRecord.entity_id == str(new_id))).scalar_one()
    assert record.action == "create" and record.before is None and record.username == "t_agri_officer"
    assert record.after is not None and record.after["geometry"]["type"] == "MultiPolygon"


@pytest.mark.parametrize(
    ("who", "words"),
    [
        (person("agri_officer", provinces=("48",)), "outside your scope"),
        (person("agri_officer", communes=("00004",)), "outside your scope"),
        (person("viewer", provinces=("68",)), "may not edit"),
        (person("env_officer", provinces=("68",)), "may not edit"),
    ],
)
def test_role_and_scope_are_enforced(session: Session, who: Principal, words: str) -> None:
    _, x, y = commune_point(session, "68")
    before = audit_count(session)
    with pytest.raises(Forbidden, match=words):
        create_feature(session, LAYER, who, feature(square(x, y)))
    assert audit_count(session) == before


@pytest.mark.parametrize(
    ("geometry", "error", "words"),
    [
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[108.0, 12.0], [108.01, 12.01], [108.01, 12.0], [108.0, 12.01], [108.0, 12.0]]
                ],
            },
            InvalidGeometry,
            "Self-intersection at longitude",
        ),
        ({"type": "Point", "coordinates": [108.0, 12.0]}, InvalidGeometry, "not a Point"),
        (square(12.0, 108.0), InvalidGeometry, "[latitude, longitude]"),
        (square(500000.0, 1300000.0, 50), InvalidGeometry, "VN-2000"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[108, 12, 5], [108.01, 12, 5], [108.01, 12.01, 5], [108, 12, 5]]],
            },
            InvalidGeometry,
            "2D",
        ),
        ({"type": "Polygon", "coordinates": "nonsense"}, InvalidGeometry, "not valid GeoJSON"),
        ({"kind": "Polygon"}, InvalidGeometry, "GeoJSON geometry object"),
    ],
)
def test_bad_geometry_is_refused_with_what_and_where(
    session: Session, geometry: dict[str, Any], error: type[Exception], words: str
) -> None:
    officer = person("agri_officer", provinces=("68",))
    with pytest.raises(error) as caught:
        create_feature(session, LAYER, officer, feature(geometry))
    assert words in str(caught.value)


def test_bowtie_is_repaired_only_when_asked(session: Session) -> None:
    _, x, y = commune_point(session, "68")
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 0.004, y + 0.004], [x + 0.004, y], [x, y + 0.004], [x, y]]],
    }
    officer = person("agri_officer", provinces=("68",))
    new_id, after = create_feature(session, LAYER, officer, feature(bowtie), repair=True)
    assert after["geometry"]["type"] == "MultiPolygon"
    assert session.execute(
        text("SELECT ST_IsValid(geom) FROM growing_areas WHERE id = :i"), {"i": new_id}
    ).scalar()


def test_unknown_or_mistyped_properties_are_named(session: Session) -> None:
    _, x, y = commune_point(session, "68")
    officer = person("agri_officer", provinces=("68",))
    with pytest.raises(InvalidInput, match="Cannot set area_ha"):
        create_feature(session, LAYER, officer, feature(square(x, y), area_ha=5))
    with pytest.raises(InvalidInput, match="'variety' must be a string"):
        create_feature(session, LAYER, officer, feature(square(x, y), variety=2024))


def test_update_needs_the_current_version_and_is_audited(session: Session) -> None:
    _, x, y = commune_point(session, "68")
    officer = person("agri_officer", provinces=("68",))
    new_id, _ = create_feature(session, LAYER, officer, feature(square(x, y)))
    with pytest.raises(PreconditionRequired):
        update_feature(session, LAYER, officer, new_id, {"properties": {"name": "Vùng mới"}}, None)
    after = update_feature(
        session, LAYER, officer, new_id, {"properties": {"name": "Vùng mới"}}, feature_etag(1)
    )
    assert after["properties"]["row_version"] == 2 and after["properties"]["name"] == "Vùng mới"
    with pytest.raises(PreconditionFailed) as stale:
        update_feature(session, LAYER, officer, new_id, {"properties": {"name": "x"}}, feature_etag(1))
    assert stale.value.current_etag == feature_etag(2)
    records = (
        session.execute(
            select(AuditRecord).where(AuditRecord.entity_id == str(new_id)).order_by(AuditRecord.id)
        )
        .scalars()
        .all()
    )
    assert [r.action for r in records] == ["create", "update"]
    assert records[1].before is not None and records[1].before["properties"]["name"] == "Vùng thử"
    assert records[1].after is not None and records[1].after["properties"]["name"] == "Vùng mới"


def test_a_feature_cannot_be_moved_out_of_scope(session: Session) -> None:
    _, x, y = commune_point(session, "68")
    _, x2, y2 = commune_point(session, "48")
    officer = person("agri_officer", provinces=("68",))
    new_id, _ = create_feature(session, LAYER, officer, feature(square(x, y)))
    with pytest.raises(Forbidden, match="outside your scope"):
        update_feature(session, LAYER, officer, new_id, {"geometry": square(x2, y2)}, feature_etag(1))
    assert session.get(GrowingArea, new_id).row_version == 1  # type: ignore[union-attr]
    with pytest.raises(NotFound):
        update_feature(session, LAYER, officer, 10**9, {"properties": {}}, feature_etag(1))


def test_a_failing_audit_write_undoes_the_change(session: Session) -> None:
    _, x, y = commune_point(session, "68")
    session.execute(
        text(
            "CREATE FUNCTION pg_temp.refuse() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$"
        )
    )
    session.execute(
        text(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit_records FOR EACH ROW "
            "EXECUTE FUNCTION pg_temp.refuse()"
        )
    )
    count = session.execute(select(func.count()).select_from(GrowingArea)).scalar_one()
    officer = person("agri_officer", provinces=("68",))
    with pytest.raises(Exception, match="audit store unavailable"), session.begin_nested():
        create_feature(session, LAYER, officer, feature(square(x, y)))
    assert session.execute(select(func.count()).select_from(GrowingArea)).scalar_one() == count


def test_a_write_bumps_the_layer_version(session: Session) -> None:
    def version() -> int:
        found = session.execute(text("SELECT version FROM table_versions WHERE table_name = 'growing_areas'"))
        return int(found.scalar_one())

    _, x, y = commune_point(session, "68")
    before = version()
    create_feature(session, LAYER, person("admin"), feature(square(x, y)))
    assert version() > before
