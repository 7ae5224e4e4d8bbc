UNWIND $keys AS key
MATCH (:Program {id: key})-[:OFFERED_BY]->(v:Provider)
RETURN key, v.id AS providerId
