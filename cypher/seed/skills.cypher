UNWIND $rows AS row
MERGE (s:Skill {elementId: row.elementId})
SET s.name = row.name, s.kind = row.kind
