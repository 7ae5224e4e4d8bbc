MATCH (p:Program {id: $programId})
OPTIONAL MATCH (p)-[:OFFERED_BY]->(provider:Provider)
RETURN p.id AS id, provider.id AS providerId, p.name AS name, p.description AS description,
       p.ctid AS ctid, p.ctdlJson AS ctdlJson, p.credentialType AS credentialType, p.status AS status
ORDER BY providerId
LIMIT 1
