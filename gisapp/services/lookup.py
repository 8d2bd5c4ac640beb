"""Public lookup of growing areas by code, by GPS position, or by words typed without diacritics.

Only issued, suspended and revoked areas are ever found, with the public properties of the
`growing_areas` layer plus the names of their communes. Each query is shaped so PostgreSQL answers
from an index on a million plots:

- code: the unique indexes on `code` and `export_code` (values normalised like stored codes);
- position: `ST_DWithin(geom::geography, point, 50)`, which only the GiST index on that very
  expression (`ix_growing_areas_geog`) serves;
- words: `search_text` (kept folded by a trigger), the whole text ranking the answers
  (`text <<-> search_text`, one minus the trigram word similarity), nearest first. Two indexes,
  because each is fast where the other is slow (bench/NOTE-lookup.md):
  - the words as they are, through the GIN index on its `simple` tsvector: every word a whole word
    of the text. PostgreSQL intersects the words' lists and skips through the long ones, so a
    name with a rare word costs about a millisecond. Fewer than EXACT_CANDIDATES such areas are
    all ranked;
  - otherwise (no area has every word, so a typo; or that many, so common words, which the word
    index's statistics often tell beforehand: services/word_shares.py) the GiST
    trigram index: every word found approximately (`word <% search_text`) and the nearest handed
    over in rank order, which stops early when many match, but reads much of the index when few do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from geoalchemy2 import Geography, Geometry
from sqlalchemy import (
    CTE,
    JSON,
    ColumnElement,
    Float,
    Integer,
    Select,
    String,
    TableClause,
    and_,
    bindparam,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from gisapp.catalog import Layer
from gisapp.models import AdminUnit
from gisapp.services.driver_sql import DriverQuery, driver_sql, fetch_rows_in
from gisapp.services.features import GEOJSON_DECIMALS
from gisapp.services.lookup_input import ByCode, ByPosition, ByText, LookupRequest
from gisapp.services.read_pool import Reader, Rows
from gisapp.services.word_shares import WordShares, WordSharesCache

NEAR_METRES = 50.0
SEARCH_COLUMN = "search_text"
# Fewer areas with every word than this are ranked one by one (about 15 µs each); more go to the
# trigram index, which hands the nearest over first. On the bench's 300 searches 300 beat 1,000 by
# 13 % on the mean; at 100 the trigram index got searches whose words few areas hold (36 ms).
EXACT_CANDIDATES = 300
_WORD_SHARES = WordSharesCache()  # this process's view of how common each word is
# A bare `geography` cast, so the expression is exactly the one ix_growing_areas_geog indexes.
_GEOGRAPHY = Geography(geometry_type=None, srid=-1, spatial_index=False)


@dataclass(frozen=True)
class Found:
    """One growing area as the public may see it: a GeoJSON Feature."""

    id: int
    properties: dict[str, Any]
    geometry: dict[str, Any]

    def as_feature(self) -> dict[str, Any]:
        return {"type": "Feature", "id": self.id, "geometry": self.geometry, "properties": self.properties}


async def lookup(reader: Reader, layer: Layer, request: LookupRequest) -> list[Found]:
    """The matches, best first; an unknown code or a place far from any area finds nothing."""
    shares = await _WORD_SHARES.current(reader) if isinstance(request.criterion, ByText) else None
    return found_in(request, await reader.fetch_rows(lookup_query(layer, request, shares)))


def lookup_in_session(session: Session, layer: Layer, request: LookupRequest) -> list[Found]:
    """The same lookup for callers on an ordinary session (the verification page)."""
    return found_in(request, fetch_rows_in(session, lookup_query(layer, request)))


def lookup_query(layer: Layer, request: LookupRequest, shares: WordShares | None = None) -> DriverQuery:
    """Driver SQL compiled once per layer version, kind and number of words (building the statement
    costs more than PostgreSQL takes to answer it), so psycopg keeps each one prepared. Words that
    `shares` says EXACT_CANDIDATES areas or more hold skip the word index (`exact_cap` 0)."""
    criterion = request.criterion
    params: dict[str, Any] = {"limit": request.limit}
    if isinstance(criterion, ByCode):
        kind, words = "code", 0
        params["code"] = criterion.code
    elif isinstance(criterion, ByPosition):
        kind, words = "position", 0
        params |= {"lon": criterion.lon, "lat": criterion.lat}
    else:
        kind, words = "text", len(criterion.words)
        common = shares is not None and shares.expected_hits(criterion.words) >= EXACT_CANDIDATES
        params |= {
            "q": criterion.text,
            "words": " ".join(criterion.words),
            "exact_cap": 0 if common else EXACT_CANDIDATES,
        }
        params |= {f"w{i}": word for i, word in enumerate(criterion.words)}
    key = (layer.id, layer.fingerprint, kind, words)
    sql = _SQL.get(key)
    if sql is None:
        sql = _SQL[key] = driver_sql(_statement(layer, kind, words))
    return DriverQuery(sql, params)


def found_in(request: LookupRequest, rows: Rows) -> list[Found]:
    """Rows (id, properties, geometry[, distance or score]) as public features."""
    extra = _extra_column(request)
    if extra == "distance_m" and any(row[3] == 0 for row in rows):
        rows = [row for row in rows if row[3] == 0]  # standing inside one: the near ones are noise
    return [_found(row, extra) for row in rows]


def _extra_column(request: LookupRequest) -> str | None:
    """What the fourth column holds: the distance for a position, the rank for words."""
    if isinstance(request.criterion, ByCode):
        return None
    return "distance_m" if isinstance(request.criterion, ByPosition) else "score"


_SQL: dict[tuple[str, str, str, int], str] = {}


def _statement(layer: Layer, kind: str, words: int) -> Select[Any]:
    rel = _relation(layer)
    if kind == "code":
        statement = _by_code(layer, rel)
    elif kind == "position":
        statement = _by_position(layer, rel)
    else:
        statement = _by_text(layer, rel, words)
    return statement.limit(bindparam("limit", type_=Integer))


def _relation(layer: Layer) -> TableClause:
    """The layer's public columns plus the folded search column, which is matched but never returned."""
    names = [layer.id_column, *(p.name for p in layer.properties if p.name != layer.id_column)]
    geometry = column(layer.geometry_column, Geometry(srid=layer.config.source.srid))
    return table(layer.id, *(column(name) for name in names), geometry, column(SEARCH_COLUMN))


