// Creates the issuer identity, its first keys and its two status lists unless they exist.
// SET i.lock takes the node's write lock first, so concurrent callers create one set of keys.
MATCH (p:Provider {id: $providerId})
MERGE (i:IssuerIdentity {providerId: $providerId})
ON CREATE SET i.createdAt = $now
MERGE (p)-[:HAS_ISSUER_IDENTITY]->(i)
SET i.lock = true
WITH i
WHERE NOT EXISTS { (i)-[:HAS_KEY]->(:IssuerKey) }
FOREACH (list IN $lists |
  CREATE (i)-[:HAS_STATUS_LIST]->(:StatusList {
    id: list.id, providerId: $providerId, purpose: list.purpose, encoded: list.encoded,
    assigned: list.assigned, version: 0, createdAt: $now}))
WITH i
UNWIND $keys AS key
CREATE (i)-[:HAS_KEY]->(:IssuerKey {
  keyId: key.keyId, providerId: $providerId, algorithm: key.algorithm, state: 'active',
  sealed: key.sealed, publicJwk: key.publicJwk, createdAt: $now})
RETURN count(*) AS created
