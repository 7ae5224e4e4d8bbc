MATCH (d:CatalogDocument {id: $documentId})
RETURN d.records AS records, d.providerId AS providerId
