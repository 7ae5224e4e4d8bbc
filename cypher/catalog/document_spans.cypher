// Every stored span of one document: record spans and remainders, in offset order.
MATCH (doc:CatalogDocument {id: $documentId})
CALL (doc) {
  MATCH (doc)<-[:FROM_DOCUMENT]-(n)
  WHERE n:Program OR n:Course
  UNWIND range(0, size(n.spanStart) - 1) AS i
  RETURN n.spanStart[i] AS start, n.spanText[i] AS text
  UNION ALL
  MATCH (doc)<-[:FROM_DOCUMENT]-(r:SourceRemainder)
  RETURN r.start AS start, r.text AS text
}
RETURN start, text
ORDER BY start
