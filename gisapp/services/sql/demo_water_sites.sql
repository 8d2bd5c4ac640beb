-- Where demo water-supply works go: the point on surface of every n-th commune of the demo provinces.
SELECT code, name, parent_code AS province,
       ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
FROM (
    SELECT code, name, parent_code, geom,
           row_number() OVER (PARTITION BY parent_code ORDER BY code) AS n
    FROM admin_units
    WHERE level = 'commune' AND valid_to IS NULL AND parent_code = ANY(:provinces)
) AS c
WHERE n % :every = 1 AND n <= :every * :per_province
ORDER BY parent_code DESC, code
