-- The base-table geometry columns a view reads, to find the spatial index behind it.
SELECT DISTINCT u.table_name, u.column_name
FROM information_schema.view_column_usage AS u
JOIN information_schema.columns AS c
  ON c.table_schema = u.table_schema AND c.table_name = u.table_name AND c.column_name = u.column_name
WHERE u.view_schema = current_schema() AND u.view_name = :name AND c.udt_name = 'geometry'
