// Occupations each program opens, through the CIP-SOC crosswalk or a PREPARES_FOR link.
UNWIND $programIds AS programId
MATCH (p:Program {id: programId})
CALL (p) {
  MATCH (p)-[:CLASSIFIED_AS]->(cip:Code {system: 'CIP'})-[:CROSSWALKS_TO]->(:Code {system: 'SOC'})<-[:CLASSIFIED_AS]-(o:Occupation)
  WHERE cip.code <> '99.9999'
  RETURN o
  UNION
  MATCH (p)-[:PREPARES_FOR]->(o:Occupation)
  RETURN o
}
WITH programId, o
ORDER BY o.onetSocCode
RETURN programId, collect(o {code: o.onetSocCode, .title, .medianWage, .entryWage}) AS occupations
