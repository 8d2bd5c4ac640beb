"""Database-side rules of the growing-area registry that no write path may skip (used by migrations).

- `gisapp_fold(text)`: NFC, no diacritics, lower case; IMMUTABLE so an index can be built on it.
- `search_text`: what the public name search matches, kept current by a row trigger.
- a code, once set, is permanent: never changed, so never reused.
"""

from __future__ import annotations

FOLD_FUNCTION_DDL = """
CREATE OR REPLACE FUNCTION gisapp_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, normalize(value, NFC))) $$
"""

SEARCH_TEXT_FUNCTION_DDL = """
CREATE OR REPLACE FUNCTION gisapp_growing_area_search_text() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := gisapp_fold(concat_ws(' ',
        NEW.name, NEW.crop, NEW.variety,
        (SELECT c.name || ' ' || p.name
         FROM admin_units AS c
         JOIN admin_units AS p ON p.level = 'province' AND p.code = c.parent_code AND p.valid_to IS NULL
         WHERE c.level = 'commune' AND c.code = NEW.commune_code AND c.valid_to IS NULL),
        NEW.representative_name));
    RETURN NEW;
END
$$
"""
SEARCH_TEXT_TRIGGER = (
    "CREATE TRIGGER growing_areas_search_text BEFORE INSERT OR UPDATE OF name, crop, variety, "
    "commune_code, representative_name ON growing_areas "
    "FOR EACH ROW EXECUTE FUNCTION gisapp_growing_area_search_text()"
)

CODE_PERMANENT_FUNCTION_DDL = """
CREATE OR REPLACE FUNCTION gisapp_growing_area_code_permanent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.code IS NOT NULL AND NEW.code IS DISTINCT FROM OLD.code THEN
        RAISE EXCEPTION 'growing-area code % is permanent and cannot be changed', OLD.code
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$
"""
CODE_PERMANENT_TRIGGER = (
    "CREATE TRIGGER growing_areas_code_permanent BEFORE UPDATE OF code ON growing_areas "
    "FOR EACH ROW EXECUTE FUNCTION gisapp_growing_area_code_permanent()"
)

DOSSIERS_VIEW_DDL = """
CREATE VIEW growing_area_dossiers AS
SELECT id, name, crop, variety, status, area_ha, commune_code, issued_commune_code, created_at, geom
FROM growing_areas
WHERE status IN ('draft', 'submitted')
"""

OVERLAP_CONFLICTS_VIEW_DDL = """
CREATE VIEW overlap_conflicts AS
SELECT o.id, o.area_id, a.code AS area_code, a.name AS area_name, a.status AS area_status,
       o.other_id, b.code AS other_code, b.name AS other_name, b.status AS other_status,
       round(o.overlap_m2::numeric, 1) AS overlap_m2, a.commune_code, o.geom
FROM growing_area_overlaps AS o
JOIN growing_areas AS a ON a.id = o.area_id
JOIN growing_areas AS b ON b.id = o.other_id
"""
