MATCH (v:Provider)
WHERE ($text IS NULL OR toLower(v.name) CONTAINS $text)
  AND ($state IS NULL OR v.state = $state)
  AND v.retiredAt IS NULL
RETURN count(v) AS count
