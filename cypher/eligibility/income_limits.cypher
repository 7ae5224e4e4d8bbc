// Income table rows of the given tables. A row deleted by another transaction while this
// one reads it projects as an empty map; the id check drops it.
MATCH (l:IncomeLimit)
WHERE l.table IN $tables
WITH l {.*, effectiveFrom: toString(l.effectiveFrom), effectiveTo: toString(l.effectiveTo)} AS node
WHERE node.id IS NOT NULL
RETURN node
ORDER BY node.id
