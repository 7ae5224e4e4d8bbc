CREATE (n:__LABEL__)
SET n = $props
SET n.id = $id, n.version = 1, n.verificationStatus = $status, n.createdAt = $at, n.updatedAt = $at
CREATE (e:AuditEvent {id: $eventId, recordId: $id, recordKind: $kind, action: 'CREATE', actor: $actor, at: $at, version: 1, changes: $changes})-[:AUDITS]->(n)
WITH n
OPTIONAL MATCH (v:Provider {id: $linkProvider})
FOREACH (_ IN CASE WHEN v IS NULL THEN [] ELSE [1] END | MERGE (n)-[:OFFERED_BY]->(v))
WITH n
OPTIONAL MATCH (program:Program {id: $linkProgram})
FOREACH (_ IN CASE WHEN program IS NULL THEN [] ELSE [1] END | MERGE (n)-[:PART_OF {required: true}]->(program))
WITH n
// A program registered with a CIP code is classified with it, as seeded programs are.
OPTIONAL MATCH (cip:Code {system: 'CIP', code: n.cipCode})
FOREACH (_ IN CASE WHEN cip IS NULL THEN [] ELSE [1] END | MERGE (n)-[:CLASSIFIED_AS {source: 'registration'}]->(cip))
RETURN n.version AS version
