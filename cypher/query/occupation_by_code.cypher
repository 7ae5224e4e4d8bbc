// Resolves a SOC 2018, O*NET-SOC 2019 or legacy O*NET-SOC 2010 code to the current occupation.
MATCH (c:Code {code: $code})
WHERE c.system IN ['SOC', 'ONET_SOC', 'ONET_SOC_2010']
OPTIONAL MATCH (c)<-[:CLASSIFIED_AS]-(direct:Occupation)
OPTIONAL MATCH (c)-[:CROSSWALKS_TO]->(:Code {system: 'ONET_SOC'})<-[:CLASSIFIED_AS]-(current:Occupation)
WITH coalesce(direct, current) AS o
WHERE o IS NOT NULL
RETURN o {.*} AS node
ORDER BY o.onetSocCode
LIMIT 1
