// Replaces everything one catalog document wrote, in one statement and so one transaction.
MERGE (doc:CatalogDocument {id: $document.id})
SET doc = $document
MERGE (provider:Provider {id: $provider.id})
ON CREATE SET provider.name = $provider.name, provider.kind = 'INSTITUTION', provider.source = $provider.source
WITH doc, provider
CALL (doc) {
  MATCH (doc)<-[:FROM_DOCUMENT]-(r:SourceRemainder)
  DETACH DELETE r
}
CALL (doc) {
  MATCH (doc)<-[:FROM_DOCUMENT]-(n)
  WHERE (n:Course OR n:Program) AND NOT n.id IN $keys
  DETACH DELETE n
}
CALL (doc) {
  MATCH ()-[r:PART_OF {document: doc.id}]->()
  DELETE r
}
CALL (doc) {
  MATCH ()-[r:PREREQUISITE_FOR {document: doc.id}]->()
  DELETE r
}
CALL (doc) {
  MATCH ()-[r:COREQUISITE_FOR {document: doc.id}]->()
  DELETE r
}
CALL (doc) {
  MATCH ()-[r:CLASSIFIED_AS {document: doc.id}]->()
  WHERE NOT coalesce(r.confirmed, false)
  DELETE r
}
CALL (doc, provider) {
  UNWIND $programs AS row
  MERGE (p:Program {id: row.id})
  SET p = row
  MERGE (p)-[:FROM_DOCUMENT]->(doc)
  MERGE (p)-[:OFFERED_BY]->(provider)
}
CALL (doc) {
  UNWIND $courses AS row
  MERGE (c:Course {id: row.id})
  SET c = row
  MERGE (c)-[:FROM_DOCUMENT]->(doc)
}
CALL (doc) {
  UNWIND $partOf AS row
  MATCH (c:Course {id: row.from})
  MATCH (p:Program {id: row.to})
  CREATE (c)-[:PART_OF {key: row.key, document: doc.id, required: row.required, position: row.position, group: row.group}]->(p)
}
CALL (doc) {
  UNWIND $prerequisites AS row
  MATCH (a:Course {id: row.from})
  MATCH (b:Course {id: row.to})
  CREATE (a)-[:PREREQUISITE_FOR {key: row.key, document: doc.id, group: row.group, concurrentAllowed: row.concurrentAllowed}]->(b)
}
CALL (doc) {
  UNWIND $corequisites AS row
  MATCH (a:Course {id: row.from})
  MATCH (b:Course {id: row.to})
  CREATE (a)-[:COREQUISITE_FOR {key: row.key, document: doc.id, group: row.group}]->(b)
}
CALL (doc) {
  UNWIND $classifications AS row
  MATCH (p:Program {id: row.programId})
  WHERE NOT EXISTS { (p)-[:CLASSIFIED_AS {confirmed: true}]->(:Code {system: 'CIP'}) }
  MATCH (c:Code {system: 'CIP', code: row.code})
  MERGE (p)-[r:CLASSIFIED_AS]->(c)
  ON CREATE SET r.document = doc.id, r.inferred = row.inferred, r.confidence = row.confidence, r.evidence = row.evidence
}
CALL (doc) {
  UNWIND $remainders AS row
  CREATE (r:SourceRemainder {documentId: doc.id, start: row.start, end: row.end, text: row.text, page: row.page, linkKey: row.linkKey})
  CREATE (r)-[:FROM_DOCUMENT]->(doc)
  WITH r, row
  CALL (r, row) {
    MATCH (t:Course {id: row.attachedTo})
    CREATE (r)-[:ATTACHED_TO]->(t)
  }
  CALL (r, row) {
    MATCH (t:Program {id: row.attachedTo})
    CREATE (r)-[:ATTACHED_TO]->(t)
  }
}
RETURN doc.id AS documentId,
       COUNT { (doc)<-[:FROM_DOCUMENT]-(:Program) } AS programs,
       COUNT { (doc)<-[:FROM_DOCUMENT]-(:Course) } AS courses,
       COUNT { (doc)<-[:FROM_DOCUMENT]-(:SourceRemainder) } AS remainders
