MATCH (doc:CatalogDocument {id: $documentId})
SET doc.status = 'PUBLISHED'
WITH doc
CALL (doc) {
  MATCH (doc)<-[:FROM_DOCUMENT]-(n)
  WHERE n:Program OR n:Course
  SET n.status = 'PUBLISHED'
}
RETURN doc.id AS documentId
