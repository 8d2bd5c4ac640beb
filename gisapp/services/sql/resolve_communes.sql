-- The commune a growing area lies in: the one holding its point on surface (communes in force).
UPDATE growing_areas AS g
SET commune_code = c.code
FROM admin_units AS c
WHERE g.commune_code IS NULL
  AND c.level = 'commune' AND c.valid_to IS NULL
  AND ST_Intersects(c.geom, ST_PointOnSurface(g.geom))
