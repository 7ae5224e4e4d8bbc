MATCH (p:Program)
WHERE ($after IS NULL OR p.id > $after)
  AND ($text IS NULL OR toLower(p.name) CONTAINS $text)
  AND ($state IS NULL OR p.state = $state)
  AND ($credentialType IS NULL OR p.credentialType = $credentialType)
  AND ($cip IS NULL OR EXISTS { (p)-[:CLASSIFIED_AS]->(:Code {system: 'CIP', code: $cip}) })
  AND ($providerId IS NULL OR p.providerId = $providerId OR EXISTS { (p)-[:OFFERED_BY]->(:Provider {id: $providerId}) })
  AND p.retiredAt IS NULL
  AND (coalesce(p.status, 'PUBLISHED') <> 'DRAFT' OR p.providerId IN $draftProviders OR EXISTS { (p)-[:OFFERED_BY]->(v:Provider) WHERE v.id IN $draftProviders })
WITH p
ORDER BY p.id
LIMIT $limit
// A program deleted by another transaction after the match projects as an empty map.
WITH p {.*, ctdlJson: null} AS node
WHERE node.id IS NOT NULL
RETURN node
