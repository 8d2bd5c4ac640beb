-- How far a household plot reaches past its growing area: the part outside (m²) and the distance (m).
-- `inside` allows the tolerance: the plot must be covered by the area grown by :tolerance_m metres.
WITH plot AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom),
     area AS (SELECT id, code, export_code, name, geom FROM growing_areas WHERE id = :area_id)
SELECT area.id, area.code, area.export_code, area.name,
       ST_Covers(ST_Buffer(area.geom::geography, :tolerance_m)::geometry, plot.geom) AS inside,
       ST_Area(ST_Difference(plot.geom, area.geom)::geography) AS outside_m2,
       ST_Distance(area.geom::geography, plot.geom::geography) AS distance_m
FROM plot, area
