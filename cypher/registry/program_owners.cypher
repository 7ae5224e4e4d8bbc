// One program with the providers that own it: its providerId and the providers it is OFFERED_BY.
MATCH (p:Program {id: $id})
OPTIONAL MATCH (p)-[:OFFERED_BY]->(v:Provider)
WITH p, collect(DISTINCT v.id) AS offeredBy
RETURN p.id AS id, [x IN offeredBy + [p.providerId] WHERE x IS NOT NULL] AS providers
