UNWIND $rows AS row
MATCH (c:Course {id: row.from})
MATCH (p:Program {id: row.to})
MERGE (c)-[r:PART_OF]->(p)
SET r.position = row.position, r.required = row.required, r.generated = true
