MATCH (w:WalletItem {id: $itemId})
WHERE w.learnerId = $learnerId AND w.state IN ['SELF_ATTESTED', 'DECLINED']
SET w.state = 'ENDORSEMENT_REQUESTED'
CREATE (e:EndorsementRequest {id: $id, itemId: w.id, learnerId: w.learnerId,
  providerId: $providerId, recordId: w.recordId, state: 'PENDING', createdAt: $now})-[:FOR_ITEM]->(w)
RETURN e.id AS id
