UNWIND $rows AS row
MATCH (a:Course {id: row.from})
MATCH (b:Course {id: row.to})
MERGE (a)-[r:PREREQUISITE_FOR]->(b)
SET r.generated = true
