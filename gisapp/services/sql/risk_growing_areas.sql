-- Growing areas within each source's reach (geodesic metres) of sources chosen by :source_id or by an
-- exceedance since :since. The join condition is the very expression of ix_growing_areas_geog, so the
-- index serves it: one index probe per source.
WITH sources AS MATERIALIZED (
    SELECT s.id, s.name, s.source_type, s.last_exceedance_on, s.latest_sample_status, s.geom,
           coalesce(CAST(:within_m AS double precision), d.distance_m) AS reach
    FROM pollution_sources AS s
    JOIN pollution_risk_distances AS d ON d.source_type = s.source_type
    WHERE (CAST(:source_id AS integer) IS NULL OR s.id = CAST(:source_id AS integer))
      AND (CAST(:since AS date) IS NULL OR s.last_exceedance_on >= CAST(:since AS date))
)
SELECT a.id, a.code, a.name, a.crop, a.status, a.area_ha, a.commune_code,
       s.id AS source_id, s.name AS source_name, s.source_type, s.last_exceedance_on,
       s.latest_sample_status, s.reach,
       ST_Distance(a.geom::geography, s.geom::geography) AS distance_m,
       CASE WHEN CAST(:with_geometry AS boolean) THEN ST_AsGeoJSON(a.geom, 6) END AS geojson
FROM sources AS s
JOIN growing_areas AS a ON ST_DWithin(a.geom::geography, s.geom::geography, s.reach)
WHERE CAST(:statuses AS text[]) IS NULL OR a.status = ANY(CAST(:statuses AS text[]))
ORDER BY a.id, distance_m, s.id
