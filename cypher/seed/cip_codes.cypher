UNWIND $rows AS row
MERGE (c:Code {system: 'CIP', code: row.code})
SET c.title = row.title, c.definition = row.definition, c.level = row.level
WITH c, row WHERE row.parent IS NOT NULL
MERGE (p:Code {system: 'CIP', code: row.parent})
MERGE (c)-[:IN_GROUP]->(p)
