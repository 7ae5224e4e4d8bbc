MATCH (e:AuditEvent {recordId: $id})
WHERE e.recordKind = $kind
RETURN e {.*} AS node
ORDER BY e.version, e.at
