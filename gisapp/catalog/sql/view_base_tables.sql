SELECT DISTINCT table_name
FROM information_schema.view_table_usage
WHERE view_schema = current_schema() AND view_name = :name
ORDER BY table_name
