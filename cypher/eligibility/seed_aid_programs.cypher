UNWIND $rows AS row
MERGE (a:AidProgram {id: row.id})
SET a.name = row.name
