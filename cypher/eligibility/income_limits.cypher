MATCH (l:IncomeLimit)
WHERE l.table IN $tables
RETURN l {.*, effectiveFrom: toString(l.effectiveFrom), effectiveTo: toString(l.effectiveTo)} AS node
ORDER BY l.id
