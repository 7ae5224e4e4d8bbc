// Retires the active keys and adds new ones in one transaction. Retired keys stay linked,
// so the DID document keeps publishing them and old credentials still verify.
MATCH (i:IssuerIdentity {providerId: $providerId})
SET i.lock = true
WITH i
OPTIONAL MATCH (i)-[:HAS_KEY]->(old:IssuerKey {state: 'active'})
SET old.state = 'retired', old.retiredAt = $now
WITH DISTINCT i
UNWIND $keys AS key
CREATE (i)-[:HAS_KEY]->(:IssuerKey {
  keyId: key.keyId, providerId: $providerId, algorithm: key.algorithm, state: 'active',
  sealed: key.sealed, publicJwk: key.publicJwk, createdAt: $now})
RETURN count(*) AS created
