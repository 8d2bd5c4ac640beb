-- PostGIS's verdict on a submitted geometry, so the answer is the same everywhere.
WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom)
SELECT GeometryType(geom) AS kind,
       ST_NDims(geom) AS dims,
       ST_IsValid(geom) AS valid,
       (ST_IsValidDetail(geom)).reason AS reason,
       ST_X((ST_IsValidDetail(geom)).location) AS where_x,
       ST_Y((ST_IsValidDetail(geom)).location) AS where_y,
       ST_XMin(geom) AS west, ST_YMin(geom) AS south, ST_XMax(geom) AS east, ST_YMax(geom) AS north,
       ST_IsEmpty(geom) AS empty
FROM g
