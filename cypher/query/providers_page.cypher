MATCH (v:Provider)
WHERE ($after IS NULL OR v.id > $after)
  AND ($text IS NULL OR toLower(v.name) CONTAINS $text)
  AND ($state IS NULL OR v.state = $state)
  AND v.retiredAt IS NULL
RETURN v {.*} AS node
ORDER BY v.id
LIMIT $limit
