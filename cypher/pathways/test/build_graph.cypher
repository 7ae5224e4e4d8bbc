// Test fixture: programs, links and courses of one test, keyed by ids unique to the test.
// Programs marked opensTarget PREPARES_FOR the test's target, a seeded occupation that no
// seeded program prepares for. Programs an earlier run of the same test left behind on
// that occupation are deleted first.
MATCH (o:Occupation {onetSocCode: $onet})
CALL (o) {
  MATCH (o)<-[:PREPARES_FOR]-(old:Program)
  WHERE old.id STARTS WITH 'test-path-'
  DETACH DELETE old
}
CALL (o) {
  UNWIND $programs AS row
  MERGE (p:Program {id: row.id})
  SET p += row.props
  FOREACH (_ IN CASE WHEN row.opensTarget THEN [1] ELSE [] END |
    MERGE (p)-[:PREPARES_FOR {source: 'test fixture'}]->(o))
}
CALL () {
  UNWIND $links AS row
  MATCH (a:Program {id: row.from})
  MATCH (b:Program {id: row.to})
  FOREACH (_ IN CASE WHEN row.kind = 'STACKS_INTO' THEN [1] ELSE [] END |
    MERGE (a)-[r:STACKS_INTO]->(b) SET r.creditCarried = row.creditCarried, r.derived = false)
  FOREACH (_ IN CASE WHEN row.kind = 'PREREQUISITE_FOR' THEN [1] ELSE [] END |
    MERGE (a)-[r:PREREQUISITE_FOR]->(b) SET r.creditCarried = row.creditCarried, r.derived = false)
}
CALL () {
  UNWIND $courses AS row
  MERGE (c:Course {id: row.id})
  SET c.name = row.name, c.creditHours = row.creditHours
  WITH c, row
  OPTIONAL MATCH (p:Program {id: row.partOf})
  FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (c)-[:PART_OF]->(p))
}
CALL () {
  UNWIND $courses AS row
  UNWIND row.requires AS required
  MATCH (c:Course {id: row.id})
  MATCH (pre:Course {id: required})
  MERGE (pre)-[:PREREQUISITE_FOR]->(c)
}
RETURN 1 AS done
