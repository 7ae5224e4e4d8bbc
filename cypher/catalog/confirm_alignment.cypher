// Sets the confirmed CIP code of a program and drops the codes inferred at ingest.
MATCH (p:Program {id: $programId})
MATCH (c:Code {system: 'CIP', code: $cip})
CALL (p) {
  MATCH (p)-[old:CLASSIFIED_AS]->(:Code {system: 'CIP'})
  WHERE old.document IS NOT NULL OR old.confirmed
  DELETE old
}
MERGE (p)-[r:CLASSIFIED_AS]->(c)
SET r.confirmed = true, r.inferred = false, r.confidence = 1.0, r.evidence = ['confirmed by the provider'],
    r.confirmedAt = datetime(), r.document = null
RETURN c.code AS code, c.title AS title
