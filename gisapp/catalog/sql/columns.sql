SELECT column_name, udt_name
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = :name
