"""Database-side rules of the water-supply layers (used by migrations).

- `latest_test_status` / `latest_test_on` of a work follow its latest test (by sample date, then
  entry order) whatever writes the tests: one statement-level trigger per event, over the rows
  the statement touched, so a bulk import updates each work once.
- `water_work_service_areas`: the service-area polygons with the facts the map styles them by.
"""

from __future__ import annotations

LATEST_TEST_FUNCTION_DDL = """
CREATE OR REPLACE FUNCTION gisapp_water_latest_test() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE water_works AS w
    SET latest_test_status = coalesce(l.verdict, 'never_tested'),
        latest_test_on = l.sampled_on
    FROM (SELECT DISTINCT water_work_id FROM changed_tests) AS c
    LEFT JOIN LATERAL (
        SELECT t.verdict, t.sampled_on
        FROM water_quality_tests AS t
        WHERE t.water_work_id = c.water_work_id
        ORDER BY t.sampled_on DESC, t.id DESC
        LIMIT 1
    ) AS l ON true
    WHERE w.id = c.water_work_id
      AND (w.latest_test_status, w.latest_test_on)
          IS DISTINCT FROM (coalesce(l.verdict, 'never_tested'), l.sampled_on);
    RETURN NULL;
END
$$
"""

LATEST_TEST_TRIGGERS = (
    "CREATE TRIGGER water_quality_tests_latest_insert AFTER INSERT ON water_quality_tests "
    "REFERENCING NEW TABLE AS changed_tests FOR EACH STATEMENT EXECUTE FUNCTION gisapp_water_latest_test()",
    "CREATE TRIGGER water_quality_tests_latest_update AFTER UPDATE ON water_quality_tests "
    "REFERENCING NEW TABLE AS changed_tests FOR EACH STATEMENT EXECUTE FUNCTION gisapp_water_latest_test()",
    "CREATE TRIGGER water_quality_tests_latest_delete AFTER DELETE ON water_quality_tests "
    "REFERENCING OLD TABLE AS changed_tests FOR EACH STATEMENT EXECUTE FUNCTION gisapp_water_latest_test()",
)

SERVICE_AREAS_VIEW_DDL = """
CREATE VIEW water_work_service_areas AS
SELECT w.id, w.code, w.name, w.work_type, w.sustainability, w.latest_test_status, w.latest_test_on,
       w.households_served, w.people_served, w.commune_code, w.is_demo, a.area_ha, a.geom
FROM water_work_areas AS a
JOIN water_works AS w ON w.id = a.water_work_id
"""
