// One statement per line. Applied before every catalog ingest; each is idempotent.
CREATE CONSTRAINT catalog_document_id IF NOT EXISTS FOR (d:CatalogDocument) REQUIRE d.id IS UNIQUE
CREATE INDEX source_remainder_document IF NOT EXISTS FOR (r:SourceRemainder) ON (r.documentId)
CREATE INDEX part_of_document IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.document)
CREATE INDEX prerequisite_document IF NOT EXISTS FOR ()-[r:PREREQUISITE_FOR]-() ON (r.document)
CREATE INDEX corequisite_document IF NOT EXISTS FOR ()-[r:COREQUISITE_FOR]-() ON (r.document)
CREATE INDEX classified_document IF NOT EXISTS FOR ()-[r:CLASSIFIED_AS]-() ON (r.document)
