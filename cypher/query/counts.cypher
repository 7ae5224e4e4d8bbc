CALL () {
  MATCH (n) UNWIND labels(n) AS label RETURN label AS name, count(*) AS count
  UNION ALL
  MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS count
}
RETURN name, count ORDER BY name
