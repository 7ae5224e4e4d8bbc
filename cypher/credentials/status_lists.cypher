MATCH (:IssuerIdentity {providerId: $providerId})-[:HAS_STATUS_LIST]->(l:StatusList)
RETURN l.id AS id, l.providerId AS providerId, l.purpose AS purpose, l.encoded AS encoded,
       l.assigned AS assigned, l.version AS version
