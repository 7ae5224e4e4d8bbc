UNWIND $rows AS row
MERGE (s:Service {id: row.id})
SET s.name = row.name, s.kind = row.kind
