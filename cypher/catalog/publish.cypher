// Publishes a document and its records, and returns the ids of the programs and courses
// it published, so the response cache can drop entries that contain them.
MATCH (doc:CatalogDocument {id: $documentId})
SET doc.status = 'PUBLISHED'
WITH doc
CALL (doc) {
  MATCH (doc)<-[:FROM_DOCUMENT]-(n)
  WHERE n:Program OR n:Course
  SET n.status = 'PUBLISHED'
  RETURN collect(n.id) AS ids
}
RETURN doc.id AS documentId, ids
