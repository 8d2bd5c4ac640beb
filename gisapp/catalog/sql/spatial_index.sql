-- Does a GiST/SP-GiST/BRIN index lead with this column?
SELECT ix.relname
FROM pg_index AS i
JOIN pg_class AS t ON t.oid = i.indrelid
JOIN pg_namespace AS n ON n.oid = t.relnamespace
JOIN pg_class AS ix ON ix.oid = i.indexrelid
JOIN pg_am AS am ON am.oid = ix.relam
JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
WHERE n.nspname = current_schema() AND t.relname = :table AND a.attname = :column
  AND am.amname IN ('gist', 'spgist', 'brin')
