// Stores a program link entered through the API, with its audit event on the `from`
// program, in one statement so both are written or neither. Links entered this way carry
// `derived: false`, so rebuilding the derived stack links keeps them.
MATCH (a:Program {id: $from})
MATCH (b:Program {id: $to})
FOREACH (_ IN CASE WHEN $kind = 'STACKS_INTO' THEN [1] ELSE [] END |
  MERGE (a)-[r:STACKS_INTO]->(b) SET r += $props)
FOREACH (_ IN CASE WHEN $kind = 'PREREQUISITE_FOR' THEN [1] ELSE [] END |
  MERGE (a)-[r:PREREQUISITE_FOR]->(b) SET r += $props)
FOREACH (_ IN CASE WHEN $kind = 'PREPARES_FOR_APPRENTICESHIP' THEN [1] ELSE [] END |
  MERGE (a)-[r:PREPARES_FOR_APPRENTICESHIP]->(b) SET r += $props)
CREATE (e:AuditEvent {id: $eventId, recordId: $from, recordKind: 'Program', action: 'LINK', actor: $actor,
        at: $at, version: coalesce(a.version, 0), changes: $changes})-[:AUDITS]->(a)
RETURN e.id AS eventId
