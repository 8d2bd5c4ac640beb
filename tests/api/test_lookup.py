"""`GET /api/lookup` on the real database: by code (both kinds, any spacing), by GPS position, by words
typed without diacritics; only public rows and public fields; every bad input a 4xx that says why."""

from __future__ import annotations

import asyncio
import unicodedata
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.services.driver_sql import DriverQuery, fetch_rows_in
from gisapp.services.lookup import EXACT_CANDIDATES, found_in, lookup_query
from gisapp.services.lookup_input import ByCode, ByPosition, ByText, Criterion, LookupRequest
from gisapp.services.read_pool import SessionReader
from gisapp.services.word_shares import WordShares, read_word_shares
from gisapp.settings import PROJECT_ROOT
from tests.lookup_data import (
    area_with_status,
    isolated_area,
    point_east_of,
    point_inside,
    set_columns,
)

LAYER = load_catalog(PROJECT_ROOT / "layers").get("growing_areas")
PUBLIC_KEYS = {p.name for p in LAYER.properties} | {
    "commune_name",
    "province_name",
    "issued_commune_name",
    "verify_url",
    "distance_m",
    "score",
}
SENTINEL = "SNT4b1e"


def lookup(client: TestClient, **params: object) -> dict[str, Any]:
    response = client.get("/api/lookup", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/geo+json")
    body: dict[str, Any] = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["numberReturned"] == len(body["features"])
    return body


def ids(body: dict[str, Any]) -> list[int]:
    return [feature["id"] for feature in body["features"]]


def oddly_typed(code: str) -> str:
    """`VN-68-24820-234-25` -> ` vn - 68 -24820-  234 - 25 `, as people copy it from paper."""
    parts = code.lower().split("-")
    return " " + " - ".join(parts[:2]) + " -" + "-".join(parts[2:4]) + "-  " + " - ".join(parts[4:]) + " "


# --- by code ---------------------------------------------------------------------------------------------


def test_official_code_any_spacing_and_case(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued")
    assert area.code
    body = lookup(client, code=oddly_typed(area.code))
    assert ids(body) == [area.id]
    assert body["query"] == {"by": "code", "code": area.code, "limit": 10}
    props = body["features"][0]["properties"]
    assert props["code"] == area.code
    assert props["status"] == "issued"
    assert props["verify_url"] == f"/v/{area.code}"
    assert body["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_export_code_any_spacing_and_case(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "suspended")
    set_columns(session, area.id, export_code="VN-DNOR-0269")
    for typed in ("vn - dnor - 0269", "VN-DNOR-0269", "  Vn‑Dnor–0269 "):  # non-breaking hyphen, en dash
        body = lookup(client, code=typed)
        assert ids(body) == [area.id], typed
        assert body["features"][0]["properties"]["export_code"] == "VN-DNOR-0269"
        assert body["features"][0]["properties"]["status"] == "suspended"


def test_unknown_code_is_an_empty_list(client: TestClient) -> None:
    body = lookup(client, code="VN-99-99999-999-99")
    assert body["features"] == []


def test_commune_and_province_names_come_with_the_area(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued")
    props = lookup(client, code=area.code)["features"][0]["properties"]
    expected = session.execute(
        text(
            "SELECT c.name, p.name FROM growing_areas g JOIN admin_units c ON c.level = 'commune'"
            " AND c.code = g.commune_code AND c.valid_to IS NULL JOIN admin_units p ON p.level = 'province'"
            " AND p.code = c.parent_code AND p.valid_to IS NULL WHERE g.id = :i"
        ),
        {"i": area.id},
    ).one()
    assert (props["commune_name"], props["province_name"]) == tuple(expected)


# --- by position -----------------------------------------------------------------------------------------


def test_point_inside_finds_the_area_at_distance_zero(client: TestClient, session: Session) -> None:
    area = isolated_area(session)
    lon, lat = point_inside(session, area.id)
    body = lookup(client, lon=lon, lat=lat)
    assert ids(body) == [area.id]
    assert body["features"][0]["properties"]["distance_m"] == 0
    assert body["query"]["by"] == "position"


def test_point_20_m_outside_finds_the_area_with_its_distance(client: TestClient, session: Session) -> None:
    area = isolated_area(session)
    lon, lat = point_east_of(session, area.id, 20)
    body = lookup(client, lon=f"{lon:.7f}", lat=f"{lat:.7f}")
    assert ids(body) == [area.id]
    assert 19.0 <= body["features"][0]["properties"]["distance_m"] <= 21.0


def test_point_200_m_away_finds_nothing(client: TestClient, session: Session) -> None:
    area = isolated_area(session)
    lon, lat = point_east_of(session, area.id, 200)
    assert lookup(client, lon=lon, lat=lat)["features"] == []


def test_inside_one_area_the_near_ones_are_left_out(client: TestClient, session: Session) -> None:
    area = isolated_area(session)
    other = area_with_status(session, "issued", offset=5)
    # Another public plot, a 10 m disc centred 25 m east of the first: near, never the answer from inside.
    x, y = point_east_of(session, area.id, 25)
    session.execute(
        text(
            "UPDATE growing_areas SET geom = ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(:x, :y), 4326)"
            "::geography, 10)::geometry) WHERE id = :o"
        ),
        {"x": x, "y": y, "o": other.id},
    )
    lon, lat = point_east_of(session, area.id, 5)
    near = lookup(client, lon=lon, lat=lat)
    assert set(ids(near)) == {area.id, other.id}
    assert [f["properties"]["distance_m"] for f in near["features"]] == sorted(
        f["properties"]["distance_m"] for f in near["features"]
    )
    lon, lat = point_inside(session, area.id)
    assert ids(lookup(client, lon=lon, lat=lat)) == [area.id]


# --- by words --------------------------------------------------------------------------------------------


def test_words_without_diacritics_find_durian_in_bao_loc_first(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued", offset=3)
    set_columns(session, area.id, name="Vùng trồng Sầu riêng Ri6 tổ 4, Phường 1 Bảo Lộc", crop="sầu riêng")
    body = lookup(client, q="sau rieng bao loc")
    assert body["features"], "nothing found"
    first = body["features"][0]["properties"]
    folded = strip_marks(first["name"]).lower()
    assert "sau rieng" in folded and "bao loc" in folded, first["name"]
    assert first["score"] == pytest.approx(1.0)
    scores = [f["properties"]["score"] for f in body["features"]]
    assert scores == sorted(scores, reverse=True)


def strip_marks(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_words_typed_with_diacritics_in_any_unicode_form(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued", offset=4)
    set_columns(session, area.id, name="Vùng trồng Thanh long ruột đỏ Hàm Thuận Nam", crop="thanh long")
    for typed in (
        "thanh long ruot do ham thuan",
        "Thanh long ruột đỏ",
        unicodedata.normalize("NFD", "ruột đỏ"),
    ):
        assert ids(lookup(client, q=typed))[0] == area.id, typed


def test_every_word_must_be_found(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued", offset=6)
    set_columns(session, area.id, name="Vùng trồng Mắc ca Đạ Huoai")
    assert area.id in ids(lookup(client, q="mac ca da huoai"))
    assert lookup(client, q="mac ca da huoai zzqxw")["features"] == []


def test_representative_is_searched_but_never_shown(client: TestClient, session: Session) -> None:
    area = area_with_status(session, "issued", offset=7)
    set_columns(
        session,
        area.id,
        representative_name="Nguyễn Thị Hồng Nhung",
        representative_phone=f"{SENTINEL}1",
        representative_id_number=f"{SENTINEL}2",
    )
    response = client.get("/api/lookup", params={"q": "nguyen thi hong nhung"})
    assert response.json()["features"][0]["id"] == area.id
    assert "Nhung" not in response.text and SENTINEL not in response.text


def test_sql_in_the_words_is_only_searched_for(client: TestClient, session: Session) -> None:
    before = session.execute(text("SELECT count(*) FROM growing_areas")).scalar_one()
    for typed in (
        "'; DROP TABLE growing_areas; --",
        "%' OR 1=1 --",
        "x') UNION SELECT representative_phone--",
    ):
        body = lookup(client, q=typed)
        assert all(f["properties"]["status"] in ("issued", "suspended", "revoked") for f in body["features"])
    assert session.execute(text("SELECT count(*) FROM growing_areas")).scalar_one() == before


def test_limit_default_cap_and_value(client: TestClient) -> None:
    assert lookup(client, q="vung trong")["query"]["limit"] == 10
    assert len(lookup(client, q="vung trong", limit=3)["features"]) == 3
    capped = lookup(client, q="vung trong", limit=500)
    assert capped["query"]["limit"] == 50
    assert len(capped["features"]) == 50


# --- only public rows, only public fields ----------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_dossiers_are_never_found(client: TestClient, session: Session, status: str) -> None:
    dossier = isolated_area(session, status)
    set_columns(session, dossier.id, export_code="VN-LDOR-0999", name="Hồ sơ chưa cấp Zyxwvu")
    assert lookup(client, code="VN-LDOR-0999")["features"] == []
    assert lookup(client, q="ho so chua cap zyxwvu")["features"] == []
    lon, lat = point_inside(session, dossier.id)
    assert lookup(client, lon=lon, lat=lat)["features"] == []


def test_private_fields_and_households_never_leave(client: TestClient, session: Session) -> None:
    area = isolated_area(session)
    set_columns(
        session,
        area.id,
        representative_name=f"{SENTINEL} Trần Văn A",
        representative_phone=f"{SENTINEL}9",
        representative_id_number=f"{SENTINEL}8",
    )
    session.execute(
        text(
            "INSERT INTO growing_area_households (growing_area_id, position, name, phone, id_number, address)"
            " VALUES (:i, 1, :n, :p, :d, :a)"
        ),
        {"i": area.id, "n": f"{SENTINEL}h", "p": f"{SENTINEL}p", "d": f"{SENTINEL}d", "a": f"{SENTINEL}a"},
    )
    lon, lat = point_inside(session, area.id)
    for params in ({"code": area.code}, {"lon": lon, "lat": lat}, {"q": area.name}):
        response = client.get("/api/lookup", params=params)
        assert response.status_code == 200
        assert SENTINEL not in response.text, params
        for feature in response.json()["features"]:
            assert set(feature["properties"]) <= PUBLIC_KEYS
            assert not any(key.startswith("representative") for key in feature["properties"])
            assert "households" not in feature["properties"]


def test_answers_may_be_cached_publicly(client: TestClient, session: Session) -> None:
    response = client.get("/api/lookup", params={"code": area_with_status(session, "issued").code})
    assert response.headers["cache-control"].startswith("public")


# --- bad input: 4xx with a message, never 500 ------------------------------------------------------------

BAD = [
    ({}, "exactly one of"),
    ({"code": "VN-DNOR-0269", "q": "sau rieng"}, "exactly one of"),
    ({"code": "VN-DNOR-0269", "lon": "108", "lat": "11.5"}, "exactly one of"),
    ({"q": "sau", "lon": "108", "lat": "11.5"}, "exactly one of"),
    ({"lon": "108.4"}, "lat"),
    ({"lat": "11.5"}, "lon"),
    ({"q": ""}, "no letters or digits"),
    ({"q": "   !!! ... "}, "no letters or digits"),
    ({"q": "a" * 201}, "at most 200"),
    ({"q": "sầu riêng " * 1000}, "at most 200"),
    ({"q": "sau\x00rieng"}, "NUL"),
    ({"code": "VN-DNOR\x000269"}, "code"),
    ({"code": "'; DROP TABLE growing_areas; --"}, "not a valid code"),
    ({"code": ""}, "empty"),
    ({"lon": "abc", "lat": "11.5"}, "must be a number"),
    ({"lon": "108.4", "lat": "11,5"}, "decimal separator"),
    ({"lon": "nan", "lat": "11.5"}, "finite"),
    ({"lon": "200", "lat": "11.5"}, "between -180 and 180"),
    ({"lon": "108", "lat": "-95"}, "between -90 and 90"),
    ({"lon": "11.94", "lat": "108.44"}, "swapped"),
    ({"lon": "2.35", "lat": "48.85"}, "outside Vietnam"),
    ({"lon": "11.94", "lat": "80.1"}, "outside Vietnam"),
    ({"q": "sau", "limit": "0"}, "at least 1"),
    ({"q": "sau", "limit": "ten"}, "whole number"),
    ({"name": "sau rieng"}, "Unknown parameter 'name'"),
]


@pytest.mark.parametrize(("params", "says"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_bad_input_is_a_4xx_with_a_message(client: TestClient, params: dict[str, str], says: str) -> None:
    response = client.get("/api/lookup", params=params)
    assert 400 <= response.status_code < 500, (params, response.status_code, response.text[:300])
    body = response.json()
    assert says.lower() in body["description"].lower(), body
    assert body["code"] == "invalid_parameter"


def test_a_parameter_given_twice_is_refused(client: TestClient) -> None:
    response = client.get("/api/lookup?q=sau&q=rieng")
    assert response.status_code == 400
    assert "twice" in response.json()["description"]


def test_generic_words_rank_but_are_not_required(client: TestClient, session: Session) -> None:
    """'Vùng trồng', 'thôn', 'xã'… are in nearly every name: they rank answers but need not be found."""
    area = area_with_status(session, "issued", offset=8)
    set_columns(session, area.id, name="Vùng trồng Chanh leo Tà Xùa", crop="chanh leo")
    body = lookup(client, q="vung trong chanh leo thon ta xua")
    assert body["query"]["words"] == ["chanh", "leo", "xua", "ta"]
    assert ids(body)[0] == area.id
    assert lookup(client, q="vùng trồng")["query"]["words"] == ["trồng", "vùng"]  # nothing else to require


def test_a_mistyped_word_is_still_found_approximately(client: TestClient, session: Session) -> None:
    """No area holds 'huoaii' whole, so the trigram index answers: one letter too many still finds it."""
    area = area_with_status(session, "issued", offset=9)
    set_columns(session, area.id, name="Vùng trồng Mắc ca Đạ Huoai")
    assert area.id in ids(lookup(client, q="mac ca da huoaii"))


def test_near_misses_are_left_out_while_areas_hold_every_word(client: TestClient, session: Session) -> None:
    """Typed exactly, a name finds the areas that hold its words, not ones that merely resemble them."""
    exact = area_with_status(session, "issued", offset=10)
    set_columns(session, exact.id, name="Vùng trồng Mắc ca Đạ Huoai")
    resembling = area_with_status(session, "issued", offset=11)
    set_columns(session, resembling.id, name="Vùng trồng Mắc ca Đạ Huoaii")
    found = ids(lookup(client, q="mac ca da huoai"))
    assert exact.id in found
    assert resembling.id not in found
    assert ids(lookup(client, q="mac ca da huoaii"))[0] == resembling.id


def test_more_areas_with_every_word_than_are_ranked_go_to_the_trigram_index(session: Session) -> None:
    """Past the cap (300 on the server; 1 here) the trigram index ranks them, nearest first."""
    first = area_with_status(session, "issued", offset=12)
    set_columns(session, first.id, name="Vùng trồng Sầu riêng Ri6 Krông Pắc")
    second = area_with_status(session, "issued", offset=13)
    set_columns(session, second.id, name="Vùng trồng Sầu riêng Ri6 tổ 2 Krông Pắc")
    request = LookupRequest(ByText("sau rieng krong pac", ("rieng", "krong", "sau", "pac")), limit=10)
    query = lookup_query(LAYER, request)
    for cap in (query.params["exact_cap"], 1):
        capped = DriverQuery(query.sql, query.params | {"exact_cap": cap})
        found = found_in(request, fetch_rows_in(session, capped))
        assert {first.id, second.id} <= {area.id for area in found}, cap
        scores = [area.properties["score"] for area in found]
        assert scores == sorted(scores, reverse=True), cap


def test_words_the_statistics_call_common_skip_the_word_index(session: Session) -> None:
    """Predicted to be held by 300 areas or more, the words go straight to the trigram index, which
    (unlike the word index) also lists areas that only resemble them."""
    exact = area_with_status(session, "issued", offset=14)
    set_columns(session, exact.id, name="Vùng trồng Mắc ca Đạ Huoai")
    resembling = area_with_status(session, "issued", offset=15)
    set_columns(session, resembling.id, name="Vùng trồng Mắc ca Đạ Huoaii")
    request = LookupRequest(ByText("mac ca da huoai", ("huoai", "mac", "ca", "da")), limit=10)
    common = WordShares(dict.fromkeys(("mac", "ca", "da", "huoai"), 0.5), rows=1_000_000)
    assert lookup_query(LAYER, request).params["exact_cap"] == EXACT_CANDIDATES
    query = lookup_query(LAYER, request, common)
    assert query.params["exact_cap"] == 0
    found = {area.id for area in found_in(request, fetch_rows_in(session, query))}
    assert {exact.id, resembling.id} <= found


def test_the_word_index_statistics_are_read(session: Session) -> None:
    session.execute(text("ANALYZE growing_areas"))
    shares = asyncio.run(read_word_shares(SessionReader(session)))
    assert shares.rows > 0
    assert shares.shares["vung"] > 0.5  # nearly every name begins "Vùng trồng"


# --- the SQL the read pool sends -------------------------------------------------------------------------

INDEX_FOR = [
    (ByCode("VN-68-24820-234-25"), ("uq_growing_areas_code", "uq_growing_areas_export_code")),
    (ByPosition(108.44, 11.94), ("ix_growing_areas_geog",)),
    (
        ByText("sau rieng bao loc", ("sau", "rieng", "bao", "loc")),
        ("ix_growing_areas_search_words", "ix_growing_areas_search_text"),
    ),
]


@pytest.mark.parametrize(("criterion", "indexes"), INDEX_FOR, ids=["code", "position", "text"])
def test_lookup_sql_is_served_by_its_index(
    session: Session, criterion: Criterion, indexes: tuple[str]
) -> None:
    """The compiled driver SQL (layer constants inlined, only the request's values as parameters),
    explained as PostgreSQL plans it; with sequential scans off, as the test table is small."""
    query = lookup_query(LAYER, LookupRequest(criterion, limit=10))
    assert "'issued'" in query.sql  # published statuses are literals, not parameters
    session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(
        row[0] for row in session.connection().exec_driver_sql("EXPLAIN " + query.sql, query.params)
    )
    for index in indexes:
        assert index in plan, plan


def test_the_search_text_has_no_statistics_to_plan_with(session: Session) -> None:
    """The planner would run every trigram condition on each sampled search text, 3 ms per search."""
    session.execute(text("ANALYZE growing_areas"))
    analysed = session.execute(
        text(
            "SELECT attname FROM pg_stats WHERE tablename = 'growing_areas'"
            " AND attname IN ('name', 'search_text')"
        )
    )
    assert analysed.scalars().all() == ["name"]


def test_the_parameters_are_documented(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/lookup"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["code", "lon", "lat", "q", "limit"]
