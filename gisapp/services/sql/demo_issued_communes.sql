-- Demo codes were issued under the commune each plot lies in.
UPDATE growing_areas SET issued_commune_code = commune_code
WHERE is_demo AND code IS NOT NULL AND issued_commune_code IS NULL;
