"""Migrations are the only DDL path: they go up, down and up again, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from gisapp import db_admin
from gisapp.migrate import downgrade, include_object, upgrade
from gisapp.models import Base
from tests.conftest import fresh_database


def test_upgrade_downgrade_upgrade_and_no_autogenerate_difference() -> None:
    url = fresh_database("gisapp_test_migrations")
    db_admin.ensure_postgis(url)
    engine = create_engine(url, poolclass=NullPool)
    try:
        upgrade(url)
        downgrade(url, "base")
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names()) - {"spatial_ref_sys", "alembic_version"}
            assert tables == set()
            postgis_views = {"geography_columns", "geometry_columns"}
            assert set(inspect(conn).get_view_names()) == postgis_views
        upgrade(url)
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            assert compare_metadata(context, Base.metadata) == []
            assert {"provinces", "communes"} <= set(inspect(conn).get_view_names())
    finally:
        engine.dispose()
        db_admin.drop_database(url)


def test_writes_bump_the_table_version(session) -> None:  # type: ignore[no-untyped-def]
    def version() -> int:
        return int(
            session.execute(
                text(
                    "SELECT coalesce(max(version), 0) FROM table_versions WHERE table_name = 'growing_areas'"
                )
            ).scalar_one()
        )

    before = version()
    session.execute(
        text("UPDATE growing_areas SET name = name WHERE id = (SELECT min(id) FROM growing_areas)")
    )
    assert version() == before + 1


def test_area_is_geodesic_hectares(session) -> None:  # type: ignore[no-untyped-def]
    # A 0.01° × 0.01° square at 12°N: about 1106 m × 1089 m ≈ 120.45 ha on the ellipsoid.
    area = session.execute(
        text(
            "INSERT INTO growing_areas (name, crop, status, geom) VALUES ('t', 'cà phê', 'draft', "
            "ST_Multi(ST_MakeEnvelope(108, 12, 108.01, 12.01, 4326))) RETURNING area_ha"
        )
    ).scalar_one()
    assert 120.3 < float(area) < 120.6
