// Services ordered by registry id, without retired ones. Seeded benefit programs (SNAP,
// WIC, ...) and registered local services share the Service label.
MATCH (s:Service)
WHERE ($after IS NULL OR s.id > $after)
  AND s.retiredAt IS NULL
  AND ($kind IS NULL OR s.kind = $kind)
  AND ($state IS NULL OR s.state = $state OR s.state IS NULL)
RETURN s.id AS id
ORDER BY s.id
LIMIT $limit