def _base(layer: Layer, rel: TableClause, *extra: ColumnElement[Any]) -> Select[Any]:
    """Public rows with their public properties, commune names and GeoJSON geometry."""
    commune, province, issued = aliased(AdminUnit), aliased(AdminUnit), aliased(AdminUnit)
    pairs: list[Any] = []  # name, value, name, value… for json_build_object
    for prop in layer.properties:
        pairs += [literal(prop.name), rel.c[prop.name]]
    pairs += [literal("commune_name"), commune.name, literal("province_name"), province.name]
    pairs += [literal("issued_commune_name"), issued.name]
    geometry: ColumnElement[Any] = rel.c[layer.geometry_column]
    if layer.config.source.srid != 4326:
        geometry = func.ST_Transform(geometry, 4326)
    statement = (
        select(
            rel.c[layer.id_column].label("id"),
            func.json_build_object(*pairs).label("properties"),
            cast(func.ST_AsGeoJSON(geometry, GEOJSON_DECIMALS), JSON).label("geometry"),
            *extra,
        )
        .select_from(rel)
        .outerjoin(commune, _unit(commune, "commune", rel.c.commune_code))
        .outerjoin(province, _unit(province, "province", commune.parent_code))
        .outerjoin(issued, _unit(issued, "commune", rel.c.issued_commune_code))
    )
    published = layer.published(rel)  # the same rule as tiles and items: never a draft dossier
    return statement if published is None else statement.where(published)


def _unit(
    unit: type[AdminUnit], level: str, code: ColumnElement[Any] | InstrumentedAttribute[Any]
) -> ColumnElement[bool]:
    return and_(unit.level == level, unit.code == code, unit.valid_to.is_(None))


