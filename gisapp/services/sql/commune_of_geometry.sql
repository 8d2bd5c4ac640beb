-- The commune in force holding the geometry's point on surface.
SELECT code
FROM admin_units
WHERE level = 'commune' AND valid_to IS NULL
  AND ST_Intersects(geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326)))
LIMIT 1
