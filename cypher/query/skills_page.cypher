MATCH (s:Skill)
WHERE ($after IS NULL OR s.elementId > $after)
  AND ($text IS NULL OR toLower(s.name) CONTAINS $text)
  AND ($kind IS NULL OR s.kind = $kind)
RETURN s {.*} AS node
ORDER BY s.elementId
LIMIT $limit
