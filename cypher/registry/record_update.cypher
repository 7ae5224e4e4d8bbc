MATCH (n:__LABEL__ {id: $id})
WHERE coalesce(n.version, 0) = $expected AND n.retiredAt IS NULL
SET n += $props
SET n.version = $expected + 1, n.verificationStatus = coalesce($status, n.verificationStatus), n.updatedAt = $at
CREATE (e:AuditEvent {id: $eventId, recordId: $id, recordKind: $kind, action: $action, actor: $actor, at: $at, version: $expected + 1, changes: $changes})-[:AUDITS]->(n)
WITH n
// A new CIP code replaces the record's CIP classification.
CALL (n) {
  WITH n WHERE $props.cipCode IS NOT NULL
  OPTIONAL MATCH (n)-[old:CLASSIFIED_AS]->(:Code {system: 'CIP'})
  DELETE old
  WITH DISTINCT n
  MATCH (cip:Code {system: 'CIP', code: n.cipCode})
  MERGE (n)-[:CLASSIFIED_AS {source: 'registration'}]->(cip)
}
RETURN n.version AS version
