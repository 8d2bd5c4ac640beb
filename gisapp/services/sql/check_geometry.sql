-- PostGIS's verdict on a submitted geometry, so the answer is the same everywhere. Materialized, so
-- the GeoJSON is parsed once and validity worked out once, not once for every column that uses them.
WITH g AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom),
     checked AS MATERIALIZED (SELECT geom, ST_IsValidDetail(geom) AS detail FROM g)
SELECT GeometryType(geom) AS kind,
       ST_NDims(geom) AS dims,
       (detail).valid AS valid,
       (detail).reason AS reason,
       ST_X((detail).location) AS where_x,
       ST_Y((detail).location) AS where_y,
       ST_XMin(geom) AS west, ST_YMin(geom) AS south, ST_XMax(geom) AS east, ST_YMax(geom) AS north,
       ST_IsEmpty(geom) AS empty
FROM checked
