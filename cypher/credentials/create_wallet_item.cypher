CREATE (w:WalletItem {id: $id, learnerId: $learnerId, kind: $kind, recordId: $recordId,
  state: 'SELF_ATTESTED', document: $document, createdAt: $now})
WITH w
OPTIONAL MATCH (record) WHERE elementId(record) = $recordNodeId
FOREACH (_ IN CASE WHEN record IS NULL THEN [] ELSE [1] END | CREATE (w)-[:ABOUT]->(record))
RETURN w.id AS id
