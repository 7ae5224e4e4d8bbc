UNWIND $rows AS row
MERGE (p:Provider {id: row.id})
SET p += row
