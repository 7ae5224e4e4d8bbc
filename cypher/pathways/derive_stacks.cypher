// Rebuilds the derived STACKS_INTO links and the stage of one provider's programs.
// Rule: program A stacks into program B when both are offered by the provider, share a
// CIP series (the first four digits, "48.05"), B has the next higher award rank among the
// programs of that series above A, and at least one course is part of both. The credit
// carried is the sum of the credit hours of the shared courses.
MATCH (provider:Provider {id: $providerId})
CALL (provider) {
  MATCH (provider)<-[:OFFERED_BY]-(:Program)-[old:STACKS_INTO {derived: true}]->(:Program)
  DELETE old
}
CALL (provider) {
  MATCH (provider)<-[:OFFERED_BY]-(p:Program)
  WHERE p.awardLevel IS NOT NULL
  SET p.awardRank = CASE p.awardLevel
      WHEN 'CERTIFICATE' THEN 1 WHEN 'TECHNICAL_CERTIFICATE_OF_CREDIT' THEN 1
      WHEN 'DIPLOMA' THEN 2 WHEN 'ASSOCIATE' THEN 3 WHEN 'BACHELOR' THEN 4
      WHEN 'MASTER' THEN 5 WHEN 'DOCTORATE' THEN 6 ELSE null END
  SET p.stage = CASE
      WHEN p.awardRank IS NULL THEN null WHEN p.awardRank = 1 THEN 'FOUNDATION'
      WHEN p.awardRank = 2 THEN 'INTERMEDIATE' WHEN p.awardRank = 3 THEN 'ADVANCED' ELSE 'TERMINAL' END
}
CALL (provider) {
  MATCH (provider)<-[:OFFERED_BY]-(a:Program)-[:CLASSIFIED_AS]->(ca:Code {system: 'CIP'})
  WHERE a.awardRank IS NOT NULL
  MATCH (provider)<-[:OFFERED_BY]-(b:Program)-[:CLASSIFIED_AS]->(cb:Code {system: 'CIP'})
  WHERE b.awardRank > a.awardRank AND left(cb.code, 5) = left(ca.code, 5)
  WITH a, left(ca.code, 5) AS series, b
  ORDER BY b.awardRank
  WITH a, series, collect(DISTINCT b) AS higher
  UNWIND [x IN higher WHERE x.awardRank = higher[0].awardRank] AS b
  CALL (a, b) {
    MATCH (a)<-[:PART_OF]-(c:Course)-[:PART_OF]->(b)
    WITH DISTINCT c
    RETURN count(c) AS shared, sum(coalesce(c.creditHours, 0.0)) AS credit
  }
  WITH a, b, series, shared, credit WHERE shared > 0
  // A link entered through the API or stated in CTDL (derived: false) takes precedence.
  WITH a, b, series, shared, credit WHERE NOT EXISTS { (a)-[x:STACKS_INTO]->(b) WHERE x.derived = false }
  MERGE (a)-[s:STACKS_INTO]->(b)
  SET s.derived = true, s.creditCarried = credit, s.sharedCourses = shared,
      s.derivation = 'same provider, CIP series ' + series + ', next award level ' + b.awardLevel
        + ', ' + toString(shared) + ' shared courses'
}
RETURN COUNT { (provider)<-[:OFFERED_BY]-(:Program)-[:STACKS_INTO {derived: true}]->(:Program) } AS links
