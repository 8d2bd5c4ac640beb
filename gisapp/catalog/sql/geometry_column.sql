SELECT type, srid
FROM geometry_columns
WHERE f_table_schema = current_schema() AND f_table_name = :name AND f_geometry_column = :column
