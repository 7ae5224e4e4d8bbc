// The two programs of a link request, with the providers that own each and their credit hours.
UNWIND [$from, $to] AS id
MATCH (p:Program {id: id})
OPTIONAL MATCH (p)-[:OFFERED_BY]->(v:Provider)
WITH p, collect(DISTINCT v.id) AS offeredBy
RETURN p.id AS id, p.name AS name, p.creditHours AS creditHours,
       [x IN offeredBy + [p.providerId] WHERE x IS NOT NULL] AS providers
