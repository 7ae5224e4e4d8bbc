MATCH (req:IssuanceRequest {key: $requestKey})
OPTIONAL MATCH (req)-[:ISSUED]->(c:Credential)
WITH req, c ORDER BY c.position
RETURN req.fingerprint AS fingerprint,
       collect(c {.id, .kind, .providerId, .recordId, .learnerId, .recipient, .jwt, .document,
                  .statusListId, .statusIndex, .state, .issuedAt}) AS credentials
