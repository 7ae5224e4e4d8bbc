// CIP codes that the CIP-SOC crosswalk links to at least one seeded occupation.
MATCH (cip:Code {system: 'CIP'})-[:CROSSWALKS_TO]->(:Code {system: 'SOC'})<-[:CLASSIFIED_AS]-(o:Occupation)
WITH cip, collect(DISTINCT o.onetSocCode) AS occupations
RETURN cip.code AS code, coalesce(cip.title, cip.code) AS title, occupations
ORDER BY code
