UNWIND $rows AS row
MERGE (p:Program {id: 'ctdl-' + row.ctid})
SET p.name = row.name, p.description = row.description, p.ctid = row.ctid,
    p.credentialType = row.type, p.url = row.url, p.ctdlJson = row.ctdlJson,
    p.source = 'Credential Engine CTDL record ' + row.source
MERGE (c:Code {system: 'CTDL', code: row.ctid})
SET c.title = row.name
MERGE (p)-[:CLASSIFIED_AS]->(c)
FOREACH (cipCode IN row.cips |
  MERGE (cip:Code {system: 'CIP', code: cipCode})
  MERGE (p)-[:CLASSIFIED_AS]->(cip))
WITH p, row
// CTDL records cite SOC or O*NET-SOC codes of any vintage; resolve each to the current occupation.
UNWIND row.occupationCodes AS code
CALL (code) {
  MATCH (c:Code {code: code}) WHERE c.system IN ['SOC', 'ONET_SOC', 'ONET_SOC_2010']
  OPTIONAL MATCH (c)<-[:CLASSIFIED_AS]-(direct:Occupation)
  OPTIONAL MATCH (c)-[:CROSSWALKS_TO]->(:Code {system: 'ONET_SOC'})<-[:CLASSIFIED_AS]-(current:Occupation)
  WITH coalesce(direct, current) AS o WHERE o IS NOT NULL
  RETURN o ORDER BY o.onetSocCode LIMIT 1
}
MERGE (p)-[r:PREPARES_FOR]->(o)
SET r.source = 'CTDL occupationType ' + code
