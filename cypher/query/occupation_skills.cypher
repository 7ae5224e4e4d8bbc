UNWIND $keys AS key
MATCH (:Occupation {onetSocCode: key})-[r:REQUIRES]->(s:Skill)
RETURN key, s.elementId AS elementId, s.name AS name, s.kind AS kind,
       r.importance AS importance, r.level AS level
ORDER BY key, r.importance DESC, s.elementId
