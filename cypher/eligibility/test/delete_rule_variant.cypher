MATCH (s:Service {id: $service})
OPTIONAL MATCH (s)-[:HAS_RULE]->(r:Rule)
DETACH DELETE s, r
