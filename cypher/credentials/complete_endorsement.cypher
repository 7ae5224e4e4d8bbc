// Records the endorsement and links the wallet item to the credential issued for it.
MATCH (e:EndorsementRequest {id: $id})-[:FOR_ITEM]->(w:WalletItem)
WHERE e.state = 'PENDING'
MATCH (c:Credential {id: $credentialId})
SET e.state = 'ENDORSED', e.decidedAt = $now, w.state = 'ENDORSED', w.endorsement = $endorsement
MERGE (w)-[:HOLDS]->(c)
SET c.learnerId = w.learnerId
RETURN e.id AS id
