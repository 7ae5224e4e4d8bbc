UNWIND $keys AS key
// Retired programs are left out, as in the programs list. The program loader drops the
// drafts the caller may not see.
MATCH (:Provider {id: key})<-[:OFFERED_BY]-(p:Program)
WHERE p.retiredAt IS NULL
RETURN key, p.id AS programId
ORDER BY key, programId
