MATCH (o:Occupation)
WHERE ($text IS NULL OR toLower(o.title) CONTAINS $text OR toLower(o.alternateTitlesText) CONTAINS $text)
  AND ($jobZone IS NULL OR o.jobZone = $jobZone)
  AND ($socPrefix IS NULL OR o.socCode STARTS WITH $socPrefix)
RETURN count(o) AS count
