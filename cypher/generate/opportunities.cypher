UNWIND $rows AS row
MATCH (provider:Provider {id: row.providerId})
MERGE (o:Opportunity {id: row.id})
SET o += row
MERGE (o)-[:OFFERED_BY]->(provider)
