MATCH (e:EndorsementRequest {id: $id})-[:FOR_ITEM]->(w:WalletItem)
WHERE e.state = 'PENDING'
SET e.state = 'DECLINED', e.reason = $reason, e.decidedAt = $now,
    w.state = 'DECLINED', w.declineReason = $reason
RETURN e.id AS id
