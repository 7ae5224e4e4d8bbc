MATCH (:IssuerIdentity {providerId: $providerId})-[:HAS_KEY]->(k:IssuerKey)
RETURN k.keyId AS keyId, k.algorithm AS algorithm, k.state AS state, k.sealed AS sealed,
       k.publicJwk AS publicJwk
ORDER BY k.createdAt, k.keyId
