UNWIND $rows AS row
MATCH (a:Occupation {onetSocCode: row.onet})
MATCH (b:Occupation {onetSocCode: row.related})
MERGE (a)-[r:RELATED_TO]->(b)
SET r.tier = row.tier, r.rank = row.rank
