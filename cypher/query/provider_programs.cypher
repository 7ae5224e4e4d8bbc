UNWIND $keys AS key
MATCH (:Provider {id: key})<-[:OFFERED_BY]-(p:Program)
RETURN key, p.id AS programId
ORDER BY key, programId
