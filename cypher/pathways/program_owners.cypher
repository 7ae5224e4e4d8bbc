// Programs by id with the providers that own each (their providerId and the providers they
// are OFFERED_BY) and their credit hours. Link requests and course registration use it.
UNWIND $ids AS id
MATCH (p:Program {id: id})
OPTIONAL MATCH (p)-[:OFFERED_BY]->(v:Provider)
WITH p, collect(DISTINCT v.id) AS offeredBy
RETURN p.id AS id, p.name AS name, p.creditHours AS creditHours,
       [x IN offeredBy + [p.providerId] WHERE x IS NOT NULL] AS providers
