UNWIND $rows AS row
MATCH (o:Occupation {onetSocCode: row.onet})
MATCH (s:Skill {elementId: row.elementId})
MERGE (o)-[r:REQUIRES]->(s)
SET r.importance = row.importance, r.level = row.level
