UNWIND $keys AS key
MATCH (p:Program {id: key})
CALL (p) {
  MATCH (p)-[:CLASSIFIED_AS]->(:Code {system: 'CIP'})-[:CROSSWALKS_TO]->(:Code {system: 'SOC'})<-[:CLASSIFIED_AS]-(o:Occupation)
  RETURN o
  UNION
  MATCH (p)-[:PREPARES_FOR]->(o:Occupation)
  RETURN o
}
RETURN key, o.onetSocCode AS onetSocCode
ORDER BY key, onetSocCode
