"""Database-side rules of the pollution-source layers (used by migrations).

- `latest_sample_status`, `latest_sample_on` and `last_exceedance_on` of a source follow its samples
  whatever writes them: one statement-level trigger per event over the rows the statement touched,
  like the water works' latest test (models/water_ddl.py).
- `pollution_buffers`: each source's risk buffer, a geodesic buffer by its type's distance
  (`pollution_risk_distances`) cast back to geometry, with the facts the map styles it by.
"""

from __future__ import annotations

LATEST_SAMPLE_FUNCTION_DDL = """
CREATE OR REPLACE FUNCTION gisapp_pollution_latest_sample() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pollution_sources AS s
    SET latest_sample_status = coalesce(l.verdict, 'never_sampled'),
        latest_sample_on = l.sampled_on,
        last_exceedance_on = x.sampled_on
    FROM (SELECT DISTINCT pollution_source_id FROM changed_samples) AS c
    LEFT JOIN LATERAL (
        SELECT p.verdict, p.sampled_on
        FROM pollution_samples AS p
        WHERE p.pollution_source_id = c.pollution_source_id
        ORDER BY p.sampled_on DESC, p.id DESC
        LIMIT 1
    ) AS l ON true
    LEFT JOIN LATERAL (
        SELECT max(p.sampled_on) AS sampled_on
        FROM pollution_samples AS p
        WHERE p.pollution_source_id = c.pollution_source_id AND p.verdict = 'exceed'
    ) AS x ON true
    WHERE s.id = c.pollution_source_id
      AND (s.latest_sample_status, s.latest_sample_on, s.last_exceedance_on)
          IS DISTINCT FROM (coalesce(l.verdict, 'never_sampled'), l.sampled_on, x.sampled_on);
    RETURN NULL;
END
$$
"""

LATEST_SAMPLE_TRIGGERS = (
    "CREATE TRIGGER pollution_samples_latest_insert AFTER INSERT ON pollution_samples "
    "REFERENCING NEW TABLE AS changed_samples FOR EACH STATEMENT "
    "EXECUTE FUNCTION gisapp_pollution_latest_sample()",
    "CREATE TRIGGER pollution_samples_latest_update AFTER UPDATE ON pollution_samples "
    "REFERENCING NEW TABLE AS changed_samples FOR EACH STATEMENT "
    "EXECUTE FUNCTION gisapp_pollution_latest_sample()",
    "CREATE TRIGGER pollution_samples_latest_delete AFTER DELETE ON pollution_samples "
    "REFERENCING OLD TABLE AS changed_samples FOR EACH STATEMENT "
    "EXECUTE FUNCTION gisapp_pollution_latest_sample()",
)

# "Recent" exceedance on the map: within the last two years (the API takes any date).
BUFFERS_VIEW_DDL = """
CREATE VIEW pollution_buffers AS
SELECT s.id, s.name, s.source_type, s.status, s.latest_sample_status, s.last_exceedance_on,
       (s.last_exceedance_on IS NOT NULL AND s.last_exceedance_on >= current_date - 730) AS recent_exceedance,
       d.distance_m, s.commune_code, s.is_demo,
       ST_Multi(ST_Buffer(s.geom::geography, d.distance_m)::geometry)::geometry(MultiPolygon, 4326) AS geom
FROM pollution_sources AS s
JOIN pollution_risk_distances AS d ON d.source_type = s.source_type
"""
