UNWIND $keys AS key
MATCH (:Provider {id: key})-[:CLASSIFIED_AS]->(c:Code)
RETURN key, c.system AS system, c.code AS code, c.title AS title
ORDER BY key, system, code
