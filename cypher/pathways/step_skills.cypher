// Skills each program adds toward a target: skills the target requires with importance of
// at least 3 (O*NET scale 1-5) that an occupation opened by the program also requires,
// leaving out the skills the learner holds. At most 5 per program, most important first.
UNWIND $pairs AS pair
MATCH (target:Occupation {onetSocCode: pair.target})
MATCH (p:Program {id: pair.programId})
CALL (p, target) {
  CALL (p) {
    MATCH (p)-[:CLASSIFIED_AS]->(cip:Code {system: 'CIP'})-[:CROSSWALKS_TO]->(:Code {system: 'SOC'})<-[:CLASSIFIED_AS]-(o:Occupation)
    WHERE cip.code <> '99.9999'
    RETURN o
    UNION
    MATCH (p)-[:PREPARES_FOR]->(o:Occupation)
    RETURN o
  }
  MATCH (o)-[:REQUIRES]->(s:Skill)<-[need:REQUIRES]-(target)
  WHERE need.importance >= 3.0 AND NOT s.elementId IN $heldSkills
  WITH DISTINCT s, need.importance AS importance
  ORDER BY importance DESC, s.name
  LIMIT 5
  RETURN collect(s.name) AS skills
}
RETURN pair.target AS target, pair.programId AS programId, skills
