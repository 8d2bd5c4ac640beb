-- Everything the registry checks need about a plot, in one round trip: its area, its crop, the
-- communes in force it touches (which holds its point on surface, what share of its geodesic area
-- lies in each), whether the commune it is filed under is in force and, if not, what replaced it, and
-- the active areas it shares ground with. The plot is a valid polygon (services/geometry_checks.py).
-- Each part is a scalar subquery so that PostgreSQL plans them apart, each with its own index.
WITH plot AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom)
SELECT
    (SELECT ST_Area(plot.geom::geography) / 10000 FROM plot) AS area_ha,
    (SELECT json_build_object(
                'name', crops.name, 'name_en', crops.name_en, 'lifecycle', crops.lifecycle,
                'min_area_ha', crops.min_area_ha)
       FROM crops WHERE crops.name = :crop) AS crop,
    (SELECT json_agg(crops.name ORDER BY crops.name)
       FROM crops WHERE NOT EXISTS (SELECT FROM crops AS named WHERE named.name = :crop)) AS known_crops,
    (SELECT json_agg(cover ORDER BY cover.holds_point DESC, cover.share DESC)
       FROM (SELECT c.code,
                    c.name,
                    ST_Intersects(c.geom, ST_PointOnSurface(plot.geom)) AS holds_point,
                    CASE WHEN ST_Within(plot.geom, c.geom) THEN 1.0  -- the usual case, without cutting
                         ELSE ST_Area(ST_Intersection(c.geom, plot.geom)::geography)
                              / NULLIF(ST_Area(plot.geom::geography), 0)
                    END AS share
               FROM plot
               JOIN admin_units AS c
                 ON c.level = 'commune' AND c.valid_to IS NULL
                AND c.geom && plot.geom AND ST_Intersects(c.geom, plot.geom)) AS cover) AS communes,
    (SELECT EXISTS (SELECT FROM admin_units AS c
                     WHERE c.level = 'commune' AND c.code = :filed AND c.valid_to IS NULL)) AS filed_in_force,
    (SELECT json_agg(json_build_object(
                'old_name', x.old_commune_name, 'code', x.new_commune_code, 'name', x.new_commune_name)
                ORDER BY x.new_commune_code)
       FROM commune_crosswalk AS x WHERE x.old_commune_code = :filed) AS successors,
    (SELECT json_agg(hit ORDER BY hit.overlap_m2 DESC)
       FROM (SELECT o.id,
                    o.code,
                    o.name,
                    o.status,
                    ST_Area(o.geom::geography) AS other_m2,
                    ST_Area(plot.geom::geography) AS own_m2,
                    ST_Area(shared.geom::geography) AS overlap_m2,
                    ST_AsGeoJSON(shared.geom, 7)::json AS overlap
               FROM plot
               JOIN growing_areas AS o
                 ON o.geom && plot.geom AND o.status = ANY(CAST(:statuses AS text[]))
                AND o.id IS DISTINCT FROM CAST(:exclude_id AS integer)
              CROSS JOIN LATERAL (
                    SELECT ST_CollectionExtract(ST_Intersection(o.geom, plot.geom), 3) AS geom
              ) AS shared
              WHERE ST_Relate(o.geom, plot.geom, '2********') AND NOT ST_IsEmpty(shared.geom)) AS hit
    ) AS overlaps
