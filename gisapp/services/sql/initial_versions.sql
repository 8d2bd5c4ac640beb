-- Every demo growing area starts with one version, so `?at=` answers for it.
INSERT INTO growing_area_versions (growing_area_id, row_version, status, valid_from, feature)
SELECT g.id, g.row_version, g.status, g.created_at,
       jsonb_build_object(
           'properties', to_jsonb(g) - 'geom' - 'search_text' || jsonb_build_object('households', '[]'::jsonb),
           'geometry', ST_AsGeoJSON(g.geom, 7)::jsonb)
FROM growing_areas AS g
WHERE g.is_demo AND NOT EXISTS (SELECT 1 FROM growing_area_versions AS v WHERE v.growing_area_id = g.id);
