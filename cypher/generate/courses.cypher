UNWIND $rows AS row
MERGE (c:Course {id: row.id})
SET c += row
