// Importance and level of every O*NET skill (not knowledge area) for every occupation.
// Starts from a scan of the 68 Skill nodes, which is cheap enough because it runs once per seed, never per request.
MATCH (s:Skill)
WHERE s.kind = 'SKILL'
MATCH (o:Occupation)-[r:REQUIRES]->(s)
RETURN o.onetSocCode AS code, s.elementId AS elementId, r.importance AS importance, r.level AS level
ORDER BY code, elementId
