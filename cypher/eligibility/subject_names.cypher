UNWIND $ids AS id
OPTIONAL MATCH (a:AidProgram {id: id})
OPTIONAL MATCH (s:Service {id: id})
WITH id, coalesce(a.name, s.name) AS name
WHERE name IS NOT NULL
RETURN id, name
