// Test fixture: one target occupation reached through a CIP code, plus the programs,
// links and courses of a test, all keyed by ids unique to the test.
MERGE (o:Occupation {onetSocCode: $occupation.onet})
SET o.socCode = $occupation.soc, o.title = $occupation.title,
    o.medianWage = $occupation.medianWage, o.entryWage = $occupation.entryWage
MERGE (onet:Code {system: 'ONET_SOC', code: $occupation.onet})
MERGE (soc:Code {system: 'SOC', code: $occupation.soc})
MERGE (cip:Code {system: 'CIP', code: $occupation.cip})
MERGE (o)-[:CLASSIFIED_AS]->(onet)
MERGE (o)-[:CLASSIFIED_AS]->(soc)
MERGE (cip)-[:CROSSWALKS_TO {source: 'test fixture'}]->(soc)
WITH cip
CALL (cip) {
  UNWIND $programs AS row
  MERGE (p:Program {id: row.id})
  SET p += row.props
  FOREACH (_ IN CASE WHEN row.opensTarget THEN [1] ELSE [] END | MERGE (p)-[:CLASSIFIED_AS]->(cip))
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
