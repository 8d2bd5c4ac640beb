-- Demo service areas: a disc around each centralised demo work, clipped to its commune.
INSERT INTO water_work_areas (water_work_id, geom)
SELECT w.id,
       ST_Multi(ST_CollectionExtract(ST_Intersection(ST_Buffer(w.geom::geography, :radius_m)::geometry, c.geom), 3))
FROM water_works AS w
JOIN admin_units AS c ON c.level = 'commune' AND c.valid_to IS NULL AND c.code = w.commune_code
WHERE w.is_demo AND w.work_type = 'centralised'
