// Flips a status bit and records the credential's new state in one transaction, with the
// same lock-and-version guard as issuance.
MATCH (l:StatusList {id: $listId})
SET l.lock = true
WITH l
WHERE l.version = $listVersion
SET l.encoded = $encoded, l.version = l.version + 1
WITH l
MATCH (c:Credential {id: $credentialId})
SET c.state = $state, c.statusChangedAt = $now, c.statusReason = $reason
WITH c
OPTIONAL MATCH (w:WalletItem)-[:HOLDS]->(c)
SET w.state = $state
RETURN c.id AS id
