// Programs that prepare for each occupation: through the CIP-SOC crosswalk and explicit links.
UNWIND $keys AS key
MATCH (o:Occupation {onetSocCode: key})
CALL (o) {
  MATCH (o)-[:CLASSIFIED_AS]->(:Code {system: 'SOC'})<-[x:CROSSWALKS_TO]-(cip:Code {system: 'CIP'})<-[:CLASSIFIED_AS]-(p:Program)
  RETURN p, 'CIP ' + cip.code + ' through the ' + x.source AS basis
  UNION
  MATCH (o)<-[r:PREPARES_FOR]-(p:Program)
  RETURN p, 'explicit link from ' + coalesce(r.source, 'the registry') AS basis
}
WITH key, p, basis
WHERE p.retiredAt IS NULL
RETURN key, p.id AS programId, collect(basis)[0] AS basis
ORDER BY key, programId
