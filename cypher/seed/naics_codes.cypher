UNWIND $rows AS row
MERGE (c:Code {system: 'NAICS', code: row.code})
SET c.title = row.title
WITH c, row WHERE row.parent IS NOT NULL
MATCH (p:Code {system: 'NAICS', code: row.parent})
MERGE (c)-[:IN_GROUP]->(p)
