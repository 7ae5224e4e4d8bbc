MATCH (s:Skill)
WHERE ($text IS NULL OR toLower(s.name) CONTAINS $text)
  AND ($kind IS NULL OR s.kind = $kind)
RETURN count(s) AS count
