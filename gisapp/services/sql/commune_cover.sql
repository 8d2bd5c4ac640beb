-- The communes in force that a plot touches: which holds its point on surface, and what share of
-- its (geodesic) area lies in each. Only communes whose box meets the plot's are measured.
WITH plot AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom)
SELECT c.code,
       c.name,
       c.parent_code AS province_code,
       ST_Intersects(c.geom, ST_PointOnSurface(plot.geom)) AS holds_point,
       CASE WHEN ST_Within(plot.geom, c.geom) THEN 1.0  -- the usual case, without cutting the commune
            ELSE ST_Area(ST_Intersection(c.geom, plot.geom)::geography)
                 / NULLIF(ST_Area(plot.geom::geography), 0)
       END AS share
FROM plot
JOIN admin_units AS c
  ON c.level = 'commune' AND c.valid_to IS NULL AND c.geom && plot.geom AND ST_Intersects(c.geom, plot.geom)
ORDER BY holds_point DESC, share DESC
