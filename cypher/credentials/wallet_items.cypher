MATCH (w:WalletItem {learnerId: $learnerId})
OPTIONAL MATCH (w)-[:HOLDS]->(c:Credential)
RETURN w.id AS id, w.learnerId AS learnerId, w.kind AS kind, w.recordId AS recordId,
       w.state AS state, w.document AS document, w.endorsement AS endorsement,
       w.declineReason AS declineReason, c.id AS credentialId, c.document AS credentialDocument,
       w.createdAt AS createdAt
ORDER BY w.createdAt, w.id
