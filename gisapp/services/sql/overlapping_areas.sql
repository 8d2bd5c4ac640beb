-- Active growing areas whose interior shares ground with the plot, with the shared part and its
-- geodesic area. The && test on geom lets the GiST index pick the candidates.
WITH plot AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom)
SELECT o.id,
       o.code,
       o.name,
       o.status,
       ST_Area(o.geom::geography) AS other_m2,
       ST_Area(plot.geom::geography) AS own_m2,
       ST_Area(x.geom::geography) AS overlap_m2,
       ST_AsGeoJSON(x.geom, 7) AS overlap
FROM plot
JOIN growing_areas AS o
  ON o.geom && plot.geom AND o.status = ANY(:statuses) AND o.id IS DISTINCT FROM :exclude_id
CROSS JOIN LATERAL (
    SELECT ST_CollectionExtract(ST_Intersection(o.geom, plot.geom), 3) AS geom
) AS x
WHERE ST_Relate(o.geom, plot.geom, '2********') AND NOT ST_IsEmpty(x.geom)
ORDER BY overlap_m2 DESC
