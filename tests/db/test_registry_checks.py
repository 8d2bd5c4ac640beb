"""The registry's checks on create and geometry change: crop, minimum area, commune, overlap."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, InvalidGeometry, InvalidInput
from gisapp.services.feature_writes import create_feature, feature_etag, update_feature
from gisapp.services.registry_checks import RegistryCheckFailed
from tests.places import free_spot, square
from tests.registry import LAYER, SETTINGS, area_feature, new_area, staff


def checks_of(excinfo: pytest.ExceptionInfo[RegistryCheckFailed]) -> list[str]:
    return [p.check for p in excinfo.value.problems]


def test_a_plot_below_the_crop_minimum_is_refused_with_both_figures(session: Session) -> None:
    officer = staff(session, "t.agri")
    _, x, y = free_spot(session, "68")
    small = square(x, y, half=0.0002)  # about 0.19 ha
    with pytest.raises(RegistryCheckFailed) as excinfo:
        create_feature(session, LAYER, officer, area_feature(small, crop="cà phê"), settings=SETTINGS)
    assert checks_of(excinfo) == ["min_area"]
    assert "below the 1 ha minimum for coffee" in excinfo.value.message
    _new_id, stored = create_feature(
        session, LAYER, officer, area_feature(small, crop="lúa"), settings=SETTINGS
    )
    assert 0.1 < stored["properties"]["area_ha"] < 1  # an annual crop needs only 0.1 ha


def test_a_thousandth_of_a_hectare_is_refused(session: Session) -> None:
    officer = staff(session, "t.agri")
    _, x, y = free_spot(session, "68")
    tiny = square(x, y, half=0.000015)  # about 3 m by 3 m
    with pytest.raises(RegistryCheckFailed, match=r"the area 0\.001\d ha is below the 0\.1 ha minimum"):
        create_feature(session, LAYER, officer, area_feature(tiny, crop="rau"), settings=SETTINGS)


def test_an_unknown_crop_is_named_with_the_known_ones(session: Session) -> None:
    officer = staff(session, "t.agri")
    with pytest.raises(RegistryCheckFailed) as excinfo:
        new_area(session, officer, crop="cây tưởng tượng")
    assert checks_of(excinfo) == ["crop"]
    assert "Unknown crop 'cây tưởng tượng'" in excinfo.value.message and "sầu riêng" in excinfo.value.message


def test_a_closed_commune_code_names_its_successor(session: Session) -> None:
    officer = staff(session, "t.agri")
    old, new = session.execute(
        text(
            "SELECT old_commune_code, new_commune_code FROM commune_crosswalk x WHERE NOT EXISTS "
            "(SELECT 1 FROM admin_units a WHERE a.code = x.old_commune_code AND a.valid_to IS NULL) "
            "AND new_province_code = '68' ORDER BY 1 LIMIT 1"
        )
    ).one()
    with pytest.raises(RegistryCheckFailed) as excinfo:
        new_area(session, officer, issued_commune_code=old)
    assert checks_of(excinfo) == ["commune"]
    assert "closed by the 2025 merger" in excinfo.value.message and new in excinfo.value.message
    with pytest.raises(RegistryCheckFailed, match="no commune in force has code 99999"):
        new_area(session, officer, issued_commune_code="99999")
    with pytest.raises(InvalidInput, match="5-digit commune code"):
        new_area(session, officer, issued_commune_code="12ab")


def test_a_plot_filed_under_the_wrong_commune_names_where_it_lies(session: Session) -> None:
    officer = staff(session, "t.agri")
    commune, _, _ = free_spot(session, "68")
    other = session.execute(
        text(
            "SELECT code FROM admin_units "
            "WHERE level = 'commune' AND parent_code = '68' AND code <> :c LIMIT 1"
        ),
        {"c": commune},
    ).scalar_one()
    with pytest.raises(RegistryCheckFailed) as excinfo:
        new_area(session, officer, issued_commune_code=other)
    problem = excinfo.value.problems[0]
    assert problem.check == "commune" and problem.other is not None
    assert problem.other["commune_code"] == commune and f"it lies in {commune}" in problem.message
    _new_id, stored = new_area(session, officer, issued_commune_code=commune)
    assert stored["properties"]["issued_commune_code"] == commune == stored["properties"]["commune_code"]


def test_overlap_with_an_active_area_is_named_measured_and_drawn(session: Session) -> None:
    officer = staff(session, "t.agri")
    _, x, y = free_spot(session, "68")
    first_id, _ = create_feature(session, LAYER, officer, area_feature(square(x, y)), settings=SETTINGS)
    session.execute(
        text("UPDATE growing_areas SET status = 'issued', code = 'VN-68-00000-999-25' WHERE id = :i"),
        {"i": first_id},
    )
    shifted = square(x + 0.002, y, half=0.002)  # half of it on the first area
    with pytest.raises(RegistryCheckFailed) as excinfo:
        create_feature(session, LAYER, officer, area_feature(shifted), settings=SETTINGS)
    problem = excinfo.value.problems[0]
    assert problem.check == "overlap" and problem.other is not None
    assert problem.other["code"] == "VN-68-00000-999-25" and problem.other["id"] == first_id
    assert 80_000 < problem.other["overlap_m2"] < 110_000  # half of a ~19 ha square
    assert problem.geometry is not None and problem.geometry["type"] in ("Polygon", "MultiPolygon")
    assert "VN-68-00000-999-25" in problem.message
    sliver = square(x + 0.004 - 0.000001, y, half=0.002)  # 11 cm wide: under 100 m² and 1 %
    new_id, _ = create_feature(session, LAYER, officer, area_feature(sliver), settings=SETTINGS)
    assert new_id > first_id
    # Tolerated overlaps are still kept, for the staff-only conflicts layer, once both are active.
    conflicts = "SELECT area_code, other_id, overlap_m2 FROM overlap_conflicts WHERE area_id = :a"
    assert session.execute(text(conflicts), {"a": first_id}).all() == []  # the sliver is only a draft
    session.execute(text("UPDATE growing_areas SET status = 'submitted' WHERE id = :i"), {"i": new_id})
    (code, other, overlap_m2) = session.execute(text(conflicts), {"a": first_id}).one()
    assert code == "VN-68-00000-999-25" and other == new_id and 0 < overlap_m2 < 100
    session.execute(text("UPDATE growing_areas SET status = 'revoked' WHERE id = :i"), {"i": first_id})
    assert session.execute(text(conflicts), {"a": first_id}).all() == []


def test_a_draft_does_not_block_but_is_checked_against_active_areas(session: Session) -> None:
    officer = staff(session, "t.agri")
    _, x, y = free_spot(session, "68")
    create_feature(session, LAYER, officer, area_feature(square(x, y)), settings=SETTINGS)
    twin_id, _ = create_feature(session, LAYER, officer, area_feature(square(x, y)), settings=SETTINGS)
    assert twin_id  # two drafts may overlap while nothing is decided


def test_a_geometry_change_is_checked_too(session: Session) -> None:
    officer = staff(session, "t.agri")
    area_id, _stored = new_area(session, officer)
    _, x, y = free_spot(session, "68")
    patch = {"geometry": square(x, y, half=0.0001)}
    with pytest.raises(RegistryCheckFailed, match="minimum"):
        update_feature(session, LAYER, officer, area_id, patch, feature_etag(1), settings=SETTINGS)
    changed = update_feature(
        session, LAYER, officer, area_id, {"properties": {"crop": "rau"}}, feature_etag(1), settings=SETTINGS
    )
    assert changed["properties"]["crop"] == "rau"


@pytest.mark.parametrize(
    ("geometry", "words"),
    [
        (
            {
                "type": "Polygon",
                "coordinates": [[[11.9, 108.4], [11.9, 108.41], [11.91, 108.41], [11.9, 108.4]]],
            },
            "[latitude, longitude]",
        ),
        ({"type": "Point", "coordinates": [108.4, 11.9]}, "not a Point"),
        ({"type": "GeometryCollection", "geometries": []}, "GeoJSON geometry object"),
        ({"type": "Polygon", "coordinates": []}, "empty"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[108.4, 11.9, 5], [108.41, 11.9, 5], [108.41, 11.91, 5], [108.4, 11.9, 5]]],
            },
            "2D",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[400.0, 11.9], [400.1, 11.9], [400.1, 12.0], [400.0, 11.9]]],
            },
            "outside Vietnam",
        ),
    ],
)
def test_bad_geometry_is_refused_before_any_check(
    session: Session, geometry: dict[str, Any], words: str
) -> None:
    officer = staff(session, "t.agri")
    with pytest.raises(InvalidGeometry, match=words.replace("[", r"\[").replace("]", r"\]")):
        create_feature(session, LAYER, officer, area_feature(geometry), settings=SETTINGS)


def test_export_codes_are_normalised_and_never_shared(session: Session) -> None:
    officer = staff(session, "t.agri")
    _, stored = new_area(session, officer, export_code="vn - dnor - 0269")
    assert stored["properties"]["export_code"] == "VN-DNOR-0269"
    with pytest.raises(Conflict, match="VN-DNOR-0269 already belongs"):
        new_area(session, officer, skip=2, export_code="VN-DNOR-0269")
    with pytest.raises(InvalidInput, match="not an export growing-area code"):
        new_area(session, officer, skip=2, export_code="VN-68-24848-01-25")


def test_households_and_markets_are_checked_by_position(session: Session) -> None:
    officer = staff(session, "t.agri")
    with pytest.raises(InvalidInput, match="Household 2 needs a 'name'"):
        new_area(session, officer, households=[{"name": "Nguyễn Văn A"}, {"phone": "0912345678"}])
    with pytest.raises(InvalidInput, match="Household 1: ID number must be 12 digits"):
        new_area(session, officer, households=[{"name": "Nguyễn Văn A", "id_number": "12"}])
    with pytest.raises(InvalidInput, match="Market 1: document_date must be YYYY-MM-DD"):
        new_area(session, officer, markets=[{"market": "Trung Quốc", "document_date": "15/9/2025"}])
    with pytest.raises(InvalidInput, match="Unknown standard"):
        new_area(session, officer, standard="ISO")
    members = [{"name": "Nguyễn Văn A", "phone": "0912 345 678", "id_number": "079123456789"}]
    _, stored = new_area(session, officer, households=members, standard="VietGAP")
    assert stored["properties"]["households"][0]["id_number"] == "079123456789"


def test_status_and_code_change_only_through_decisions(session: Session) -> None:
    officer = staff(session, "t.agri")
    area_id, _ = new_area(session, officer)
    for name, value in (("status", "issued"), ("code", "VN-68-1-1-25")):
        with pytest.raises(InvalidInput, match=f"Cannot set {name}"):
            update_feature(session, LAYER, officer, area_id, {"properties": {name: value}}, feature_etag(1))


def test_a_code_once_set_is_permanent_in_the_database(session: Session) -> None:
    code = session.execute(text("SELECT code FROM growing_areas WHERE code IS NOT NULL LIMIT 1")).scalar_one()
    with pytest.raises(DBAPIError, match="permanent"), session.begin_nested():
        session.execute(text("UPDATE growing_areas SET code = 'VN-X' WHERE code = :c"), {"c": code})
