-- Versions only ever grow, so their sum changes whenever any base table is written.
SELECT COALESCE(sum(version), 0)::bigint
FROM table_versions
WHERE table_name = ANY(:tables)
