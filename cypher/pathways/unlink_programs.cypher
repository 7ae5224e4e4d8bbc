// Removes a program link entered through the API, with its audit event on the `from`
// program, in one statement. Derived and CTDL links are not removed: they come back when
// their source is read again. Returns no row when no such link exists.
MATCH (a:Program {id: $from})-[r]->(b:Program {id: $to})
WHERE type(r) = $kind AND r.derived = false AND r.source = 'API'
DELETE r
CREATE (e:AuditEvent {id: $eventId, recordId: $from, recordKind: 'Program', action: 'UNLINK', actor: $actor,
        at: $at, version: coalesce(a.version, 0), changes: $changes})-[:AUDITS]->(a)
RETURN e.id AS eventId
