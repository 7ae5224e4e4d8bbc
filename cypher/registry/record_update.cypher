MATCH (n:__LABEL__ {id: $id})
WHERE coalesce(n.version, 0) = $expected AND n.retiredAt IS NULL
SET n += $props
SET n.version = $expected + 1, n.verificationStatus = coalesce($status, n.verificationStatus), n.updatedAt = $at
CREATE (e:AuditEvent {id: $eventId, recordId: $id, recordKind: $kind, action: $action, actor: $actor, at: $at, version: $expected + 1, changes: $changes})-[:AUDITS]->(n)
RETURN n.version AS version
