MATCH (e:EndorsementRequest {id: $id})-[:FOR_ITEM]->(w:WalletItem)
RETURN e.id AS id, e.itemId AS itemId, e.learnerId AS learnerId, e.providerId AS providerId,
       e.recordId AS recordId, e.state AS state, w.document AS document
