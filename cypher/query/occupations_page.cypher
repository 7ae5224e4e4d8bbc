MATCH (o:Occupation)
WHERE ($after IS NULL OR o.onetSocCode > $after)
  AND ($text IS NULL OR toLower(o.title) CONTAINS $text OR toLower(o.alternateTitlesText) CONTAINS $text)
  AND ($jobZone IS NULL OR o.jobZone = $jobZone)
  AND ($socPrefix IS NULL OR o.socCode STARTS WITH $socPrefix)
RETURN o {.*} AS node
ORDER BY o.onetSocCode
LIMIT $limit