def _by_code(layer: Layer, rel: TableClause) -> Select[Any]:
    code = bindparam("code", type_=String)
    statement = _base(layer, rel).where(or_(rel.c.code == code, rel.c.export_code == code))
    return statement.order_by(rel.c[layer.id_column])


def _by_position(layer: Layer, rel: TableClause) -> Select[Any]:
    point = func.ST_SetSRID(
        func.ST_MakePoint(bindparam("lon", type_=Float), bindparam("lat", type_=Float)), 4326
    )
    here = cast(point, _GEOGRAPHY)
    area = cast(rel.c[layer.geometry_column], _GEOGRAPHY)
    distance = func.ST_Distance(area, here)
    return (
        _base(layer, rel, distance.label("distance_m"))
        .where(func.ST_DWithin(area, here, NEAR_METRES))
        .order_by(distance, rel.c[layer.id_column])
    )


def _by_text(layer: Layer, rel: TableClause, words: int) -> Select[Any]:
    """Exactly one branch finds rows: PostgreSQL picks it once it has counted the exact hits. The
    branches rank ids only and the names are joined once, which halves the planning."""
    searched, id_column = rel.c[SEARCH_COLUMN], rel.c[layer.id_column]
    distance = func.gisapp_fold(bindparam("q", type_=String)).op("<<->", return_type=Float)(searched)
    ranked = (id_column.label("id"), (1 - distance).label("score"))
    cap = bindparam("exact_cap", type_=Integer)
    limit = bindparam("limit", type_=Integer)
    hits = _exact_hits(layer, rel, cap)
    counted = select(func.count()).select_from(hits).scalar_subquery()
    exact = (
        select(*ranked)
        .join(hits, hits.c.id == id_column)
        .where(counted >= 1, counted < cap)
        .order_by(distance)
        .limit(limit)
    )
    every_word = [
        func.gisapp_fold(bindparam(f"w{i}", type_=String)).op("<%", is_comparison=True)(searched)
        for i in range(words)
    ]
    approximate = select(*ranked).where(*every_word, or_(counted == 0, counted >= cap))
    published = layer.published(rel)
    if published is not None:
        approximate = approximate.where(published)
    # a second sort key would stop the index from handing rows over in this order
    found = union_all(exact, approximate.order_by(distance).limit(limit)).subquery("found")
    return (
        _base(layer, rel, found.c.score).join(found, found.c.id == id_column).order_by(found.c.score.desc())
    )


def _exact_hits(layer: Layer, rel: TableClause, cap: ColumnElement[int]) -> CTE:
    """Up to `cap` public areas holding every word whole, found through ix_growing_areas_search_words;
    a CTE read twice, so PostgreSQL runs it once."""
    words = func.plainto_tsquery(_TEXT_SEARCH_CONFIG, func.gisapp_fold(bindparam("words", type_=String)))
    vector = func.to_tsvector(_TEXT_SEARCH_CONFIG, rel.c[SEARCH_COLUMN])
    statement = select(rel.c[layer.id_column].label("id")).where(vector.op("@@", is_comparison=True)(words))
    published = layer.published(rel)
    if published is not None:
        statement = statement.where(published)
    return statement.limit(cap).cte("exact_hits")


# `simple`: words as written (already folded), no stemming, no stop words; the index uses this expression.
_TEXT_SEARCH_CONFIG: ColumnElement[Any] = literal_column("'simple'::regconfig")


def _found(row: tuple[Any, ...], extra: str | None) -> Found:
    id_, properties, geometry = row[0], dict(row[1]), row[2]
    code = properties.get("code") or properties.get("export_code")
    properties["verify_url"] = f"/v/{quote(code, safe='')}" if code else None
    if extra == "distance_m":
        properties["distance_m"] = round(float(row[3]), 1)
    elif extra == "score":
        properties["score"] = round(float(row[3]), 3)
    return Found(int(id_), properties, geometry)
