-- Where demo pollution sources go: 300 m east of every n-th issued demo growing area of the demo
-- provinces, so the risk answers and the buffers have something to show; the commune is the one holding
-- the point.
WITH areas AS (
    SELECT a.id, u.parent_code AS province, ST_PointOnSurface(a.geom) AS centre,
           row_number() OVER (PARTITION BY u.parent_code ORDER BY a.id) AS n
    FROM growing_areas AS a
    JOIN admin_units AS u ON u.code = a.commune_code AND u.level = 'commune' AND u.valid_to IS NULL
    WHERE a.is_demo AND a.status = 'issued' AND u.parent_code = ANY(:provinces)
), sites AS (
    SELECT id AS area_id, province, ST_Project(centre::geography, :offset_m, radians(90))::geometry AS pt
    FROM areas
    WHERE n % :every = 1 AND n <= :every * :per_province
)
SELECT s.area_id, s.province, u.code AS commune_code, u.name AS commune_name, ST_X(s.pt) AS lon, ST_Y(s.pt) AS lat
FROM sites AS s
JOIN admin_units AS u ON u.level = 'commune' AND u.valid_to IS NULL AND ST_Intersects(u.geom, s.pt)
ORDER BY s.province DESC, s.area_id
