-- Water-supply works (intakes) within one source's reach, in geodesic metres, served by
-- ix_water_works_geog.
WITH source AS MATERIALIZED (
    SELECT s.geom, coalesce(CAST(:within_m AS double precision), d.distance_m) AS reach
    FROM pollution_sources AS s
    JOIN pollution_risk_distances AS d ON d.source_type = s.source_type
    WHERE s.id = :source_id
)
SELECT w.id, w.code, w.name, w.work_type, w.water_source, w.latest_test_status, w.commune_code,
       ST_Distance(w.geom::geography, source.geom::geography) AS distance_m
FROM source
JOIN water_works AS w ON ST_DWithin(w.geom::geography, source.geom::geography, source.reach)
ORDER BY distance_m, w.id
