// The two programs of a link request, with the providers that own each.
UNWIND [$from, $to] AS id
MATCH (p:Program {id: id})
OPTIONAL MATCH (p)-[:OFFERED_BY]->(v:Provider)
RETURN p.id AS id, p.name AS name, [x IN collect(DISTINCT v.id) + [p.providerId] WHERE x IS NOT NULL] AS providers
