MATCH (doc:CatalogDocument {id: $documentId})
RETURN doc {.id, .name, .providerId, .sha256, .length, .status, .format} AS node
